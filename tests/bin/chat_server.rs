//! `examples/chat` as a server program, for the load test that watches its memory from outside
//! (`tests/integration/chat_load.rs`): serves on `FASTRS_TEST_ADDR` until killed, with the
//! token `load`.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("FASTRS_TEST_ADDR").expect("FASTRS_TEST_ADDR");
    chat::app("load").serve(addr).await
}
