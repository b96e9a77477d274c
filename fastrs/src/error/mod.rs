//! Errors a handler answers with ([`HttpError`] and the 422 [`RequestValidationError`]), and
//! why an app could not start ([`StartupError`]).

mod handlers;
mod http_error;
mod startup;
mod validation;

pub use handlers::{ExceptionHandlers, Panic};
pub use http_error::HttpError;
pub use startup::StartupError;
pub use validation::{Loc, RequestValidationError, ValidationError};
