//! The handler's side of a websocket: [`WebSocket`], and its two halves for a handler that
//! sends from one task and receives in another.

use std::sync::{Arc, Mutex, OnceLock};

use bytes::Bytes;
use serde::Serialize;
use tokio::sync::mpsc;

use super::close::{Disconnect, WebSocketError, close_code};
use crate::context::{Fact, Meta};
use crate::extract::{BodyParam, Cx, FromCx};

/// A message from the client, or to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A text message.
    Text(String),
    /// A binary message.
    Binary(Bytes),
}

impl Message {
    /// The text of a text message.
    ///
    /// # Errors
    ///
    /// [`WebSocketError::UnexpectedMessage`] for a binary message.
    pub fn into_text(self) -> Result<String, WebSocketError> {
        match self {
            Message::Text(text) => Ok(text),
            Message::Binary(_) => Err(WebSocketError::UnexpectedMessage { expected: "text" }),
        }
    }

    /// The bytes of a binary message.
    ///
    /// # Errors
    ///
    /// [`WebSocketError::UnexpectedMessage`] for a text message.
    pub fn into_bytes(self) -> Result<Bytes, WebSocketError> {
        match self {
            Message::Binary(bytes) => Ok(bytes),
            Message::Text(_) => Err(WebSocketError::UnexpectedMessage { expected: "bytes" }),
        }
    }

    /// The message's bytes, text or binary (for JSON, which may come either way).
    pub fn into_payload(self) -> Bytes {
        match self {
            Message::Text(text) => Bytes::from(text),
            Message::Binary(bytes) => bytes,
        }
    }
}

/// What the handler's halves ask of the driver.
#[derive(Debug)]
pub(crate) enum Command {
    Send(Message),
    Close(u16, String),
}

/// How the websocket ended, set once by whichever side closed first.
pub(crate) type Ended = Arc<OnceLock<Disconnect>>;

/// The ending, or 1006 when the connection dropped before one was noted.
fn ended(ended: &Ended) -> Disconnect {
    ended
        .get()
        .cloned()
        .unwrap_or_else(|| Disconnect::new(close_code::ABNORMAL_CLOSURE, ""))
}

/// A websocket connection, the argument of a `#[websocket]` route: its parameters and
/// dependencies were read before the handshake was accepted.
///
/// ```
/// use fastrs::prelude::*;
/// use fastrs::websocket::{WebSocket, WebSocketException};
///
/// #[websocket("/echo")]
/// async fn echo(mut ws: WebSocket) -> Result<(), WebSocketException> {
///     loop {
///         let text = ws.recv_text().await?;
///         ws.send_text(format!("Message text was: {text}")).await?;
///     }
/// }
/// # fn main() {}
/// ```
///
/// The connection closes with 1000 when the handler returns, with the code of its
/// [`WebSocketException`](super::WebSocketException) when it returns one, and with 1011 when
/// it returns another error or panics. A client that leaves makes `recv_*` and `send_*` return
/// [`WebSocketError::Disconnected`] with its close code (1006 when it sent no close frame).
#[derive(Debug)]
pub struct WebSocket {
    sender: WebSocketSender,
    receiver: WebSocketReceiver,
}

/// The sending half of a [`WebSocket`]: cheap to clone, to send from several tasks.
#[derive(Debug, Clone)]
pub struct WebSocketSender {
    commands: mpsc::Sender<Command>,
    ended: Ended,
}

/// The receiving half of a [`WebSocket`].
#[derive(Debug)]
pub struct WebSocketReceiver {
    incoming: mpsc::Receiver<Message>,
    ended: Ended,
}

/// The driver's ends of a websocket's channels.
pub(crate) struct Link {
    pub(crate) incoming: mpsc::Sender<Message>,
    pub(crate) commands: mpsc::Receiver<Command>,
    pub(crate) ended: Ended,
}

/// A websocket, the driver's ends of its channels, and the pipeline's own sender (it closes
/// the websocket when the handler returns); `queue` received messages wait for the handler
/// at most.
pub(crate) fn channels(queue: usize) -> (WebSocket, Link, WebSocketSender) {
    let (incoming_tx, incoming_rx) = mpsc::channel(queue);
    // Enough for a burst of sends; a handler faster than its client waits.
    let (commands_tx, commands_rx) = mpsc::channel(32);
    let ended: Ended = Arc::default();
    let sender = WebSocketSender {
        commands: commands_tx,
        ended: Arc::clone(&ended),
    };
    let socket = WebSocket {
        sender: sender.clone(),
        receiver: WebSocketReceiver {
            incoming: incoming_rx,
            ended: Arc::clone(&ended),
        },
    };
    let link = Link {
        incoming: incoming_tx,
        commands: commands_rx,
        ended,
    };
    (socket, link, sender)
}

impl WebSocket {
    /// The next message.
    ///
    /// # Errors
    ///
    /// [`WebSocketError::Disconnected`] once the websocket is closed.
    pub async fn recv(&mut self) -> Result<Message, WebSocketError> {
        self.receiver.recv().await
    }

    /// The next message, which must be text (FastAPI's `receive_text`).
    ///
    /// # Errors
    ///
    /// [`WebSocketError::UnexpectedMessage`] for a binary message, and
    /// [`WebSocketError::Disconnected`] once the websocket is closed.
    pub async fn recv_text(&mut self) -> Result<String, WebSocketError> {
        self.receiver.recv_text().await
    }

    /// The next message, which must be binary (FastAPI's `receive_bytes`).
    ///
    /// # Errors
    ///
    /// [`WebSocketError::UnexpectedMessage`] for a text message, and
    /// [`WebSocketError::Disconnected`] once the websocket is closed.
    pub async fn recv_bytes(&mut self) -> Result<Bytes, WebSocketError> {
        self.receiver.recv_bytes().await
    }

    /// The next message (text or binary) as JSON of type `T`, validated as a request body
    /// would be.
    ///
    /// # Errors
    ///
    /// [`WebSocketError::Invalid`] with the errors FastAPI gives the same JSON sent as a
    /// body, for the handler to decide about (`?` closes with 1008 and the errors), and
    /// [`WebSocketError::Disconnected`] once the websocket is closed.
    pub async fn recv_json<T: BodyParam>(&mut self) -> Result<T, WebSocketError> {
        self.receiver.recv_json().await
    }

    /// Sends `message`.
    ///
    /// # Errors
    ///
    /// [`Disconnect`] once the websocket is closed.
    pub async fn send(&self, message: Message) -> Result<(), Disconnect> {
        self.sender.send(message).await
    }

    /// Sends a text message.
    ///
    /// # Errors
    ///
    /// [`Disconnect`] once the websocket is closed.
    pub async fn send_text(&self, text: impl Into<String>) -> Result<(), Disconnect> {
        self.sender.send_text(text).await
    }

    /// Sends a binary message.
    ///
    /// # Errors
    ///
    /// [`Disconnect`] once the websocket is closed.
    pub async fn send_bytes(&self, bytes: impl Into<Bytes>) -> Result<(), Disconnect> {
        self.sender.send_bytes(bytes).await
    }

    /// Sends `value` as a JSON text message.
    ///
    /// # Errors
    ///
    /// [`Disconnect`] once the websocket is closed.
    pub async fn send_json<T: Serialize + ?Sized>(&self, value: &T) -> Result<(), Disconnect> {
        self.sender.send_json(value).await
    }

    /// Closes the websocket with `code` and `reason` (cut to 123 bytes on the wire): later
    /// sends fail and `recv` reports this close.
    ///
    /// # Errors
    ///
    /// [`Disconnect`] when it was closed already.
    pub async fn close(&self, code: u16, reason: &str) -> Result<(), Disconnect> {
        self.sender.close(code, reason).await
    }

    /// The two halves: sending (cloneable) and receiving.
    pub fn split(self) -> (WebSocketSender, WebSocketReceiver) {
        (self.sender, self.receiver)
    }

    /// A sender of this websocket, to send from another task while this one receives.
    pub fn sender(&self) -> WebSocketSender {
        self.sender.clone()
    }
}

impl WebSocketSender {
    /// Sends `message`.
    ///
    /// # Errors
    ///
    /// [`Disconnect`] once the websocket is closed.
    pub async fn send(&self, message: Message) -> Result<(), Disconnect> {
        if let Some(closed) = self.ended.get() {
            return Err(closed.clone());
        }
        self.commands
            .send(Command::Send(message))
            .await
            .map_err(|_| ended(&self.ended))
    }

    /// Sends a text message.
    ///
    /// # Errors
    ///
    /// [`Disconnect`] once the websocket is closed.
    pub async fn send_text(&self, text: impl Into<String>) -> Result<(), Disconnect> {
        self.send(Message::Text(text.into())).await
    }

    /// Sends a binary message.
    ///
    /// # Errors
    ///
    /// [`Disconnect`] once the websocket is closed.
    pub async fn send_bytes(&self, bytes: impl Into<Bytes>) -> Result<(), Disconnect> {
        self.send(Message::Binary(bytes.into())).await
    }

    /// Sends `value` as a JSON text message.
    ///
    /// # Errors
    ///
    /// [`Disconnect`] once the websocket is closed.
    pub async fn send_json<T: Serialize + ?Sized>(&self, value: &T) -> Result<(), Disconnect> {
        // Serializing a `Serialize` value to a string fails only for a map with keys that are
        // not strings: sent as `null`, as there is no JSON for it.
        let text = serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned());
        self.send(Message::Text(text)).await
    }

    /// Closes the websocket with `code` and `reason`.
    ///
    /// # Errors
    ///
    /// [`Disconnect`] when it was closed already.
    pub async fn close(&self, code: u16, reason: &str) -> Result<(), Disconnect> {
        if let Some(closed) = self.ended.get() {
            return Err(closed.clone());
        }
        self.commands
            .send(Command::Close(code, reason.to_owned()))
            .await
            .map_err(|_| ended(&self.ended))
    }

    /// Whether the websocket is closed.
    pub fn is_closed(&self) -> bool {
        self.ended.get().is_some() || self.commands.is_closed()
    }
}

impl WebSocketReceiver {
    /// The next message.
    ///
    /// # Errors
    ///
    /// [`WebSocketError::Disconnected`] once the websocket is closed.
    pub async fn recv(&mut self) -> Result<Message, WebSocketError> {
        match self.incoming.recv().await {
            Some(message) => Ok(message),
            None => Err(WebSocketError::Disconnected(ended(&self.ended))),
        }
    }

    /// The next message, which must be text.
    ///
    /// # Errors
    ///
    /// As [`WebSocket::recv_text`].
    pub async fn recv_text(&mut self) -> Result<String, WebSocketError> {
        self.recv().await?.into_text()
    }

    /// The next message, which must be binary.
    ///
    /// # Errors
    ///
    /// As [`WebSocket::recv_bytes`].
    pub async fn recv_bytes(&mut self) -> Result<Bytes, WebSocketError> {
        self.recv().await?.into_bytes()
    }

    /// The next message as JSON of type `T`, validated as a body.
    ///
    /// # Errors
    ///
    /// As [`WebSocket::recv_json`].
    pub async fn recv_json<T: BodyParam>(&mut self) -> Result<T, WebSocketError> {
        let bytes = self.recv().await?.into_payload();
        crate::extract::json_message(bytes).map_err(WebSocketError::Invalid)
    }
}

/// A websocket waiting in its handshake's extensions for the route's argument to take it.
#[derive(Clone)]
pub(crate) struct Waiting(Arc<Mutex<Option<WebSocket>>>);

impl Waiting {
    pub(crate) fn new(socket: WebSocket) -> Self {
        Self(Arc::new(Mutex::new(Some(socket))))
    }

    fn take(&self) -> Option<WebSocket> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }
}

impl FromCx for WebSocket {
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self> {
        // Only a `#[websocket]` route's handshake has one (the start-up checks refuse a
        // `WebSocket` anywhere else), and only its first `WebSocket` argument takes it.
        cx.parts()
            .extensions
            .get::<Waiting>()
            .and_then(Waiting::take)
    }

    fn describe(meta: &mut Meta) {
        meta.push(Fact::WebSocket);
    }
}
