//! The Server Object.

use serde::{Deserialize, Serialize};

/// A server the API is reachable at.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Server {
    /// The URL, absolute or relative to the document.
    pub url: String,
    /// What the server is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}
