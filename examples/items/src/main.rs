//! Serves the items API on 127.0.0.1:8000.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("ITEMS_ADDR").unwrap_or_else(|_| "127.0.0.1:8000".to_owned());
    items::app().serve(addr).await
}
