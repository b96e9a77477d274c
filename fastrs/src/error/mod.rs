//! Errors a handler answers with ([`HttpError`] and the 422 [`RequestValidationError`]), and
//! why an app could not start ([`StartupError`]).

mod handlers;
mod http_error;
mod raised;
mod startup;
mod validation;

pub use handlers::{ExceptionHandlerFn, ExceptionHandlers, HandlerRef, Panic};
pub use http_error::HttpError;
#[doc(hidden)]
pub use raised::{Raised, Returned, ViaResult, ViaValue, answered, raise};
pub(crate) use raised::{is_error, settle};
pub use startup::StartupError;
pub use validation::{Loc, RequestValidationError, ValidationError};
