//! The OpenAPI Object: the root of the document.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Components, Info, PathItem, Server, Tag};

/// The root of an OpenAPI 3.1 document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenApi {
    /// Always `3.1.0`.
    pub openapi: String,
    /// The API's metadata.
    pub info: Info,
    /// Where the API is served.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<Server>,
    /// The operations, by path.
    pub paths: BTreeMap<String, PathItem>,
    /// Reusable schemas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub components: Option<Components>,
    /// Tags' descriptions, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl OpenApi {
    /// An empty document for `info`.
    pub fn new(info: Info) -> Self {
        Self {
            openapi: "3.1.0".to_owned(),
            info,
            servers: Vec::new(),
            paths: BTreeMap::new(),
            components: None,
            tags: Vec::new(),
        }
    }

    /// The document as compact JSON, as served at `/openapi.json`.
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("an OpenAPI document always serializes")
    }

    /// The document as indented JSON, for files and diffs.
    pub fn to_pretty_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("an OpenAPI document always serializes")
    }
}
