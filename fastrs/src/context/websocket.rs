//! What a websocket sees of the app: its limits ([`WebSocketConfig`]) and the server's
//! shutdown ([`Closing`]), which sends every open websocket a close frame with 1001.

use std::time::Duration;

/// The limits and keep-alive of an app's websockets (`App::websocket_config`), with
/// uvicorn's defaults.
///
/// ```
/// use std::time::Duration;
/// use fastrs::websocket::WebSocketConfig;
///
/// let config = WebSocketConfig::new()
///     .max_message_size(1024 * 1024)
///     .ping_interval(Some(Duration::from_secs(30)));
/// assert_eq!(config.max_message_size, 1024 * 1024);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct WebSocketConfig {
    /// The largest message a client may send: 16 MiB (uvicorn's `ws_max_size`). A larger
    /// one closes the connection with 1009 (message too big).
    pub max_message_size: usize,
    /// The largest frame a client may send: 16 MiB. A larger one closes with 1009.
    pub max_frame_size: usize,
    /// How often the server pings the client: every 20 s (uvicorn's `ws_ping_interval`);
    /// `None` sends no ping.
    pub ping_interval: Option<Duration>,
    /// How long the server waits for the pong: 20 s (uvicorn's `ws_ping_timeout`). A
    /// client that does not answer in time is closed with 1011 `keepalive ping timeout`.
    pub ping_timeout: Option<Duration>,
    /// How many received messages wait for the handler before the server stops reading the
    /// connection: 32 (uvicorn's `ws_max_queue`).
    pub max_queue: usize,
}

#[cfg_attr(not(feature = "ws"), allow(dead_code))]
impl WebSocketConfig {
    /// uvicorn's defaults.
    pub const fn new() -> Self {
        Self {
            max_message_size: 16 * 1024 * 1024,
            max_frame_size: 16 * 1024 * 1024,
            ping_interval: Some(Duration::from_secs(20)),
            ping_timeout: Some(Duration::from_secs(20)),
            max_queue: 32,
        }
    }

    /// The largest message a client may send.
    #[must_use]
    pub const fn max_message_size(mut self, bytes: usize) -> Self {
        self.max_message_size = bytes;
        self
    }

    /// The largest frame a client may send.
    #[must_use]
    pub const fn max_frame_size(mut self, bytes: usize) -> Self {
        self.max_frame_size = bytes;
        self
    }

    /// How often the server pings the client; `None` sends no ping.
    #[must_use]
    pub const fn ping_interval(mut self, every: Option<Duration>) -> Self {
        self.ping_interval = every;
        self
    }

    /// How long the server waits for a pong; `None` waits forever.
    #[must_use]
    pub const fn ping_timeout(mut self, within: Option<Duration>) -> Self {
        self.ping_timeout = within;
        self
    }

    /// How many received messages wait for the handler (at least 1).
    #[must_use]
    pub const fn max_queue(mut self, messages: usize) -> Self {
        self.max_queue = if messages == 0 { 1 } else { messages };
        self
    }
}

impl Default for WebSocketConfig {
    fn default() -> Self {
        Self::new()
    }
}

/// The server's shutdown, as the open websockets watch it: `serve` starts it when its signal
/// comes, `TestClient::shutdown` too.
#[derive(Debug)]
pub(crate) struct Closing(tokio::sync::watch::Sender<bool>);

impl Default for Closing {
    fn default() -> Self {
        Self(tokio::sync::watch::Sender::new(false))
    }
}

impl Closing {
    /// Tells every websocket the server is going away.
    pub(crate) fn start(&self) {
        self.0.send_replace(true);
    }

    /// A watch of the shutdown, for one websocket.
    #[cfg_attr(not(feature = "ws"), allow(dead_code))]
    pub(crate) fn watch(&self) -> tokio::sync::watch::Receiver<bool> {
        self.0.subscribe()
    }
}
