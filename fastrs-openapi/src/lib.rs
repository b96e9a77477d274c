//! OpenAPI for fastrs, with no web-framework dependency.
//!
//! For now this crate holds FastAPI's naming rules, which the document generator will use:
//! pydantic's titles, FastAPI's summaries and FastAPI's generated operation ids.

mod naming;

pub use naming::{fastapi_operation_id, summary, title};
