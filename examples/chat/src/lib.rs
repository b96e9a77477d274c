//! A chat on fastrs: rooms that anyone with the token can join, over websockets.
//!
//! - `GET /`: the page, with a small script that joins a room, sends and shows messages;
//! - `GET /rooms`: the rooms open now and their members (JSON, in the document);
//! - `WEBSOCKET /ws/<room>?token=...&name=...`: a member of `room`. The token is checked by a
//!   dependency before the handshake is accepted (a bad one is refused with 1008), the name by
//!   its constraints; each message is JSON, validated by [`Said`], and broadcast to the room
//!   over a `tokio::sync::broadcast` channel.

mod rooms;

use fastrs::prelude::*;
use fastrs::websocket::{WebSocketError, close_code};

pub use rooms::{Heard, Rooms};

/// The room's password, as the app was given it.
#[derive(Debug, Clone)]
pub struct Token(pub String);

/// The page: joins a room and shows what is said in it.
#[get("/", include_in_schema = false)]
async fn page() -> fastrs::response::Html<&'static str> {
    fastrs::response::Html(include_str!("../static/index.html"))
}

/// The rooms open now, with how many members each has.
#[get("/rooms", tags = ["rooms"])]
async fn open_rooms(rooms: State<Rooms>) -> Json<Vec<rooms::RoomSize>> {
    Json(rooms.sizes())
}

/// A member who gave the right token.
#[depends]
async fn member(
    #[query] token: String,
    #[query(min_length = 1, max_length = 32)] name: String,
    expected: State<Token>,
) -> Result<String, WebSocketException> {
    if token != expected.0 {
        return Err(WebSocketException::new(
            close_code::POLICY_VIOLATION,
            "invalid token",
        ));
    }
    Ok(name)
}

/// What a member says: `{"text": "..."}`, 1 to 500 characters.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Said {
    /// The message.
    #[schemars(length(min = 1, max = 500))]
    pub text: String,
}

/// A member of `room`: hears everything said in it, and says what it sends.
#[websocket("/ws/<room>")]
async fn join(
    mut ws: WebSocket,
    #[path(min_length = 1, max_length = 64)] room: String,
    name: Depends<member>,
    rooms: State<Rooms>,
) -> Result<(), WebSocketException> {
    let name = name.into_inner();
    let (speaker, mut hearing) = rooms.join(&room, &name);
    // What the room says goes to the client from a task of its own, while this one reads.
    let sender = ws.sender();
    let forward = tokio::spawn(async move {
        while let Some(heard) = hearing.next().await {
            if sender.send_text(heard.as_ref()).await.is_err() {
                break;
            }
        }
    });
    let ended = loop {
        match ws.recv_json::<Said>().await {
            Ok(said) => speaker.say(&said.text),
            // Told to the sender only; the connection stays open.
            Err(WebSocketError::Invalid(errors)) => {
                let answer = json!({"type": "error", "errors": errors});
                if let Err(gone) = ws.send_json(&answer).await {
                    break Err(gone.into());
                }
            }
            Err(WebSocketError::Disconnected(_)) => break Ok(()),
            Err(other) => break Err(other.into()),
        }
    };
    drop(speaker);
    forward.abort();
    ended
}

/// The chat, whose rooms take `token`.
pub fn app(token: &str) -> App {
    App::scoped(module_path!())
        .title("Chat")
        .version("0.1.0")
        .state(Rooms::default())
        .state(Token(token.to_owned()))
}
