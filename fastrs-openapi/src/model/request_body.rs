//! The Request Body Object.

use serde::{Deserialize, Serialize};
use serde_json::Map;

use super::MediaType;

/// A request body: its media types and whether it is required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestBody {
    /// By media type: `application/json`.
    pub content: Map<String, serde_json::Value>,
    /// Whether a body must be sent.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
}

impl RequestBody {
    /// A body of `media_type` with this schema.
    pub fn new(media_type: &str, media: MediaType, required: bool) -> Self {
        let mut content = Map::new();
        content.insert(
            media_type.to_owned(),
            serde_json::to_value(media).expect("a media type serializes"),
        );
        Self { content, required }
    }
}
