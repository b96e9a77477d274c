//! The OpenAPI 3.1 objects fastrs writes, one file per object of the specification.

mod components;
mod info;
mod media_type;
mod openapi;
mod operation;
mod parameter;
mod path_item;
mod request_body;
mod response;
mod server;
mod tag;

pub use components::Components;
pub use info::{Contact, Info, License};
pub use media_type::MediaType;
pub use openapi::OpenApi;
pub use operation::Operation;
pub use parameter::{Parameter, ParameterIn};
pub use path_item::PathItem;
pub use request_body::RequestBody;
pub use response::Response;
pub use server::Server;
pub use tag::{ExternalDocs, Tag};

/// A JSON Schema (draft 2020-12), as OpenAPI 3.1 uses it.
pub type Schema = serde_json::Value;
