//! A program with a model's pattern and no parameter's (`tests/integration/pattern_engine.rs`):
//! the model's pattern is garde's to check, and a body that fails its types lists only those.
//! Serves on `FASTRS_TEST_ADDR` until killed.

use fastrs::prelude::*;

mod coded;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("FASTRS_TEST_ADDR").unwrap_or_else(|_| "127.0.0.1:8099".into());
    App::empty()
        .mount(fastrs::routes![coded::coded])
        .serve(addr)
        .await
}
