//! The Media Type Object.

use serde::{Deserialize, Serialize};

use super::Schema;

/// The schema of one media type, with an example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediaType {
    /// The content's schema.
    pub schema: Schema,
    /// An example of the content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<serde_json::Value>,
}

impl MediaType {
    /// Content of `schema`, without an example.
    pub fn new(schema: Schema) -> Self {
        Self {
            schema,
            example: None,
        }
    }
}
