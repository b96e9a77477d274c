//! What a route answers when it cannot do what was asked: FastAPI's `{"detail": ...}`.

use fastrs::HttpError;
use fastrs::http::StatusCode;
use fastrs::prelude::*;

/// The body of an error answer, for the documentation: `{"detail": "Todo not found"}`.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
pub struct Message {
    /// What went wrong.
    pub detail: String,
}

/// A 404 for `what` (`"Todo"` gives `Todo not found`).
pub fn not_found(what: &str) -> HttpError {
    HttpError::new(StatusCode::NOT_FOUND, format!("{what} not found"))
}

/// A 409: the request conflicts with what is stored.
pub fn conflict(detail: &str) -> HttpError {
    HttpError::new(StatusCode::CONFLICT, detail.to_owned())
}

/// A database failure: logged, and answered 500 without its details.
pub fn internal(error: sqlx::Error) -> HttpError {
    eprintln!("todo: database error: {error}");
    HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error")
}
