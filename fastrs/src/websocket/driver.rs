//! The connection's driver: one loop per websocket that reads frames into the handler's queue,
//! writes what the handler sends, pings the client and waits for its pong, and sends the close
//! frame (the handler's, 1009 for a message too large, 1011 for a missing pong, 1001 at the
//! server's shutdown). The handler never touches the connection itself, so that all of this
//! goes on while it awaits something else.

use std::time::Duration;

use futures_util::{SinkExt as _, StreamExt as _};
use tokio::time::Instant;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, Role, WebSocketConfig as Limits};
use tokio_tungstenite::tungstenite::{Error, Message as Frame, error::CapacityError};

use super::close::{Disconnect, close_code, wire_reason};
use super::handshake::Upgrade;
use super::socket::{Command, Link, Message};
use crate::context::WebSocketConfig;

/// How long the server waits for the client's close frame after sending its own.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(10);

/// Drives the websocket of `upgrade` until it closes.
pub(crate) async fn drive(
    upgrade: Upgrade,
    link: Link,
    config: WebSocketConfig,
    mut closing: tokio::sync::watch::Receiver<bool>,
) {
    let Link {
        incoming,
        mut commands,
        ended,
    } = link;
    let Some(io) = upgrade.connect().await else {
        let _ = ended.set(Disconnect::new(close_code::ABNORMAL_CLOSURE, ""));
        return;
    };
    let limits = Limits::default()
        // Small buffers: a server holds many idle websockets.
        .read_buffer_size(4096)
        .write_buffer_size(0)
        .max_message_size(Some(config.max_message_size))
        .max_frame_size(Some(config.max_frame_size));
    let mut ws = WebSocketStream::from_raw_socket(io, Role::Server, Some(limits)).await;
    let mut keepalive = Keepalive::new(config);
    // A message read while the handler's queue is full waits here; reading stops meanwhile.
    let mut held: Option<Message> = None;
    let incoming = Some(incoming);
    let closed = loop {
        tokio::select! {
            // The queue has room again: the held message goes in.
            permit = reserve(&incoming), if held.is_some() => {
                if let (Ok(permit), Some(message)) = (permit, held.take()) {
                    permit.send(message);
                }
                // A handler that dropped its receiver: the message is dropped.
                else { held = None; }
            }
            frame = ws.next(), if held.is_none() => match frame {
                Some(Ok(Frame::Text(text))) => held = Some(Message::Text(text.as_str().to_owned())),
                Some(Ok(Frame::Binary(bytes))) => held = Some(Message::Binary(bytes)),
                Some(Ok(Frame::Pong(_))) => keepalive.ponged(),
                // Answered by tungstenite, with the next write or flush.
                Some(Ok(Frame::Ping(_))) => {
                    if ws.flush().await.is_err() {
                        break Disconnect::new(close_code::ABNORMAL_CLOSURE, "");
                    }
                }
                Some(Ok(Frame::Close(frame))) => {
                    // tungstenite queued the reply: sent by this flush.
                    let _ = ws.flush().await;
                    break match frame {
                        Some(frame) => Disconnect::new(u16::from(frame.code), frame.reason.as_str()),
                        None => Disconnect::new(1005, ""),
                    };
                }
                Some(Ok(Frame::Frame(_))) => {}
                Some(Err(Error::Capacity(CapacityError::MessageTooLong { .. })))
                    => break close(&mut ws, close_code::MESSAGE_TOO_BIG, "").await,
                Some(Err(Error::Utf8(_)))
                    => break close(&mut ws, close_code::INVALID_PAYLOAD, "").await,
                Some(Err(Error::Protocol(_)))
                    => break close(&mut ws, close_code::PROTOCOL_ERROR, "").await,
                Some(Err(_)) | None => break Disconnect::new(close_code::ABNORMAL_CLOSURE, ""),
            },
            command = commands.recv() => match command {
                Some(Command::Send(message)) => {
                    let frame = match message {
                        Message::Text(text) => Frame::text(text),
                        Message::Binary(bytes) => Frame::binary(bytes),
                    };
                    if ws.send(frame).await.is_err() {
                        break Disconnect::new(close_code::ABNORMAL_CLOSURE, "");
                    }
                }
                Some(Command::Close(code, reason)) => break close(&mut ws, code, &reason).await,
                // Every sender is gone (the handler returned, the pipeline's closer too):
                // the pipeline sent its close first, so this is a dropped handler.
                None => break close(&mut ws, close_code::NORMAL, "").await,
            },
            () = keepalive.next(), if keepalive.armed() => {
                if keepalive.overdue() {
                    break close(&mut ws, close_code::INTERNAL_ERROR, "keepalive ping timeout").await;
                }
                if ws.send(Frame::Ping(bytes::Bytes::new())).await.is_err() {
                    break Disconnect::new(close_code::ABNORMAL_CLOSURE, "");
                }
                keepalive.pinged();
            }
            () = stopping(&mut closing) => {
                break close(&mut ws, close_code::GOING_AWAY, "").await;
            }
        }
    };
    // The handler sees how it ended: its `recv` returns it, its `send` fails with it.
    let _ = ended.set(closed);
    commands.close();
    drop(incoming);
    // The client's close frame, if it has not sent it yet; the connection closes after it.
    let _ = tokio::time::timeout(CLOSE_TIMEOUT, async {
        while let Some(Ok(_)) = ws.next().await {}
    })
    .await;
}

/// Resolves when the server stops (its guard dropped here, as it is not `Send`).
async fn stopping(closing: &mut tokio::sync::watch::Receiver<bool>) {
    if closing.wait_for(|stop| *stop).await.is_err() {
        // The app is gone without a shutdown: nothing will tell this websocket to stop.
        std::future::pending::<()>().await;
    }
}

/// A permit in the handler's queue; an error once the handler dropped its receiver.
async fn reserve(
    incoming: &Option<tokio::sync::mpsc::Sender<Message>>,
) -> Result<tokio::sync::mpsc::Permit<'_, Message>, ()> {
    match incoming {
        Some(incoming) => incoming.reserve().await.map_err(|_| ()),
        None => Err(()),
    }
}

/// Sends the close frame with `code` and `reason`: how the websocket ended, for the handler.
async fn close<S>(ws: &mut WebSocketStream<S>, code: u16, reason: &str) -> Disconnect
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let frame = CloseFrame {
        code: CloseCode::from(code),
        reason: wire_reason(reason).into(),
    };
    let _ = ws.close(Some(frame)).await;
    Disconnect::new(code, reason)
}

/// The pings and the wait for their pongs.
struct Keepalive {
    interval: Option<Duration>,
    timeout: Option<Duration>,
    /// When the next ping is due, or the pong is overdue.
    at: Instant,
    /// When the last ping was sent.
    last: Instant,
    /// When the ping waiting for its pong was sent.
    waiting: Option<Instant>,
}

impl Keepalive {
    fn new(config: WebSocketConfig) -> Self {
        let interval = config.ping_interval;
        Self {
            interval,
            timeout: config.ping_timeout,
            at: Instant::now() + interval.unwrap_or(Duration::ZERO),
            last: Instant::now(),
            waiting: None,
        }
    }

    fn armed(&self) -> bool {
        self.interval.is_some()
    }

    async fn next(&self) {
        tokio::time::sleep_until(self.at).await;
    }

    /// The pong of the ping sent has not come within the timeout.
    fn overdue(&self) -> bool {
        match (self.waiting, self.timeout) {
            (Some(sent), Some(timeout)) => sent.elapsed() >= timeout,
            _ => false,
        }
    }

    fn pinged(&mut self) {
        let now = Instant::now();
        self.last = now;
        if self.waiting.is_none() {
            self.waiting = Some(now);
        }
        let interval = self.interval.unwrap_or(Duration::MAX);
        // The next wake-up: the next ping, or the pong's deadline when it comes first.
        let deadline = self.waiting.zip(self.timeout).map(|(sent, t)| sent + t);
        self.at = match deadline {
            Some(deadline) if deadline < now + interval => deadline,
            _ => now + interval,
        };
    }

    fn ponged(&mut self) {
        self.waiting = None;
        self.at = self.last + self.interval.unwrap_or(Duration::MAX);
    }
}
