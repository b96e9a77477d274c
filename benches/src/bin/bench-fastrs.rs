//! The benchmark endpoints in fastrs.

use fastrs::prelude::*;
use fastrs_benches::Item;

#[get("/plain")]
async fn plain() -> &'static str {
    "Hello, World!"
}

#[get("/json")]
async fn json() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "message": "Hello, World!" }))
}

#[get("/items/<id>")]
async fn read_item(
    id: u64,
    q: Option<String>,
    #[query(default = 10, ge = 1, le = 100)] limit: u32,
) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "id": id, "q": q, "limit": limit }))
}

#[post("/items", status = 201)]
async fn create_item(item: Item) -> Json<Item> {
    Json(item)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    App::new().serve(fastrs_benches::addr()).await
}
