//! The Path Item Object: the operations of one path.

use serde::{Deserialize, Serialize};

use super::Operation;

/// The operations of one path, by method.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PathItem {
    /// `GET`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub get: Option<Operation>,
    /// `PUT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub put: Option<Operation>,
    /// `POST`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<Operation>,
    /// `DELETE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete: Option<Operation>,
    /// `OPTIONS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Operation>,
    /// `HEAD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<Operation>,
    /// `PATCH`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patch: Option<Operation>,
    /// `TRACE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<Operation>,
}

impl PathItem {
    /// The slot for `method` (any case); `None` for a method OpenAPI does not list.
    pub fn slot(&mut self, method: &str) -> Option<&mut Option<Operation>> {
        Some(match method.to_ascii_lowercase().as_str() {
            "get" => &mut self.get,
            "put" => &mut self.put,
            "post" => &mut self.post,
            "delete" => &mut self.delete,
            "options" => &mut self.options,
            "head" => &mut self.head,
            "patch" => &mut self.patch,
            "trace" => &mut self.trace,
            _ => return None,
        })
    }
}
