//! The items API: every kind of parameter fastrs reads, and every error it answers.
//!
//! Run it with `cargo run -p items`; the routes live in this library so that tests can mount
//! them too (`items::app()`).

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

use fastrs::http::StatusCode;
use fastrs::prelude::*;

/// An item for sale.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, Validate)]
pub struct Item {
    /// The item's name, 1 to 50 characters.
    #[garde(length(chars, min = 1, max = 50))]
    pub name: String,
    /// The price, at least 0.01.
    #[garde(range(min = 0.01))]
    pub price: f64,
    /// Free-form tags.
    #[garde(skip)]
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A stored item with its id.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StoredItem {
    /// The id given at creation.
    pub id: u64,
    /// The item.
    #[serde(flatten)]
    pub item: Item,
}

/// An error's body, as `HttpError` answers it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Message {
    /// What went wrong.
    pub detail: String,
}

/// The colours an item can be filtered by.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, Scalar)]
#[serde(rename_all = "lowercase")]
pub enum Color {
    /// Red.
    Red,
    /// Green.
    Green,
    /// Blue.
    Blue,
}

/// Query parameters for a search, read as one model.
#[derive(Debug, Deserialize, Serialize, JsonSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Search {
    /// Words to look for.
    #[garde(length(min = 1))]
    pub q: String,
    /// Only items with these tags.
    #[serde(default)]
    #[garde(skip)]
    pub tag: Vec<String>,
    /// Results per page.
    #[serde(default = "default_page_size")]
    #[garde(range(min = 1, max = 100))]
    pub size: u32,
}

fn default_page_size() -> u32 {
    10
}

fn store() -> &'static Mutex<BTreeMap<u64, Item>> {
    static STORE: OnceLock<Mutex<BTreeMap<u64, Item>>> = OnceLock::new();
    STORE.get_or_init(|| {
        let mut items = BTreeMap::new();
        items.insert(
            1,
            Item {
                name: "Hammer".into(),
                price: 9.99,
                tags: vec!["tools".into()],
            },
        );
        Mutex::new(items)
    })
}

fn not_found() -> HttpError {
    HttpError::new(StatusCode::NOT_FOUND, "Item not found").header("x-error", "item-not-found")
}

/// Hello, world.
#[get("/")]
pub async fn root() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "message": "Hello, World!" }))
}

/// Read one item.
///
/// A path parameter (`item_id`), an optional query parameter (`q`) and a constrained one
/// with a default (`limit`).
#[get(
    "/items/<item_id>",
    tags = ["items"],
    responses(404 = (model = Message, description = "The item does not exist"))
)]
pub async fn read_item(
    item_id: u64,
    q: Option<String>,
    #[query(default = 10, ge = 1, le = 100)] limit: u32,
) -> Result<Json<serde_json::Value>, HttpError> {
    let item = store().lock().unwrap().get(&item_id).cloned();
    let item = item.ok_or_else(not_found)?;
    Ok(Json(serde_json::json!({
        "id": item_id, "name": item.name, "price": item.price, "q": q, "limit": limit,
    })))
}

/// List items, filtered by repeated tags (`?tag=a&tag=b`) and a colour.
#[get("/items", tags = ["items"])]
pub async fn list_items(
    #[query(default)] tag: Vec<String>,
    color: Option<Color>,
    #[query(max_length = 20, pattern = "^[a-z ]+$")] name: Option<String>,
) -> Json<serde_json::Value> {
    let items: Vec<StoredItem> = store()
        .lock()
        .unwrap()
        .iter()
        .filter(|(_, item)| tag.iter().all(|t| item.tags.contains(t)))
        .filter(|(_, item)| {
            name.as_ref()
                .is_none_or(|n| item.name.to_lowercase().contains(n))
        })
        .map(|(id, item)| StoredItem {
            id: *id,
            item: item.clone(),
        })
        .collect();
    Json(serde_json::json!({ "items": items, "tag": tag, "color": color }))
}

/// Create an item from the JSON body; answers 201.
#[post("/items", status = 201, tags = ["items"])]
pub async fn create_item(item: Item) -> Json<StoredItem> {
    let mut items = store().lock().unwrap();
    let id = items.keys().last().copied().unwrap_or(0) + 1;
    items.insert(id, item.clone());
    Json(StoredItem { id, item })
}

/// Replace an item: the item and an importance are keys of one body object.
#[put("/items/<item_id>", tags = ["items"], responses(404 = Message))]
pub async fn update_item(
    item_id: u64,
    item: Item,
    #[body(ge = 0, le = 10)] importance: i32,
) -> Result<Json<serde_json::Value>, HttpError> {
    let mut items = store().lock().unwrap();
    let slot = items.get_mut(&item_id).ok_or_else(not_found)?;
    *slot = item.clone();
    Ok(Json(
        serde_json::json!({ "id": item_id, "item": item, "importance": importance }),
    ))
}

/// Delete an item; answers 204 with no body.
#[delete("/items/<item_id>", status = 204, tags = ["items"], responses(404 = Message))]
pub async fn delete_item(item_id: u64) -> Result<(), HttpError> {
    store()
        .lock()
        .unwrap()
        .remove(&item_id)
        .map(|_| ())
        .ok_or_else(not_found)
}

/// Search with a query parameter model; unknown parameters are refused.
#[get("/search", tags = ["items"])]
pub async fn search(#[query] search: Search) -> Json<Search> {
    Json(search)
}

/// Headers and cookies: `User-Agent`, repeated `X-Token` headers and a `session` cookie.
#[get("/whoami")]
pub async fn whoami(
    #[header] user_agent: Option<String>,
    #[header] x_token: Vec<String>,
    #[cookie] session: Option<String>,
) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "user_agent": user_agent, "x_token": x_token, "session": session }))
}

/// A file path: `<path..>` takes the rest of the path.
#[get("/files/<path..>")]
pub async fn read_file(path: String) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "path": path }))
}

/// The app with every route above.
pub fn app() -> App {
    App::scoped(module_path!()).title("Items").version("1.0.0")
}
