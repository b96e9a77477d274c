//! The limits and timeouts of a served app: every default in `docs/production.md`.

use super::App;

impl App {
    /// The largest request body read, in bytes; a larger one answers 413 without being read.
    /// Default: 2 MiB.
    #[must_use]
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// The limits of form parsing (FastAPI's `form_limits`): how many fields and files a form
    /// may have and how large a field that is not a file may be. Each one not set keeps
    /// Starlette's default (1000 fields, 1000 files, 1 MiB); a route's own options
    /// (`max_fields`, `max_files`, `max_part_size`) come first.
    #[must_use]
    pub fn form_limits(mut self, limits: crate::FormLimits) -> Self {
        self.form_limits = limits;
        self
    }

    /// The limits and keep-alive of the app's websockets: message and frame size (16 MiB),
    /// ping interval and pong timeout (20 s each), as uvicorn's defaults.
    ///
    /// ```
    /// use std::time::Duration;
    /// use fastrs::App;
    /// use fastrs::websocket::WebSocketConfig;
    ///
    /// let app = App::empty().websocket_config(
    ///     WebSocketConfig::new()
    ///         .max_message_size(64 * 1024)
    ///         .ping_interval(Some(Duration::from_secs(5))),
    /// );
    /// # let _ = app;
    /// ```
    #[cfg(feature = "ws")]
    #[must_use]
    pub fn websocket_config(mut self, config: crate::context::WebSocketConfig) -> Self {
        self.websocket = config;
        self
    }

    /// The longest request target (path and query) served, in bytes; a longer one answers 414.
    /// Default: 16 KiB.
    #[must_use]
    pub fn max_uri_length(mut self, bytes: usize) -> Self {
        self.limits.max_uri = bytes;
        self
    }

    /// The longest header line (name and value) read, in bytes; a longer one answers 431.
    /// Default: 16 KiB.
    #[must_use]
    pub fn max_header_line(mut self, bytes: usize) -> Self {
        self.limits.max_header_line = bytes;
        self
    }

    /// The most header lines a request may have; more answer 431. Default: 100.
    #[must_use]
    pub fn max_headers(mut self, count: usize) -> Self {
        self.limits.max_headers = count;
        self
    }

    /// The largest request head (request line and every header), in bytes; a larger one
    /// answers 431. Default: 64 KiB.
    #[must_use]
    pub fn max_head_size(mut self, bytes: usize) -> Self {
        self.limits.max_head = bytes;
        self
    }

    /// How long a connection may take to send a request's head once the server waits for
    /// one; it is closed after that (slow clients, slowloris). `None` waits forever.
    /// Default: 10 s.
    #[must_use]
    pub fn header_read_timeout(mut self, timeout: Option<std::time::Duration>) -> Self {
        self.limits.header_read_timeout = timeout;
        self
    }

    /// How long a request's body may take to arrive, counted from its head; a slower one
    /// answers 408 `{"detail":"Request Timeout"}` and its connection is closed (slow POST,
    /// "R.U.D.Y."). Raise it for routes that take large uploads from slow clients. `None`
    /// waits forever. Default: 30 s.
    #[must_use]
    pub fn body_read_timeout(mut self, timeout: Option<std::time::Duration>) -> Self {
        self.limits.body_read_timeout = timeout;
        self
    }

    /// How long an idle keep-alive connection is kept; it is closed after that (between
    /// requests, never during one). `None` keeps it. Default: 5 s.
    #[must_use]
    pub fn keep_alive_timeout(mut self, timeout: Option<std::time::Duration>) -> Self {
        self.limits.keep_alive_timeout = timeout;
        self
    }

    /// The most connections served at once; further clients wait in the listen backlog until
    /// one closes (uvicorn's `--limit-concurrency`, without its 503). No cap by default.
    #[must_use]
    pub fn max_connections(mut self, count: usize) -> Self {
        self.limits.max_connections = Some(count.max(1));
        self
    }

    /// How long the requests in flight may still run after the shutdown signal; the
    /// connections still open then are closed. Default: 30 s.
    #[must_use]
    pub fn grace_period(mut self, period: std::time::Duration) -> Self {
        self.limits.grace_period = period;
        self
    }

    /// The longest a request may take, from the handler's start to its answer (dependencies
    /// and cleanups included); a slower one answers 504 `{"detail":"Gateway Timeout"}` and its
    /// work is dropped. Off by default.
    #[must_use]
    pub fn request_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.request_timeout = Some(timeout);
        self
    }

    /// Debug mode: a panic's answer (500) carries its message and place, as FastAPI's
    /// `debug=True` shows the traceback. Off by default; never on in production.
    #[must_use]
    pub fn debug(mut self, debug: bool) -> Self {
        self.debug = debug;
        self
    }
}
