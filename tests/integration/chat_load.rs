//! `examples/chat` under load, on loopback with real clients: 1,000 websockets in 100 rooms of
//! 10, each sending 10 messages once all have joined (heard their own arrival). Every member hears every message of its room, in each
//! speaker's order, none lost; the server's resident memory stays under 64 MiB.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt as _, StreamExt as _};
use serde_json::Value;
use tokio_tungstenite::tungstenite::Message as Frame;

const ROOMS: usize = 100;
const MEMBERS: usize = 10;
const MESSAGES: usize = 10;

/// The server program, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Server {
    /// A line of `/proc/<pid>/status`, in KiB.
    fn status_kib(&self, key: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.0.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }
}

/// Member `member` of room `room`: joins, waits for everyone, says its messages, and returns
/// what it heard said (speaker, text) once it heard all of its room.
async fn member(
    addr: SocketAddr,
    room: usize,
    member: usize,
    joined: Arc<tokio::sync::Barrier>,
) -> Vec<(String, String)> {
    let name = format!("m{member}");
    let url = format!("ws://{addr}/ws/room{room}?token=load&name={name}");
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (ws, _) = tokio_tungstenite::client_async(url, stream).await.unwrap();
    let (mut sink, mut stream) = ws.split();
    // The handshake's answer comes before the handler joins the room: hearing its own arrival
    // tells the member that it hears the room, before anyone speaks.
    loop {
        let frame = stream.next().await.expect("open").expect("a frame");
        let Frame::Text(text) = frame else { continue };
        let event: Value = serde_json::from_str(text.as_str()).unwrap();
        if event["type"] == "joined" && event["name"] == name.as_str() {
            break;
        }
    }
    joined.wait().await;
    let speaking = tokio::spawn(async move {
        for i in 0..MESSAGES {
            let said = format!(r#"{{"text":"{i}"}}"#);
            sink.send(Frame::text(said)).await.unwrap();
        }
        sink
    });
    let mut heard = Vec::new();
    while heard.len() < MEMBERS * MESSAGES {
        let frame = stream.next().await.expect("open").expect("a frame");
        let Frame::Text(text) = frame else { continue };
        let event: Value = serde_json::from_str(text.as_str()).unwrap();
        match event["type"].as_str() {
            Some("message") => {
                assert_eq!(event["room"], format!("room{room}"));
                heard.push((
                    event["name"].as_str().unwrap().to_owned(),
                    event["text"].as_str().unwrap().to_owned(),
                ));
            }
            Some("missed") => panic!("a member missed messages: {event}"),
            _ => {}
        }
    }
    let mut sink = speaking.await.unwrap();
    let _ = sink.close().await;
    heard
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a load test: tests/run-all.sh runs it alone"]
async fn a_thousand_websockets_in_rooms_hear_every_message() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_chat_server"));
    command.stderr(Stdio::null());
    let (child, addr) = crate::server_process::spawn_serving(command);
    let server = Server(child);
    let idle = server.status_kib("VmRSS:");
    let joined = Arc::new(tokio::sync::Barrier::new(ROOMS * MEMBERS + 1));
    let mut members = Vec::new();
    for room in 0..ROOMS {
        for m in 0..MEMBERS {
            members.push(tokio::spawn(member(addr, room, m, Arc::clone(&joined))));
        }
        // A room at a time, so that the listener's backlog is never the limit.
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    tokio::time::timeout(Duration::from_secs(60), joined.wait())
        .await
        .expect("every member joins");
    let connected = server.status_kib("VmRSS:");
    let mut heard = Vec::new();
    for member in members {
        heard.push(
            tokio::time::timeout(Duration::from_secs(120), member)
                .await
                .expect("every member hears its room")
                .unwrap(),
        );
    }
    let peak = server.status_kib("VmHWM:");
    for said in &heard {
        // Each speaker's messages, all of them, in the order said.
        let mut by_speaker: HashMap<&str, Vec<&str>> = HashMap::new();
        for (name, text) in said {
            by_speaker.entry(name).or_default().push(text);
        }
        assert_eq!(by_speaker.len(), MEMBERS);
        let expected: Vec<String> = (0..MESSAGES).map(|i| i.to_string()).collect();
        for texts in by_speaker.values() {
            assert_eq!(*texts, expected);
        }
    }
    eprintln!(
        "chat load: {} websockets, {} messages heard; server RSS idle {idle} KiB, connected {connected} KiB, peak {peak} KiB",
        ROOMS * MEMBERS,
        heard.iter().map(Vec::len).sum::<usize>()
    );
    assert!(peak < 64 * 1024, "the server peaked at {peak} KiB");
}
