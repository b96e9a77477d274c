//! The Media Type Object.

use serde::{Deserialize, Serialize};

use super::Schema;

/// The schema of one media type, with an example. A streamed media type (JSON Lines,
/// Server-Sent Events) has the schema of one item (`itemSchema`, OpenAPI 3.2) in place of the
/// whole content's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediaType {
    /// The content's schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Schema>,
    /// The schema of each item of a streamed content.
    #[serde(
        rename = "itemSchema",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub item_schema: Option<Schema>,
    /// An example of the content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<serde_json::Value>,
}

impl MediaType {
    /// Content of `schema`, without an example.
    pub fn new(schema: Schema) -> Self {
        Self {
            schema: Some(schema),
            item_schema: None,
            example: None,
        }
    }

    /// Streamed content, each item of `schema`.
    pub fn items(schema: Schema) -> Self {
        Self {
            schema: None,
            item_schema: Some(schema),
            example: None,
        }
    }
}
