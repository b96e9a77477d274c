//! Errors a handler answers with: [`HttpError`] and the 422 [`RequestValidationError`].

mod http_error;
mod validation;

pub use http_error::HttpError;
pub use validation::{Loc, RequestValidationError, ValidationError};
