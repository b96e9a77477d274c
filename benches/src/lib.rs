//! What both benchmark servers share: the item model and its validation.

use garde::Validate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The body of `POST /items`.
#[derive(Debug, Deserialize, Serialize, JsonSchema, Validate)]
pub struct Item {
    /// 1 to 50 characters.
    #[garde(length(chars, min = 1, max = 50))]
    pub name: String,
    /// Greater than 0.
    #[garde(custom(positive))]
    pub price: f64,
    /// Free tags.
    #[garde(skip)]
    pub tags: Vec<String>,
}

fn positive(price: &f64, _: &()) -> garde::Result {
    if *price > 0.0 {
        Ok(())
    } else {
        Err(garde::Error::new("price must be greater than 0"))
    }
}

/// The address a benchmark server listens on: `BENCH_ADDR`, else `127.0.0.1:8080`.
pub fn addr() -> String {
    std::env::var("BENCH_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".to_owned())
}

/// The runtime a benchmark server runs on: `BENCH_RUNTIME=multi_thread` gives tokio's default
/// multi-thread runtime (what `#[tokio::main]` gives users), anything else `current_thread`.
pub fn runtime() -> tokio::runtime::Runtime {
    let mut builder = match std::env::var("BENCH_RUNTIME").as_deref() {
        Ok("multi_thread") => tokio::runtime::Builder::new_multi_thread(),
        _ => tokio::runtime::Builder::new_current_thread(),
    };
    builder.enable_all().build().expect("a tokio runtime")
}
