//! The Response Object.

use serde::{Deserialize, Serialize};
use serde_json::Map;

use super::MediaType;

/// One response: a description and, unless empty, its content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// What the response means.
    pub description: String,
    /// By media type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Map<String, serde_json::Value>>,
}

impl Response {
    /// A response with no content.
    pub fn empty(description: &str) -> Self {
        Self {
            description: description.to_owned(),
            content: None,
        }
    }

    /// A response of `media_type` with this schema.
    pub fn with_content(description: &str, media_type: &str, media: MediaType) -> Self {
        let mut content = Map::new();
        content.insert(
            media_type.to_owned(),
            serde_json::to_value(media).expect("a media type serializes"),
        );
        Self {
            description: description.to_owned(),
            content: Some(content),
        }
    }
}
