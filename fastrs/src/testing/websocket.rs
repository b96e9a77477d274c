//! Websockets in the `TestClient`: the handshake through the app in process, then the
//! connection over an in-memory pipe, with no socket.

use bytes::Bytes;
use futures_util::{SinkExt as _, StreamExt as _};
use http::{HeaderValue, StatusCode, header};
use tokio::io::DuplexStream;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message as Frame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, Role};
use tower::ServiceExt as _;

use super::{TestRequest, TestResponse};
use crate::websocket::{Disconnect, Message, TestUpgrade, WebSocketError, WebSocketException};

/// The pipe's buffer in each direction.
const PIPE: usize = 256 * 1024;

impl TestRequest<'_> {
    /// Sends the request as a websocket handshake and opens the connection it is accepted
    /// with.
    ///
    /// # Errors
    ///
    /// [`WebSocketRefused`] when the app does not accept the handshake: its answer, and the
    /// close code and reason when it closed before accepting (FastAPI's 1008 for invalid
    /// parameters, a dependency's `WebSocketException`).
    pub async fn connect(self) -> Result<TestWebSocket, WebSocketRefused> {
        let client = self.client;
        let mut request = self.into_request();
        let headers = request.headers_mut();
        headers.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
        headers.insert(header::CONNECTION, HeaderValue::from_static("Upgrade"));
        headers.insert(
            header::SEC_WEBSOCKET_KEY,
            HeaderValue::from_static("dGhlIHNhbXBsZSBub25jZQ=="),
        );
        headers.insert(
            header::SEC_WEBSOCKET_VERSION,
            HeaderValue::from_static("13"),
        );
        let (pipe, waiting) = tokio::sync::oneshot::channel();
        // In place of the one `into_request` put there.
        request.extensions_mut().insert(TestUpgrade::new(waiting));
        let mut response = match client.router.clone().oneshot(request).await {
            Ok(response) => response,
            Err(infallible) => match infallible {},
        };
        if response.status() != StatusCode::SWITCHING_PROTOCOLS {
            let close = response.extensions_mut().remove::<WebSocketException>();
            return Err(WebSocketRefused {
                response: TestResponse::read(response).await,
                close,
            });
        }
        let (ours, theirs) = tokio::io::duplex(PIPE);
        // The server's end of the pipe, to the route's task waiting for its connection.
        let _ = pipe.send(theirs);
        let ws = WebSocketStream::from_raw_socket(ours, Role::Client, None).await;
        Ok(TestWebSocket {
            ws,
            closed: None,
            response: TestResponse::read(response).await,
        })
    }
}

/// A handshake the app did not accept.
#[derive(Debug, Clone)]
pub struct WebSocketRefused {
    response: TestResponse,
    close: Option<WebSocketException>,
}

impl WebSocketRefused {
    /// The status of the answer: 403 for a handshake closed before it was accepted, or a
    /// dependency's `HttpError`.
    pub fn status(&self) -> StatusCode {
        self.response.status()
    }

    /// The whole answer.
    pub fn response(&self) -> &TestResponse {
        &self.response
    }

    /// The close code, when the app closed the websocket before accepting it.
    pub fn close_code(&self) -> Option<u16> {
        self.close.as_ref().map(|close| close.code)
    }

    /// The close reason, when the app closed the websocket before accepting it: for invalid
    /// parameters, FastAPI's error list as JSON.
    pub fn close_reason(&self) -> Option<&str> {
        self.close.as_ref().map(|close| close.reason.as_str())
    }
}

impl std::fmt::Display for WebSocketRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the handshake was refused with {}", self.status())?;
        if let Some(close) = &self.close {
            write!(f, " ({close})")?;
        }
        Ok(())
    }
}

impl std::error::Error for WebSocketRefused {}

/// An open websocket of the `TestClient`.
#[derive(Debug)]
pub struct TestWebSocket {
    ws: WebSocketStream<DuplexStream>,
    /// The server's close, once received.
    closed: Option<Disconnect>,
    response: TestResponse,
}

impl TestWebSocket {
    /// The handshake's answer (`101 Switching Protocols`).
    pub fn response(&self) -> &TestResponse {
        &self.response
    }

    /// Sends a text message.
    ///
    /// # Panics
    ///
    /// When the connection is gone.
    pub async fn send_text(&mut self, text: impl Into<String>) {
        self.send(Frame::text(text.into())).await;
    }

    /// Sends a binary message.
    ///
    /// # Panics
    ///
    /// When the connection is gone.
    pub async fn send_bytes(&mut self, bytes: impl Into<Bytes>) {
        self.send(Frame::binary(bytes.into())).await;
    }

    /// Sends `value` as a JSON text message.
    ///
    /// # Panics
    ///
    /// When the connection is gone, or `value` cannot be serialized.
    pub async fn send_json<T: serde::Serialize + ?Sized>(&mut self, value: &T) {
        let text = serde_json::to_string(value).expect("a serializable message");
        self.send(Frame::text(text)).await;
    }

    async fn send(&mut self, frame: Frame) {
        self.ws
            .send(frame)
            .await
            .unwrap_or_else(|e| panic!("the websocket cannot send: {e}"));
    }

    /// The next message from the app.
    ///
    /// # Errors
    ///
    /// [`WebSocketError::Disconnected`] with the app's close code and reason once it closed.
    pub async fn recv(&mut self) -> Result<Message, WebSocketError> {
        if let Some(closed) = &self.closed {
            return Err(WebSocketError::Disconnected(closed.clone()));
        }
        loop {
            let frame = self.ws.next().await;
            let closed = match frame {
                Some(Ok(Frame::Text(text))) => return Ok(Message::Text(text.as_str().to_owned())),
                Some(Ok(Frame::Binary(bytes))) => return Ok(Message::Binary(bytes)),
                Some(Ok(Frame::Close(Some(frame)))) => {
                    Disconnect::new(u16::from(frame.code), frame.reason.as_str())
                }
                Some(Ok(Frame::Close(None))) => Disconnect::new(1005, ""),
                Some(Ok(_)) => continue,
                Some(Err(_)) | None => Disconnect::new(1006, ""),
            };
            // The close is answered (tungstenite queued the reply; this sends it).
            let _ = self.ws.flush().await;
            self.closed = Some(closed.clone());
            return Err(WebSocketError::Disconnected(closed));
        }
    }

    /// The next message, which must be text.
    ///
    /// # Errors
    ///
    /// As [`TestWebSocket::recv`], and [`WebSocketError::UnexpectedMessage`] for bytes.
    pub async fn recv_text(&mut self) -> Result<String, WebSocketError> {
        self.recv().await?.into_text()
    }

    /// The next message, which must be binary.
    ///
    /// # Errors
    ///
    /// As [`TestWebSocket::recv`], and [`WebSocketError::UnexpectedMessage`] for text.
    pub async fn recv_bytes(&mut self) -> Result<Bytes, WebSocketError> {
        self.recv().await?.into_bytes()
    }

    /// The next message as JSON.
    ///
    /// # Errors
    ///
    /// As [`TestWebSocket::recv`].
    ///
    /// # Panics
    ///
    /// When the message is not JSON of type `T`; the message shows it.
    pub async fn recv_json<T: serde::de::DeserializeOwned>(&mut self) -> Result<T, WebSocketError> {
        let bytes = self.recv().await?.into_payload();
        Ok(serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            panic!(
                "the message is not the JSON expected ({e}): {}",
                String::from_utf8_lossy(&bytes)
            )
        }))
    }

    /// Waits for the app to close the websocket, skipping the messages before: its close
    /// code and reason.
    pub async fn closed(&mut self) -> Disconnect {
        loop {
            match self.recv().await {
                Ok(_) => {}
                Err(WebSocketError::Disconnected(closed)) => return closed,
                Err(_) => unreachable!("`recv` fails only when closed"),
            }
        }
    }

    /// Closes the websocket with `code` and `reason`, and waits for the app's reply.
    pub async fn close(mut self, code: u16, reason: &str) {
        let frame = CloseFrame {
            code: CloseCode::from(code),
            reason: reason.into(),
        };
        let _ = self.ws.close(Some(frame)).await;
        while let Some(Ok(_)) = self.ws.next().await {}
    }
}
