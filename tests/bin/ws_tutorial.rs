//! FastAPI's websocket tutorial, ported (`fastrs_tests::ws_tutorial`), served on
//! `FASTRS_TEST_ADDR`; `tests/parity/ws_compare.py` compares it on the wire with
//! `tests/parity/ws_tutorial.py` under uvicorn.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("FASTRS_TEST_ADDR").unwrap_or_else(|_| "127.0.0.1:8098".into());
    fastrs_tests::ws_tutorial::app().serve(addr).await
}
