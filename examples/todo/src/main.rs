//! Serves the todo API on 127.0.0.1:8000 (`TODO_ADDR` to change it), on the SQLite file
//! `todo.db` (`TODO_DATABASE` to change it; created on first run). `todo openapi [FILE]`
//! writes its OpenAPI document instead.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("TODO_ADDR").unwrap_or_else(|_| "127.0.0.1:8000".to_owned());
    let database = std::env::var("TODO_DATABASE").unwrap_or_else(|_| "todo.db".to_owned());
    todo::app(&database).run(addr).await
}
