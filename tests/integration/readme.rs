//! The README's first example: this module's code is the README's (compared as text), and
//! it answers what the README shows.

// README: begin
use fastrs::prelude::*;

#[derive(Deserialize, Serialize, JsonSchema, Validate)]
struct Item {
    #[garde(length(min = 1, max = 50))]
    name: String,
    #[garde(range(min = 0.01))]
    price: f64,
}

#[depends]
async fn current_user(#[header] authorization: Option<String>) -> Result<String, HttpError> {
    authorization
        .ok_or_else(|| HttpError::new(fastrs::http::StatusCode::UNAUTHORIZED, "Not authenticated"))
}

/// Read one item.
#[get("/items/<item_id>")]
async fn read_item(
    item_id: u64,                                        // in the template: a path parameter
    q: Option<String>,                                   // a scalar: a query parameter
    #[query(default = 10, ge = 1, le = 100)] limit: u32, // options: checked at run time
    user: Depends<current_user>,                         // a dependency: resolved first, typed
) -> Result<Json<Item>, HttpError> {
    let detail = format!(
        "no item {item_id} for {} (q={q:?}, limit={limit})",
        user.as_str()
    );
    Err(HttpError::new(fastrs::http::StatusCode::NOT_FOUND, detail))
}

#[post("/items", status = 201)]
async fn create_item(item: Item) -> Json<Item> {
    // a model: the JSON body, validated by garde
    Json(item)
}
// README: end

use crate::client_for;

/// The text between two markers of `text`, trimmed.
fn between<'a>(text: &'a str, begin: &str, end: &str) -> &'a str {
    let start = text.find(begin).expect("the begin marker") + begin.len();
    let stop = start + text[start..].find(end).expect("the end marker");
    text[start..stop].trim()
}

const README: &str = include_str!("../../README.md");

#[test]
fn the_readme_shows_this_module_s_code() {
    let shown = between(
        README,
        "## What it looks like\n\n```rust\n",
        "#[tokio::main]",
    );
    let here = between(
        include_str!("readme.rs"),
        "// README: begin\n",
        "// README: end",
    );
    assert_eq!(
        shown, here,
        "README.md's first example and tests/integration/readme.rs differ"
    );
}

#[tokio::test]
async fn it_answers_what_the_readme_shows() {
    let c = client_for(module_path!());
    let shown = between(
        README,
        "with the very bytes\nFastAPI sends:\n\n```json\n",
        "```",
    );
    let r = c
        .get("/items/foo?limit=abc")
        .header("authorization", "Bearer x")
        .await;
    assert_eq!((r.status().as_u16(), r.text().as_str()), (422, shown));
    // Without the header, the dependency's 401 comes first, as the README says.
    let r = c.get("/items/foo?limit=abc").await;
    assert!(README.contains(r#"answers 401 `{"detail":"Not authenticated"}`"#));
    assert_eq!(
        (r.status().as_u16(), r.text().as_str()),
        (401, r#"{"detail":"Not authenticated"}"#)
    );
    let r = c.get("/items/7?q=saw").header("authorization", "ann").await;
    assert_eq!(
        (r.status().as_u16(), r.text().as_str()),
        (
            404,
            r#"{"detail":"no item 7 for ann (q=Some(\"saw\"), limit=10)"}"#
        )
    );
}
