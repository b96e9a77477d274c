//! Exception handlers: answers that replace an `HttpError`'s of a status, the 422, and a
//! panic's 500. They answer inside the middleware, which sees what they answer.

use axum::response::Response;
use http::StatusCode;

use super::App;
use crate::error::{HttpError, Panic, RequestValidationError};

impl App {
    /// Replaces the answer of every `HttpError` with `status`, the built-in 404 and 405
    /// included, as a FastAPI handler of `StarletteHTTPException` does for its status.
    ///
    /// ```
    /// use fastrs::http::StatusCode;
    /// use fastrs::axum::response::IntoResponse;
    /// use fastrs::prelude::*;
    ///
    /// let app = App::empty().status_handler(StatusCode::NOT_FOUND, |error: HttpError| {
    ///     (StatusCode::NOT_FOUND, format!("nothing here: {}", error.detail())).into_response()
    /// });
    /// # let _ = app;
    /// ```
    #[must_use]
    pub fn status_handler(
        mut self,
        status: StatusCode,
        handler: impl Fn(HttpError) -> Response + Send + Sync + 'static,
    ) -> Self {
        self.handlers.set_status(status, Box::new(handler));
        self
    }

    /// Replaces the 422: FastAPI's `@app.exception_handler(RequestValidationError)`. The
    /// handler sees the errors (`errors()`) and the body as received (`body()`).
    #[must_use]
    pub fn validation_error_handler(
        mut self,
        handler: impl Fn(RequestValidationError) -> Response + Send + Sync + 'static,
    ) -> Self {
        self.handlers.set_validation(Box::new(handler));
        self
    }

    /// Replaces the 500 answered when a handler or a dependency panics. The panic is logged
    /// first, with its number, whatever the handler answers.
    #[must_use]
    pub fn panic_handler(
        mut self,
        handler: impl Fn(&Panic) -> Response + Send + Sync + 'static,
    ) -> Self {
        self.handlers.set_panic(Box::new(handler));
        self
    }
}
