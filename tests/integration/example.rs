//! The items example, tried through the TestClient as its README shows.

use fastrs::testing::TestClient;
use serde_json::json;

use crate::assert_answer;

fn client() -> TestClient {
    TestClient::new(items::app())
}

#[tokio::test]
async fn byte_identical_to_fastapi_for_a_bad_path_and_query() {
    // FastAPI 0.141 answers exactly this for `GET /items/foo?limit=abc` with `item_id: int`.
    let r = client().get("/items/foo?limit=abc").await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"foo"},{"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}"#,
    );
}

#[tokio::test]
async fn the_example_routes_answer() {
    let c = client();
    assert_answer(&c.get("/").await, 200, r#"{"message":"Hello, World!"}"#);
    assert_answer(
        &c.get("/items/1").query([("q", "x"), ("limit", "5")]).await,
        200,
        r#"{"id":1,"name":"Hammer","price":9.99,"q":"x","limit":5}"#,
    );
    let r = c.get("/items/999").await;
    assert_answer(&r, 404, r#"{"detail":"Item not found"}"#);
    assert_eq!(r.header("x-error"), Some("item-not-found"));
    assert_answer(
        &c.get("/files/docs/readme.md").await,
        200,
        r#"{"path":"docs/readme.md"}"#,
    );
    let r = c
        .get("/whoami")
        .header("user-agent", "tests")
        .header("x-token", "t1")
        .header("x-token", "t2")
        .cookie("session", "abc")
        .await;
    assert_answer(
        &r,
        200,
        r#"{"user_agent":"tests","x_token":["t1","t2"],"session":"abc"}"#,
    );
    let r = c
        .post("/items")
        .json(&json!({"name": "", "price": 0}))
        .await;
    assert_eq!(r.status(), 422);
}
