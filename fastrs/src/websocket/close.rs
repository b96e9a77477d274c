//! How a websocket ends: the close codes, the client's leaving ([`Disconnect`]), the errors of
//! receiving and sending ([`WebSocketError`]), and [`WebSocketException`], Starlette's way for a
//! handler or a dependency to close with a code of its choosing.

use axum::response::{IntoResponse, Response};
use http::StatusCode;

/// The close codes of RFC 6455 that a server sends, by name (`fastrs::websocket::close_code`).
pub mod close_code {
    /// 1000: the purpose of the connection is fulfilled (a handler that returned).
    pub const NORMAL: u16 = 1000;
    /// 1001: the server is going away (its shutdown).
    pub const GOING_AWAY: u16 = 1001;
    /// 1002: the client broke the protocol.
    pub const PROTOCOL_ERROR: u16 = 1002;
    /// 1003: a kind of message the handler does not accept.
    pub const UNSUPPORTED_DATA: u16 = 1003;
    /// 1006: the connection dropped without a close frame (never sent, only reported).
    pub const ABNORMAL_CLOSURE: u16 = 1006;
    /// 1007: a message whose data does not match its type (text that is not UTF-8).
    pub const INVALID_PAYLOAD: u16 = 1007;
    /// 1008: a message or a handshake the app refuses (FastAPI's validation failure).
    pub const POLICY_VIOLATION: u16 = 1008;
    /// 1009: a message larger than the app accepts.
    pub const MESSAGE_TOO_BIG: u16 = 1009;
    /// 1011: the server failed (a handler that panicked or returned an error; no pong).
    pub const INTERNAL_ERROR: u16 = 1011;
}

/// The websocket closed: the client's close code and reason, or the server's when it closed
/// first (FastAPI's `WebSocketDisconnect`). A connection that dropped without a close frame
/// has code 1006.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disconnect {
    /// The close code.
    pub code: u16,
    /// The close reason, often empty.
    pub reason: String,
}

impl Disconnect {
    pub(crate) fn new(code: u16, reason: impl Into<String>) -> Self {
        Self {
            code,
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for Disconnect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_close(f, "the websocket closed with", self.code, &self.reason)
    }
}

/// `{lead} 1008 (reason)`, without the parentheses for an empty reason.
fn write_close(
    f: &mut std::fmt::Formatter<'_>,
    lead: &str,
    code: u16,
    reason: &str,
) -> std::fmt::Result {
    write!(f, "{lead} {code}")?;
    if !reason.is_empty() {
        write!(f, " ({reason})")?;
    }
    Ok(())
}

impl std::error::Error for Disconnect {}

/// What receiving or sending on a websocket can fail with.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum WebSocketError {
    /// The websocket is closed.
    Disconnected(Disconnect),
    /// A message of the other kind: bytes to `recv_text`, text to `recv_bytes`.
    UnexpectedMessage {
        /// What was asked for: `"text"` or `"bytes"`.
        expected: &'static str,
    },
    /// `recv_json`: a message that is not JSON, or not valid for the model. The errors are
    /// those FastAPI gives the same JSON sent as a request body.
    Invalid(Vec<crate::ValidationError>),
}

impl WebSocketError {
    /// The errors of an invalid message as FastAPI's JSON list: `[{"type": ..., "loc":
    /// [...], "msg": ..., "input": ...}]`.
    pub fn errors_json(&self) -> Option<String> {
        match self {
            WebSocketError::Invalid(errors) => serde_json::to_string(errors).ok(),
            _ => None,
        }
    }
}

impl std::fmt::Display for WebSocketError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WebSocketError::Disconnected(closed) => closed.fmt(f),
            WebSocketError::UnexpectedMessage { expected } => {
                write!(f, "expected a {expected} message")
            }
            WebSocketError::Invalid(errors) => {
                write!(
                    f,
                    "an invalid message: {} validation error(s)",
                    errors.len()
                )
            }
        }
    }
}

impl std::error::Error for WebSocketError {}

impl From<Disconnect> for WebSocketError {
    fn from(closed: Disconnect) -> Self {
        WebSocketError::Disconnected(closed)
    }
}

/// Closes the websocket with `code` and `reason` (Starlette's `WebSocketException`).
///
/// Returned by a handler (`Result<(), WebSocketException>`), the connection closes with it. Returned
/// by a dependency before the handshake is accepted, the handshake is refused: the client sees
/// HTTP 403 with an empty body, as uvicorn answers, and the [`TestClient`] sees the code and
/// reason too.
///
/// `?` on a [`WebSocketError`] gives one: an invalid message closes with 1008 and FastAPI's
/// error list as JSON, a message of the other kind with 1003, a closed websocket with the
/// client's own code.
///
/// [`TestClient`]: crate::testing::TestClient
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebSocketException {
    /// The close code.
    pub code: u16,
    /// The close reason. A close frame carries 123 bytes of it: a longer one is cut there
    /// (at a character's boundary) on the wire.
    pub reason: String,
}

impl WebSocketException {
    /// Closes with `code` and `reason`.
    pub fn new(code: u16, reason: impl Into<String>) -> Self {
        Self {
            code,
            reason: reason.into(),
        }
    }

    /// 1008 with FastAPI's error list as a JSON string: the refusal of a handshake whose
    /// parameters are invalid.
    pub(crate) fn invalid(errors: &[crate::ValidationError]) -> Self {
        Self::new(
            close_code::POLICY_VIOLATION,
            serde_json::to_string(errors).unwrap_or_default(),
        )
    }
}

impl std::fmt::Display for WebSocketException {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_close(f, "close the websocket with", self.code, &self.reason)
    }
}

impl std::error::Error for WebSocketException {}

impl From<WebSocketError> for WebSocketException {
    fn from(error: WebSocketError) -> Self {
        match error {
            WebSocketError::Disconnected(closed) => Self::new(closed.code, closed.reason),
            WebSocketError::UnexpectedMessage { expected } => Self::new(
                close_code::UNSUPPORTED_DATA,
                format!("expected a {expected} message"),
            ),
            WebSocketError::Invalid(errors) => Self::invalid(&errors),
        }
    }
}

impl From<Disconnect> for WebSocketException {
    fn from(closed: Disconnect) -> Self {
        Self::new(closed.code, closed.reason)
    }
}

/// Before the handshake is accepted: 403 with an empty body, as uvicorn refuses a handshake
/// its app closed; the close code and reason ride in the answer's extensions, for the
/// `TestClient` and the logs.
impl IntoResponse for WebSocketException {
    fn into_response(self) -> Response {
        let mut response = refusal();
        response.extensions_mut().insert(self);
        response
    }
}

/// A handshake closed before it was accepted, as uvicorn answers it: 403, an empty plain-text
/// body, the connection closed.
pub(crate) fn refusal() -> Response {
    (
        StatusCode::FORBIDDEN,
        [
            (http::header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (http::header::CONNECTION, "close"),
        ],
    )
        .into_response()
}

/// `reason` cut to the 123 bytes a close frame carries, at a character's boundary.
pub(crate) fn wire_reason(reason: &str) -> &str {
    const MAX: usize = 123;
    if reason.len() <= MAX {
        return reason;
    }
    let mut end = MAX;
    while !reason.is_char_boundary(end) {
        end -= 1;
    }
    &reason[..end]
}
