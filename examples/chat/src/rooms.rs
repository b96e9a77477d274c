//! The rooms: one broadcast channel each, made when the first member joins and dropped when
//! the last one leaves.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tokio::sync::broadcast;

/// How many messages a room keeps for a member that is slow to take them. A member that
/// falls further behind is told how many it missed.
const BACKLOG: usize = 1024;

/// The chat's rooms by name.
#[derive(Debug, Clone, Default)]
pub struct Rooms {
    rooms: Arc<Mutex<HashMap<String, broadcast::Sender<Arc<str>>>>>,
}

/// A room and how many members are in it.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct RoomSize {
    /// The room's name.
    pub room: String,
    /// Its members.
    pub members: usize,
}

/// What the room hears, as sent to its members (JSON).
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Event<'a> {
    Joined {
        room: &'a str,
        name: &'a str,
    },
    Message {
        room: &'a str,
        name: &'a str,
        text: &'a str,
    },
    Left {
        room: &'a str,
        name: &'a str,
    },
    Missed {
        count: u64,
    },
}

impl Event<'_> {
    fn json(&self) -> Arc<str> {
        serde_json::to_string(self)
            .expect("an event is JSON")
            .into()
    }
}

impl Rooms {
    /// `name` joins `room`: what it says, and what it hears from now on. The room hears that
    /// it joined.
    pub fn join(&self, room: &str, name: &str) -> (Speaker, Heard) {
        let channel = {
            let mut rooms = self.rooms.lock().unwrap_or_else(|e| e.into_inner());
            rooms
                .entry(room.to_owned())
                .or_insert_with(|| broadcast::channel(BACKLOG).0)
                .clone()
        };
        let hearing = channel.subscribe();
        let speaker = Speaker {
            rooms: self.clone(),
            room: room.to_owned(),
            name: name.to_owned(),
            channel,
        };
        let _ = speaker.channel.send(Event::Joined { room, name }.json());
        (speaker, Heard(hearing))
    }

    /// The rooms open now, by name.
    pub fn sizes(&self) -> Vec<RoomSize> {
        let rooms = self.rooms.lock().unwrap_or_else(|e| e.into_inner());
        let mut sizes: Vec<RoomSize> = rooms
            .iter()
            .map(|(room, channel)| RoomSize {
                room: room.clone(),
                members: channel.receiver_count(),
            })
            .collect();
        sizes.sort_by(|a, b| a.room.cmp(&b.room));
        sizes
    }
}

/// A member's voice in its room; the room hears it leave when it is dropped.
#[derive(Debug)]
pub struct Speaker {
    rooms: Rooms,
    room: String,
    name: String,
    channel: broadcast::Sender<Arc<str>>,
}

impl Speaker {
    /// Says `text` to the room (the speaker hears it too).
    pub fn say(&self, text: &str) {
        let event = Event::Message {
            room: &self.room,
            name: &self.name,
            text,
        };
        let _ = self.channel.send(event.json());
    }
}

impl Drop for Speaker {
    fn drop(&mut self) {
        let (room, name) = (&self.room, &self.name);
        let _ = self.channel.send(Event::Left { room, name }.json());
        let mut rooms = self.rooms.rooms.lock().unwrap_or_else(|e| e.into_inner());
        // The last member out closes the room (its own receiver may still be held a moment).
        if self.channel.receiver_count() <= 1 {
            rooms.remove(&self.room);
        }
    }
}

/// What a member hears.
#[derive(Debug)]
pub struct Heard(broadcast::Receiver<Arc<str>>);

impl Heard {
    /// The next event as JSON; `None` once the room is gone.
    pub async fn next(&mut self) -> Option<Arc<str>> {
        match self.0.recv().await {
            Ok(event) => Some(event),
            Err(broadcast::error::RecvError::Lagged(count)) => Some(Event::Missed { count }.json()),
            Err(broadcast::error::RecvError::Closed) => None,
        }
    }
}
