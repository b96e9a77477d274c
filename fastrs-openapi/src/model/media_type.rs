//! The Media Type Object.

use serde::{Deserialize, Serialize};

use super::Schema;

/// The schema of one media type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediaType {
    /// The content's schema.
    pub schema: Schema,
}
