//! A server with a route that panics, for the test that reads the server's log: serves on
//! `FASTRS_TEST_ADDR` until SIGTERM.

use fastrs::prelude::*;

#[get("/items/<item_id>/explode")]
async fn explode(item_id: u32) -> String {
    panic!("item {item_id} exploded")
}

#[get("/ok")]
async fn ok() -> &'static str {
    "ok"
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("FASTRS_TEST_ADDR").unwrap_or_else(|_| "127.0.0.1:8099".into());
    App::empty()
        .mount(fastrs::routes![explode, ok])
        .serve(addr)
        .await
}
