//! Answers that are not 422: `HttpError`, 404, 405, panics and the body limit.

use fastrs::http::StatusCode;
use fastrs::prelude::*;
use fastrs::testing::TestClient;
use serde_json::json;

use crate::assert_answer;

#[get("/teapot")]
async fn teapot() -> Result<String, HttpError> {
    Err(HttpError::new(StatusCode::IM_A_TEAPOT, "I'm a teapot").header("x-brew", "tea"))
}

#[get("/structured")]
async fn structured() -> Result<String, HttpError> {
    Err(HttpError::new(
        StatusCode::BAD_REQUEST,
        json!({"code": 7, "fields": ["a", "b"]}),
    ))
}

#[get("/panic")]
async fn panics() -> String {
    panic!("the handler failed")
}

#[get("/ok")]
async fn ok() -> &'static str {
    "ok"
}

#[post("/upload")]
async fn upload(#[body] data: serde_json::Value) -> String {
    data.to_string()
}

fn client() -> TestClient {
    TestClient::new(App::scoped(module_path!()).body_limit(64))
}

#[tokio::test]
async fn http_errors_answer_their_detail_and_headers() {
    let c = client();
    let r = c.get("/teapot").await;
    assert_answer(&r, 418, r#"{"detail":"I'm a teapot"}"#);
    assert_eq!(r.header("x-brew"), Some("tea"));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_answer(
        &c.get("/structured").await,
        400,
        r#"{"detail":{"code":7,"fields":["a","b"]}}"#,
    );
}

#[tokio::test]
async fn unknown_paths_and_methods() {
    let c = client();
    assert_answer(&c.get("/nowhere").await, 404, r#"{"detail":"Not Found"}"#);
    let r = c.delete("/ok").await;
    assert_answer(&r, 405, r#"{"detail":"Method Not Allowed"}"#);
    assert_eq!(r.header("allow"), Some("GET,HEAD"));
}

#[tokio::test]
async fn a_panic_answers_500_and_the_app_goes_on() {
    let c = client();
    let r = c.get("/panic").await;
    assert_answer(&r, 500, "Internal Server Error");
    assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
    assert_answer(&c.get("/ok").await, 200, "ok");
}

#[tokio::test]
async fn a_body_over_the_limit_answers_413() {
    let c = client();
    let big = format!("\"{}\"", "x".repeat(100));
    let r = c
        .post("/upload")
        .header("content-type", "application/json")
        .body(big)
        .await;
    assert_answer(&r, 413, r#"{"detail":"Payload Too Large"}"#);
    let r = c.post("/upload").json(&json!({"a": 1})).await;
    assert_answer(&r, 200, r#"{"a":1}"#);
}

#[tokio::test]
async fn the_default_limit_is_two_mebibytes() {
    assert_eq!(fastrs::DEFAULT_BODY_LIMIT, 2 * 1024 * 1024);
    let c = TestClient::new(App::empty().mount(fastrs::routes![upload]));
    let body = format!("\"{}\"", "x".repeat(2 * 1024 * 1024));
    let r = c
        .post("/upload")
        .header("content-type", "application/json")
        .body(body)
        .await;
    assert_eq!(r.status(), 413);
}
