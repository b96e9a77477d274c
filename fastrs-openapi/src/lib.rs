//! OpenAPI 3.1 for fastrs, with no web-framework dependency.
//!
//! [`model`] is the OpenAPI object model, one file per spec object, serialized in FastAPI's
//! key order. [`Generator`] turns route fragments into one document. [`naming`] holds
//! FastAPI's naming rules: pydantic's titles, summaries and generated operation ids.

mod generator;
pub mod model;
pub mod naming;
mod validation_error;

pub use generator::{DocumentError, Generator, OperationFragment, OperationIdSet, OperationIds};
pub use naming::{fastapi_operation_id, summary, title};
pub use validation_error::{http_validation_error, validation_error};
