//! What a handler returns: `Json`, any `IntoResponse`, `Result`, `status`, 204 and HEAD.

use fastrs::axum::response::{IntoResponse, Response};
use fastrs::http::{StatusCode, header};
use fastrs::prelude::*;
use serde_json::json;

use crate::{assert_answer, client_for};

#[derive(Serialize)]
struct Message {
    message: &'static str,
}

#[get("/json")]
async fn json_value() -> Json<Message> {
    Json(Message {
        message: "Hello, World!",
    })
}

#[get("/text")]
async fn text() -> String {
    "plain".to_owned()
}

#[get("/custom")]
async fn custom() -> Response {
    (StatusCode::ACCEPTED, [(header::LOCATION, "/x")], "accepted").into_response()
}

#[post("/created", status = 201)]
async fn created() -> Json<serde_json::Value> {
    Json(json!({"id": 1}))
}

#[post("/created-or-not", status = 201)]
async fn created_or_not(fail: bool) -> Result<Json<serde_json::Value>, HttpError> {
    if fail {
        return Err(HttpError::new(StatusCode::CONFLICT, "exists"));
    }
    Ok(Json(json!({"id": 2})))
}

#[delete("/gone", status = 204)]
async fn gone() {}

#[delete("/gone-json", status = 204)]
async fn gone_json() -> Json<serde_json::Value> {
    Json(json!({"ignored": true}))
}

#[head("/only-head")]
async fn only_head() -> Response {
    (StatusCode::OK, [("x-head", "yes")]).into_response()
}

#[options("/opts")]
async fn opts() -> String {
    "options".into()
}

#[patch("/patch")]
async fn patched() -> String {
    "patched".into()
}

fn client() -> fastrs::testing::TestClient {
    client_for(module_path!())
}

#[tokio::test]
async fn json_and_text() {
    let c = client();
    let r = c.get("/json").await;
    assert_answer(&r, 200, r#"{"message":"Hello, World!"}"#);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let r = c.get("/text").await;
    assert_answer(&r, 200, "plain");
    assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
}

#[tokio::test]
async fn any_into_response_keeps_its_status_and_headers() {
    let r = client().get("/custom").await;
    assert_answer(&r, 202, "accepted");
    assert_eq!(r.header("location"), Some("/x"));
}

#[tokio::test]
async fn the_status_option_applies_to_success_only() {
    let c = client();
    assert_answer(&c.post("/created").await, 201, r#"{"id":1}"#);
    assert_answer(
        &c.post("/created-or-not?fail=false").await,
        201,
        r#"{"id":2}"#,
    );
    assert_answer(
        &c.post("/created-or-not?fail=true").await,
        409,
        r#"{"detail":"exists"}"#,
    );
}

#[tokio::test]
async fn status_204_has_no_body() {
    let c = client();
    let r = c.delete("/gone").await;
    assert_answer(&r, 204, "");
    let r = c.delete("/gone-json").await;
    assert_answer(&r, 204, "");
    assert_eq!(r.header("content-type"), None);
}

#[tokio::test]
async fn head_is_answered_for_get_routes() {
    let c = client();
    let r = c.head("/json").await;
    assert_answer(&r, 200, "");
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("content-length"), Some("27"));
    let r = c.head("/only-head").await;
    assert_eq!(
        (r.status().as_u16(), r.header("x-head")),
        (200, Some("yes"))
    );
}

#[tokio::test]
async fn other_methods() {
    let c = client();
    assert_answer(&c.options("/opts").await, 200, "options");
    assert_answer(&c.patch("/patch").await, 200, "patched");
}

/// FastAPI's tutorial store for the response-model filters.
#[derive(Clone, Serialize, Deserialize, JsonSchema)]
struct StoredItem {
    name: String,
    #[serde(default)]
    description: fastrs::Tracked<Option<String>>,
    price: f64,
    #[serde(default = "default_tax")]
    tax: fastrs::Tracked<f64>,
    #[serde(default)]
    tags: fastrs::Tracked<Vec<String>>,
}

fn default_tax() -> fastrs::Tracked<f64> {
    fastrs::Tracked::unset(10.5)
}

fn stored() -> Vec<StoredItem> {
    serde_json::from_value(json!([
        {"name": "Foo", "price": 50.2},
        {"name": "Bar", "description": "The bartenders", "price": 62, "tax": 20.2},
        {"name": "Baz", "description": null, "price": 50.2, "tax": 10.5, "tags": []},
    ]))
    .unwrap()
}

#[get("/store/unset", response_model_exclude_unset)]
async fn store_unset() -> Json<Vec<StoredItem>> {
    Json(stored())
}

#[get("/store/defaults", response_model_exclude_defaults)]
async fn store_defaults() -> Json<Vec<StoredItem>> {
    Json(stored())
}

#[get("/store/none", response_model_exclude_none, response_model_exclude = ["tags"])]
async fn store_none() -> Json<Vec<StoredItem>> {
    Json(stored())
}

#[get("/store/include", response_model_include = ["name", "description"])]
async fn store_include() -> Json<StoredItem> {
    Json(stored().remove(0))
}

#[post("/store/changed", response_model_exclude_unset)]
async fn store_changed(
    mut item: StoredItem,
    #[query] fail: bool,
) -> Result<Json<StoredItem>, HttpError> {
    if fail {
        return Err(HttpError::new(StatusCode::CONFLICT, "no"));
    }
    // Changing a field sets it.
    item.tags.push("new".to_owned());
    Ok(Json(item))
}

#[tokio::test]
async fn response_model_filters_answer_as_fastapi_s_tutorial() {
    let c = client();
    assert_answer(
        &c.get("/store/unset").await,
        200,
        r#"[{"name":"Foo","price":50.2},{"name":"Bar","description":"The bartenders","price":62.0,"tax":20.2},{"name":"Baz","description":null,"price":50.2,"tax":10.5,"tags":[]}]"#,
    );
    assert_answer(
        &c.get("/store/defaults").await,
        200,
        r#"[{"name":"Foo","price":50.2},{"name":"Bar","description":"The bartenders","price":62.0,"tax":20.2},{"name":"Baz","price":50.2}]"#,
    );
    assert_answer(
        &c.get("/store/none").await,
        200,
        r#"[{"name":"Foo","price":50.2,"tax":10.5},{"name":"Bar","description":"The bartenders","price":62.0,"tax":20.2},{"name":"Baz","price":50.2,"tax":10.5}]"#,
    );
    let r = c.get("/store/include").await;
    assert_answer(&r, 200, r#"{"name":"Foo","description":null}"#);
    assert_eq!(r.header("content-length"), Some("33"));
    assert_answer(
        &c.post("/store/changed?fail=false")
            .json(&json!({"name": "New", "price": 1}))
            .await,
        200,
        r#"{"name":"New","price":1.0,"tags":["new"]}"#,
    );
    // An error answer is not filtered.
    assert_answer(
        &c.post("/store/changed?fail=true")
            .json(&json!({"name": "New", "price": 1}))
            .await,
        409,
        r#"{"detail":"no"}"#,
    );
    // Without a filter, an unset field answers its default.
    assert_eq!(
        serde_json::to_string(&stored()[0]).unwrap(),
        r#"{"name":"Foo","description":null,"price":50.2,"tax":10.5,"tags":[]}"#
    );
}
