//! The Components Object: reusable schemas.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Schema;

/// Reusable objects; fastrs writes schemas, sorted by name as pydantic does.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Components {
    /// Schemas by name, referred to as `#/components/schemas/<name>`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub schemas: BTreeMap<String, Schema>,
}
