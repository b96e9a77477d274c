//! The opening handshake (RFC 6455, section 4.2): which requests are handshakes, the checks of
//! one, the `101 Switching Protocols` that accepts it, and the connection it gives: hyper's
//! upgraded stream, or the `TestClient`'s in-memory pipe.

use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use axum::response::{IntoResponse, Response};
use http::header::{CONNECTION, SEC_WEBSOCKET_ACCEPT, SEC_WEBSOCKET_KEY, SEC_WEBSOCKET_VERSION};
use http::header::{HeaderMap, UPGRADE};
use http::{HeaderValue, StatusCode};
use tokio::io::{AsyncRead, AsyncWrite, DuplexStream, ReadBuf};

/// Whether a request asks for a websocket (`Upgrade: websocket` and `Connection: upgrade`):
/// such a request goes to the path's websocket route, as uvicorn hands it to the app as a
/// websocket.
pub(crate) fn is_handshake(method: &http::Method, headers: &HeaderMap) -> bool {
    method == http::Method::GET
        && has_token(headers, &UPGRADE, "websocket")
        && has_token(headers, &CONNECTION, "upgrade")
}

/// Whether one of the comma-separated tokens of header `name` is `token` (any case).
fn has_token(headers: &HeaderMap, name: &http::HeaderName, token: &str) -> bool {
    headers
        .get_all(name)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|t| t.trim().eq_ignore_ascii_case(token))
}

/// A handshake that passed the checks: its answer, and the connection it will give.
pub(crate) struct Handshake {
    pub(crate) accept: HeaderValue,
    pub(crate) upgrade: Upgrade,
}

impl Handshake {
    /// Checks the handshake of `parts` (a request [`is_handshake`] accepted) and takes its
    /// pending connection from its extensions; a bad version or key answers 400 in the words
    /// of the `websockets` package under uvicorn.
    pub(crate) fn check(parts: &mut http::request::Parts) -> Result<Self, Box<Response>> {
        let headers = &parts.headers;
        match headers.get(SEC_WEBSOCKET_VERSION) {
            Some(version) if version.as_bytes() == b"13" => {}
            Some(version) => {
                return Err(Box::new(invalid_header("Sec-WebSocket-Version", version)));
            }
            None => return Err(Box::new(missing_header("Sec-WebSocket-Version"))),
        }
        let key = match headers.get(SEC_WEBSOCKET_KEY) {
            Some(key) if is_key(key.as_bytes()) => key.as_bytes(),
            Some(key) => return Err(Box::new(invalid_header("Sec-WebSocket-Key", key))),
            None => return Err(Box::new(missing_header("Sec-WebSocket-Key"))),
        };
        let accept = tokio_tungstenite::tungstenite::handshake::derive_accept_key(key);
        let accept = HeaderValue::from_str(&accept).expect("base64 is a header value");
        let upgrade = if let Some(on) = parts.extensions.remove::<hyper::upgrade::OnUpgrade>() {
            Upgrade::Hyper(on)
        } else if let Some(test) = parts.extensions.remove::<TestUpgrade>() {
            Upgrade::Test(test.take())
        } else {
            // Served by a server that cannot hand the connection over (HTTP/2, or a service
            // embedded without upgrades).
            return Err(Box::new(refused(
                "Failed to open a WebSocket connection: this connection cannot be upgraded.",
            )));
        };
        Ok(Self { accept, upgrade })
    }

    /// `101 Switching Protocols`, accepting the handshake.
    pub(crate) fn accepted(&self) -> Response {
        let mut response = StatusCode::SWITCHING_PROTOCOLS.into_response();
        let headers = response.headers_mut();
        headers.insert(UPGRADE, HeaderValue::from_static("websocket"));
        headers.insert(CONNECTION, HeaderValue::from_static("Upgrade"));
        headers.insert(SEC_WEBSOCKET_ACCEPT, self.accept.clone());
        response
    }
}

/// A `Sec-WebSocket-Key`: 16 bytes in base64.
fn is_key(key: &[u8]) -> bool {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(key)
        .is_ok_and(|bytes| bytes.len() == 16)
}

/// 400 `Failed to open a WebSocket connection: missing Sec-WebSocket-Key header.`
fn missing_header(name: &str) -> Response {
    refused(&format!(
        "Failed to open a WebSocket connection: missing {name} header."
    ))
}

/// 400 `Failed to open a WebSocket connection: invalid Sec-WebSocket-Version header: 12.`
fn invalid_header(name: &str, value: &HeaderValue) -> Response {
    let value = String::from_utf8_lossy(value.as_bytes());
    refused(&format!(
        "Failed to open a WebSocket connection: invalid {name} header: {value}."
    ))
}

/// A handshake that is not one: 400 with `message` as plain text, the connection closed.
fn refused(message: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        [
            (http::header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (http::header::CONNECTION, "close"),
        ],
        format!("{message}\n"),
    )
        .into_response()
}

/// The connection an accepted handshake gives, once its `101` is sent.
pub(crate) enum Upgrade {
    Hyper(hyper::upgrade::OnUpgrade),
    Test(Option<tokio::sync::oneshot::Receiver<DuplexStream>>),
}

impl Upgrade {
    /// The connection; `None` when the client left before the `101` was sent.
    pub(crate) async fn connect(self) -> Option<Io> {
        match self {
            Upgrade::Hyper(on) => on
                .await
                .ok()
                .map(|upgraded| Io::Hyper(hyper_util::rt::TokioIo::new(upgraded))),
            Upgrade::Test(pipe) => pipe?.await.ok().map(Io::Test),
        }
    }
}

/// What the `TestClient` puts in a handshake's extensions in place of hyper's `OnUpgrade`:
/// the server's end of an in-memory pipe, sent once the `101` is answered.
#[derive(Clone)]
#[doc(hidden)]
pub struct TestUpgrade(Arc<Mutex<Option<tokio::sync::oneshot::Receiver<DuplexStream>>>>);

impl TestUpgrade {
    /// The pending pipe's receiving end.
    pub(crate) fn new(pipe: tokio::sync::oneshot::Receiver<DuplexStream>) -> Self {
        Self(Arc::new(Mutex::new(Some(pipe))))
    }

    fn take(&self) -> Option<tokio::sync::oneshot::Receiver<DuplexStream>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }
}

/// A websocket's connection.
pub(crate) enum Io {
    Hyper(hyper_util::rt::TokioIo<hyper::upgrade::Upgraded>),
    Test(DuplexStream),
}

impl AsyncRead for Io {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Io::Hyper(io) => Pin::new(io).poll_read(cx, buf),
            Io::Test(io) => Pin::new(io).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Io {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Io::Hyper(io) => Pin::new(io).poll_write(cx, buf),
            Io::Test(io) => Pin::new(io).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Io::Hyper(io) => Pin::new(io).poll_flush(cx),
            Io::Test(io) => Pin::new(io).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Io::Hyper(io) => Pin::new(io).poll_shutdown(cx),
            Io::Test(io) => Pin::new(io).poll_shutdown(cx),
        }
    }
}
