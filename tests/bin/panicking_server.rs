//! A server with a route that panics, for the tests that read the server's log: serves on
//! `FASTRS_TEST_ADDR` until SIGTERM. With `FASTRS_TEST_APP=conflict`, two routes answer the
//! same request, and the app cannot start.

use fastrs::prelude::*;

#[get("/items/<item_id>/explode")]
async fn explode(item_id: u32) -> String {
    panic!("item {item_id} exploded")
}

#[get("/ok")]
async fn ok() -> &'static str {
    "ok"
}

#[get("/ok")]
async fn ok_again() -> &'static str {
    "ok again"
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("FASTRS_TEST_ADDR").unwrap_or_else(|_| "127.0.0.1:8099".into());
    let app = match std::env::var("FASTRS_TEST_APP").as_deref() {
        Ok("conflict") => App::empty().mount(fastrs::routes![ok, ok_again]),
        _ => App::empty().mount(fastrs::routes![explode, ok]),
    };
    app.serve(addr).await
}
