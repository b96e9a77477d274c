//! The site's routes: its pages, its form posts, its live feed, and the same items as JSON.

use fastrs::UploadFile;
use fastrs::prelude::*;
use fastrs::response::{Html, JsonLines, Redirect, Sse};
use fastrs::templates::{Page, TemplateError};
use futures_util::stream::{self, Stream};
use tokio::sync::broadcast::error::RecvError;

use crate::store::{Item, NewItem, Store, Upload};

#[derive(Serialize)]
struct Home {
    items: Vec<Item>,
    uploads: Vec<Upload>,
}

/// The home page: the items, a form to add one, an upload form, and the live feed.
#[get("/", tags = ["pages"])]
pub async fn home(store: State<Store>, page: Page) -> Result<Html<String>, TemplateError> {
    page.render(
        "index.html",
        Home {
            items: store.items(),
            uploads: store.uploads(),
        },
    )
}

/// Adds an item from the page's form, then back to the page (303, so the browser loads it).
#[post("/items", status = 303, tags = ["pages"])]
pub async fn add_item(
    #[form(min_length = 1, max_length = 100)] name: String,
    store: State<Store>,
) -> Redirect {
    store.add(name);
    Redirect::see_other("/")
}

/// An error's answer: `{"detail": "..."}`.
#[derive(Serialize, JsonSchema)]
pub struct Message {
    /// What went wrong.
    pub detail: String,
}

/// Receives a file from the page's upload form, then back to the page. A body that is not a
/// multipart form answers 400, in Starlette's words.
#[post(
    "/upload",
    status = 303,
    body_limit = "20MiB",
    tags = ["pages"],
    responses(400 = (model = Message, description = "Not a multipart form"))
)]
pub async fn upload(file: UploadFile, store: State<Store>) -> Redirect {
    store.uploaded(Upload {
        filename: file.filename().to_owned(),
        size: file.size(),
    });
    Redirect::see_other("/")
}

/// The items added from now on, as Server-Sent Events; the page listens to it.
#[get("/api/items/feed", tags = ["items"])]
pub async fn feed(store: State<Store>) -> Sse<Item> {
    Sse::new(new_items(&store))
}

/// Every item added after this call, until the store goes away.
fn new_items(store: &Store) -> impl Stream<Item = Item> + Send + 'static {
    stream::unfold(store.subscribe(), |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(item) => return Some((item, receiver)),
                // A slow listener misses some items, and goes on with the next.
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return None,
            }
        }
    })
}

/// Every item.
#[get("/api/items", tags = ["items"])]
pub async fn list_items(store: State<Store>) -> Json<Vec<Item>> {
    Json(store.items())
}

/// Every item, one JSON line each.
#[get("/api/items/lines", tags = ["items"])]
pub async fn item_lines(store: State<Store>) -> JsonLines<Item> {
    JsonLines::new(stream::iter(store.items()))
}

/// Adds an item; the page shows it live.
#[post("/api/items", status = 201, tags = ["items"])]
pub async fn create_item(item: NewItem, store: State<Store>) -> Json<Item> {
    Json(store.add(item.name))
}
