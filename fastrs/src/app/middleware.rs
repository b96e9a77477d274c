//! Adding middleware to an app: functions and tower layers, in one ordered list.

use super::App;
use crate::middleware::{MiddlewareFn, MiddlewareLayer};

impl App {
    /// Adds a middleware function, FastAPI's `@app.middleware("http")`: an
    /// `async fn(request: Request, next: Next) -> Response`, with `State<T>` parameters first
    /// if it reads the app's state (a state the app lacks stops it at start-up).
    ///
    /// It runs before routing, so it may rewrite the path, and sees every answer as a
    /// response: 404, 405, 422, `HttpError`s and a panic's 500. It may change the request and
    /// the answer's headers, or answer early without calling `next.run(request)`.
    ///
    /// Middleware functions and [`App::layer`]s form one list: the last added is the
    /// outermost, as in FastAPI. See [`crate::middleware`].
    ///
    /// ```
    /// use fastrs::middleware::Next;
    /// use fastrs::axum::{extract::Request, response::Response};
    /// use fastrs::prelude::*;
    ///
    /// async fn process_time(request: Request, next: Next) -> Response {
    ///     let start = std::time::Instant::now();
    ///     let mut response = next.run(request).await;
    ///     let took = start.elapsed().as_secs_f64().to_string();
    ///     response.headers_mut().insert("x-process-time", took.parse().unwrap());
    ///     response
    /// }
    ///
    /// let app = App::empty().middleware(process_time);
    /// # let _ = app;
    /// ```
    #[must_use]
    pub fn middleware<F: MiddlewareFn<Args>, Args>(mut self, f: F) -> Self {
        self.middleware.function(f);
        self
    }

    /// Adds any tower layer, such as tower-http's `TimeoutLayer` or `TraceLayer`, around the
    /// routing and the middleware added before; the app is still served by fastrs's server,
    /// with its limits, timeouts and graceful shutdown. An error of the layer's service
    /// answers 500 (and is logged). Layers and [`App::middleware`] functions form one list:
    /// the last added is the outermost.
    #[must_use]
    pub fn layer<L: MiddlewareLayer>(mut self, layer: L) -> Self {
        self.middleware.layer(layer);
        self
    }
}
