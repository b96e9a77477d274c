//! Serves the items API on 127.0.0.1:8000 (`ITEMS_ADDR` to change it); `items openapi [FILE]`
//! writes its OpenAPI document instead.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("ITEMS_ADDR").unwrap_or_else(|_| "127.0.0.1:8000".to_owned());
    items::app().run(addr).await
}
