//! The Components Object: reusable schemas and security schemes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Schema;

/// Reusable objects; fastrs writes schemas, sorted by name as pydantic does, and the security
/// schemes the operations use.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Components {
    /// Schemas by name, referred to as `#/components/schemas/<name>`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub schemas: BTreeMap<String, Schema>,
    /// Security schemes by name (`HTTPBearer`, `APIKeyHeader`, ...), each a Security Scheme
    /// Object.
    #[serde(
        rename = "securitySchemes",
        default,
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub security_schemes: BTreeMap<String, Schema>,
}
