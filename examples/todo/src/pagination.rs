//! `pagination`: the `skip` and `limit` query parameters every list reads.

use fastrs::prelude::*;

/// Which slice of a list to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// How many rows to pass over.
    pub skip: i64,
    /// How many rows to answer at most.
    pub limit: i64,
}

/// `?skip=0&limit=20`: at most 100 rows at a time.
#[depends]
pub fn pagination(
    #[query(default = 0, ge = 0)] skip: i64,
    #[query(default = 20, ge = 1, le = 100)] limit: i64,
) -> Page {
    Page { skip, limit }
}
