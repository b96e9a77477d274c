//! WebSockets: `#[websocket("/ws/<room>")]` routes, with the parameters and dependencies of
//! HTTP routes, all read before the handshake is accepted.
//!
//! ```
//! use fastrs::prelude::*;
//! use fastrs::websocket::{WebSocket, WebSocketException};
//!
//! #[websocket("/items/<item_id>/ws")]
//! async fn item_feed(
//!     mut ws: WebSocket,
//!     item_id: String,
//!     q: Option<i32>,
//! ) -> Result<(), WebSocketException> {
//!     loop {
//!         let text = ws.recv_text().await?;
//!         ws.send_text(format!("Message text was: {text}, for item ID: {item_id}"))
//!             .await?;
//!         if let Some(q) = q {
//!             ws.send_text(format!("Query parameter q is: {q}")).await?;
//!         }
//!     }
//! }
//! # fn main() {}
//! ```
//!
//! A request reaches a websocket route when it asks for one (`Upgrade: websocket`); the
//! route's path, query, header and cookie parameters, its `Depends<f>` and `State<T>`, the
//! routers' and the app's dependencies are read first, in the order of an HTTP route. Then:
//!
//! - a dependency's `HttpError` answers as one: its status and JSON body, over HTTP;
//! - invalid parameters refuse the handshake as FastAPI does, closing with 1008 before
//!   accepting, which the client sees as HTTP 403 with an empty body; the close reason (seen
//!   by the [`TestClient`](crate::testing::TestClient)) is FastAPI's error list as JSON;
//! - a [`WebSocketException`] from a dependency refuses it the same way, with its code;
//! - otherwise the handshake is accepted (`101 Switching Protocols`) and the handler runs.
//!
//! `docs/websockets.md` is the guide.

mod close;
mod driver;
mod handshake;
mod session;
mod socket;

pub use crate::context::WebSocketConfig;
pub use close::{Disconnect, WebSocketError, WebSocketException, close_code};
pub use socket::{Message, WebSocket, WebSocketReceiver, WebSocketSender};

pub(crate) use close::refusal;
pub(crate) use handshake::{Handshake, TestUpgrade, is_handshake};
pub(crate) use session::{Accepted, spawn};
pub(crate) use socket::{Waiting, channels};
