//! Exception handlers: answers that replace an error type's, an `HttpError`'s of a status, the
//! 422, and a panic's 500. They answer inside the middleware, which sees what they answer.

use axum::response::Response;
use http::StatusCode;

use super::App;
use crate::error::{HttpError, Panic, RequestValidationError};

impl App {
    /// Answers every `Err(error)` of type `E` that a route or a dependency returns, as
    /// FastAPI's `@app.exception_handler(UnicornException)`: in place of `E`'s own
    /// `IntoResponse`, which answers where no handler is set.
    ///
    /// ```
    /// use fastrs::axum::response::{IntoResponse, Response};
    /// use fastrs::http::StatusCode;
    /// use fastrs::prelude::*;
    ///
    /// struct UnicornError(String);
    ///
    /// impl IntoResponse for UnicornError {
    ///     fn into_response(self) -> Response {
    ///         StatusCode::INTERNAL_SERVER_ERROR.into_response()
    ///     }
    /// }
    ///
    /// let app = App::empty().exception_handler(|error: UnicornError| {
    ///     let message = format!("Oops! {} did something. There goes a rainbow...", error.0);
    ///     (StatusCode::IM_A_TEAPOT, Json(json!({ "message": message }))).into_response()
    /// });
    /// # let _ = app;
    /// ```
    #[must_use]
    pub fn exception_handler<E: Send + 'static>(
        mut self,
        handler: impl crate::error::ExceptionHandlerFn<E>,
    ) -> Self {
        self.handlers.register(handler);
        self
    }

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
        self.handlers
            .set_status(status, std::sync::Arc::new(handler));
        self
    }

    /// Replaces the 422: FastAPI's `@app.exception_handler(RequestValidationError)`. The
    /// handler sees the errors (`errors()`) and the body as received (`body()`).
    #[must_use]
    pub fn validation_error_handler(
        mut self,
        handler: impl Fn(RequestValidationError) -> Response + Send + Sync + 'static,
    ) -> Self {
        self.handlers.set_validation(std::sync::Arc::new(handler));
        self
    }

    /// Replaces the 500 answered when a handler or a dependency panics. The panic is logged
    /// first, with its number, whatever the handler answers.
    #[must_use]
    pub fn panic_handler(
        mut self,
        handler: impl Fn(&Panic) -> Response + Send + Sync + 'static,
    ) -> Self {
        self.handlers.set_panic(std::sync::Arc::new(handler));
        self
    }
}
