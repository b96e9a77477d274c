//! The site in process: its page, its form and upload posts, and its API.

use fastrs::testing::{MultipartForm, TestClient};

fn client() -> TestClient {
    TestClient::new(site::app().expect("the templates load"))
}

#[tokio::test]
async fn the_page_lists_what_the_forms_add() {
    let c = client();
    let page = c.get("/").header("host", "site.test").await;
    assert_eq!(page.status(), 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.text().contains("<h1>Items</h1>"));
    assert!(
        page.text()
            .contains("http:&#x2f;&#x2f;site.test&#x2f;static&#x2f;site.css")
    );

    let added = c.post("/items").form([("name", "Tea & <cake>")]).await;
    assert_eq!(
        (added.status().as_u16(), added.header("location")),
        (303, Some("/"))
    );
    let form = MultipartForm::new().file("file", "notes.txt", "text/plain", "hello");
    let uploaded = c.post("/upload").multipart(form).await;
    assert_eq!(uploaded.status(), 303);

    let page = c.get("/").await.text();
    assert!(page.contains("<li>Tea &amp; &lt;cake&gt;</li>"), "{page}");
    assert!(page.contains("<li>notes.txt (5 bytes)</li>"), "{page}");
    // An empty name is refused, as FastAPI refuses it.
    let refused = c.post("/items").form([("name", "")]).await;
    assert_eq!(refused.status(), 422);
}

#[tokio::test]
async fn the_api_lists_items_as_json_and_json_lines() {
    let c = client();
    let created = c
        .post("/api/items")
        .json(&serde_json::json!({"name": "a"}))
        .await;
    assert_eq!(
        (created.status().as_u16(), created.text().as_str()),
        (201, r#"{"id":1,"name":"a"}"#)
    );
    c.post("/api/items")
        .json(&serde_json::json!({"name": "b"}))
        .await;
    assert_eq!(
        c.get("/api/items").await.text(),
        r#"[{"id":1,"name":"a"},{"id":2,"name":"b"}]"#
    );
    assert_eq!(
        c.get("/api/items/lines").await.text(),
        "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\"b\"}\n"
    );
    let refused = c
        .post("/api/items")
        .json(&serde_json::json!({"name": ""}))
        .await;
    assert_eq!(refused.status(), 422);
}

#[tokio::test]
async fn the_static_files_are_served() {
    let css = client().get("/static/site.css").await;
    assert_eq!(css.status(), 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
}
