//! Responses: turning a handler's return value into the response (status option, 204,
//! panics), and the answers beyond JSON: streams of bytes, JSON Lines and Server-Sent Events.

mod file;
mod json_lines;
mod media_types;
pub(crate) mod range;
mod redirect;
mod sse;
mod stream;

pub use axum::response::Html;
pub use file::FileResponse;
pub use json_lines::JsonLines;
pub use redirect::Redirect;
pub use sse::{Event, EventError, IntoEvent, KEEP_ALIVE, Sse};
pub use stream::{BoxError, Chunk, Stream};

use axum::response::{IntoResponse, Response};
use http::{StatusCode, header};

/// What a route handler may return: anything axum can answer with.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a response",
    label = "not a response",
    note = "return `Json(value)` for a value that derives `Serialize`, a `String` or `&'static str` for text, `()` for an empty answer, or any type that implements axum's `IntoResponse`"
)]
pub trait Responder: IntoResponse + Send {}

#[diagnostic::do_not_recommend]
impl<T: IntoResponse + Send> Responder for T {}

/// Answers the handler's value; a route's `status` replaces a plain 200.
#[doc(hidden)]
pub fn respond<R: IntoResponse>(value: R, status: Option<StatusCode>) -> Response {
    let mut response = value.into_response();
    if let Some(status) = status
        && response.status() == StatusCode::OK
    {
        *response.status_mut() = status;
    }
    let status = response.status();
    if status == StatusCode::NO_CONTENT
        || status == StatusCode::NOT_MODIFIED
        || status.is_informational()
    {
        *response.body_mut() = axum::body::Body::empty();
        response.headers_mut().remove(header::CONTENT_TYPE);
        response.headers_mut().remove(header::CONTENT_LENGTH);
    }
    response
}

/// FastAPI's answer to an unhandled error: 500, plain text.
pub(crate) fn internal_error() -> Response {
    (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").into_response()
}

/// Numbers the requests the log names (a panic's, a background task's), for the log and the
/// answer's `x-request-id`.
static NUMBERS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// The next number for a request the log names.
pub(crate) fn request_number() -> u64 {
    NUMBERS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// A panic's message, when it has one.
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

/// The answer to a handler (or dependency) that panicked: 500 `Internal Server Error`, logged
/// with the route and an id that the answer carries in `x-request-id` (the request's own, in an
/// app with request ids). The message stays in the log unless `debug` is on.
pub(crate) fn panicked(
    route: &dyn std::fmt::Display,
    panic: &(dyn std::any::Any + Send),
    debug: bool,
    handlers: Option<&crate::error::ExceptionHandlers>,
    request_id: Option<&crate::RequestId>,
) -> Response {
    let number = request_number();
    // The request's own id when the app gives one (`App::request_ids`), else its number.
    let id = request_id.map_or_else(|| number.to_string(), ToString::to_string);
    let message = panic_message(panic);
    let what = format!("request {id} to {route} panicked: {message}");
    crate::say::say_error!("{what}");
    let handled = handlers.and_then(|h| {
        h.panic(&crate::error::Panic {
            message: message.to_owned(),
            route: route.to_string(),
            id: number,
            request_id: id.clone(),
        })
    });
    let mut response = if let Some(response) = handled {
        response
    } else if debug {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("Internal Server Error\n\n{what}\n"),
        )
            .into_response()
    } else {
        internal_error()
    };
    let value = request_id.map_or_else(|| http::HeaderValue::from(number), |id| id.value().clone());
    response
        .headers_mut()
        .insert(http::HeaderName::from_static("x-request-id"), value);
    response
}

/// `{"detail":"Not Found"}` for a path no route matches.
pub(crate) async fn not_found() -> Response {
    crate::error::HttpError::from_status(StatusCode::NOT_FOUND).into_response()
}
