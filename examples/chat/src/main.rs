//! Serves the chat on 127.0.0.1:8000 (`CHAT_ADDR` to change it): the page at `/`, the rooms at
//! `/ws/<room>`, Swagger UI at `/docs`. The room's password is `CHAT_TOKEN` (`letmein` unless
//! set).

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("CHAT_ADDR").unwrap_or_else(|_| "127.0.0.1:8000".to_owned());
    let token = std::env::var("CHAT_TOKEN").unwrap_or_else(|_| "letmein".to_owned());
    chat::app(&token).run(addr).await
}
