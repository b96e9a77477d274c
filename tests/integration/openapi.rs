//! OpenAPI documents, compared with golden files under `tests/openapi/`. Re-bless with
//! `FASTRS_BLESS=1 cargo test -p fastrs-tests --test integration openapi`, then read the diff.

use fastrs::prelude::*;
use fastrs::testing::TestClient;

fn check_golden(name: &str, document: &str) {
    let path = format!("{}/openapi/{name}.json", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("FASTRS_BLESS").is_some() {
        std::fs::write(&path, format!("{document}\n")).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {path}; run with FASTRS_BLESS=1 to create it"));
    assert!(
        golden.trim_end() == document,
        "the document `{name}` changed; compare {path} with:\n{document}"
    );
}

#[tokio::test]
async fn the_items_example_document() {
    let document = items::app().openapi().unwrap().to_pretty_json();
    check_golden("items", &document);
    // Served compact at /openapi.json, the same document.
    let served = TestClient::new(items::app()).get("/openapi.json").await;
    assert_eq!(served.status(), 200);
    assert_eq!(served.header("content-type"), Some("application/json"));
    let served: serde_json::Value = served.json();
    assert_eq!(
        served,
        serde_json::from_str::<serde_json::Value>(&document).unwrap()
    );
}

#[get("/plain")]
async fn plain() -> &'static str {
    "plain"
}

#[tokio::test]
async fn the_document_can_be_moved_or_switched_off() {
    let c = TestClient::new(
        App::empty()
            .mount(fastrs::routes![plain])
            .openapi_url(Some("/api.json")),
    );
    assert_eq!(c.get("/api.json").await.status(), 200);
    assert_eq!(c.get("/openapi.json").await.status(), 404);
    let c = TestClient::new(App::empty().mount(fastrs::routes![plain]).openapi_url(None));
    assert_eq!(c.get("/openapi.json").await.status(), 404);
}

#[tokio::test]
async fn fastapi_operation_ids_on_request() {
    let doc = items::app()
        .operation_ids(fastrs::OperationIds::FastApi)
        .openapi()
        .unwrap();
    let op = doc.paths["/items/{item_id}"].get.as_ref().unwrap();
    assert_eq!(op.operation_id, "read_item_items__item_id__get");
}

#[tokio::test]
async fn swagger_ui_at_docs_with_no_outside_request() {
    let c = TestClient::new(items::app());
    let page = c.get("/docs").await;
    assert_eq!(page.status(), 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let html = page.text();
    assert!(html.contains("<title>Items - Swagger UI</title>"), "{html}");
    assert!(html.contains(r#"url: "/openapi.json","#), "{html}");
    assert!(html.contains("validatorUrl: null,"), "{html}");
    assert!(
        html.contains(r#"oauth2RedirectUrl: window.location.origin + "/docs/oauth2-redirect","#)
    );
    // Every script and stylesheet is served by the app itself.
    for (url, content_type) in [
        ("/docs/assets/swagger-ui-bundle.js", "text/javascript"),
        ("/docs/assets/swagger-ui.css", "text/css"),
        ("/docs/assets/oauth2-redirect.js", "text/javascript"),
    ] {
        assert!(
            html.contains(url) || url.ends_with("oauth2-redirect.js"),
            "{url}"
        );
        let asset = c.get(url).await;
        assert_eq!(asset.status(), 200, "{url}");
        assert!(
            asset
                .header("content-type")
                .unwrap()
                .starts_with(content_type),
            "{url}"
        );
        assert!(asset.bytes().len() > 1000, "{url}");
    }
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "{html}"
    );
    let redirect = c.get("/docs/oauth2-redirect").await;
    assert_eq!(redirect.status(), 200);
    assert!(
        redirect
            .text()
            .contains(r#"<script src="/docs/assets/oauth2-redirect.js"></script>"#)
    );
}

#[tokio::test]
async fn docs_titles_are_escaped_and_docs_can_be_switched_off() {
    let app = App::empty()
        .mount(fastrs::routes![plain])
        .title("<script>alert(1)</script>");
    let html = TestClient::new(app).get("/docs").await.text();
    assert!(html.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; - Swagger UI</title>"));
    assert!(!html.contains("<script>alert"));
    let c = TestClient::new(App::empty().mount(fastrs::routes![plain]).docs_url(None));
    assert_eq!(c.get("/docs").await.status(), 404);
    assert_eq!(c.get("/openapi.json").await.status(), 200);
    let c = TestClient::new(App::empty().mount(fastrs::routes![plain]).openapi_url(None));
    assert_eq!(c.get("/docs").await.status(), 404);
}

#[tokio::test]
async fn app_metadata_in_the_document() {
    use fastrs::openapi::model::{Contact, ExternalDocs, License, Server, Tag};
    let app = App::empty()
        .mount(fastrs::routes![plain])
        .title("Shop")
        .version("2.1.0")
        .summary("Things to buy")
        .description("The **shop** API")
        .terms_of_service("https://shop.test/terms")
        .contact(Contact {
            name: Some("Ops".into()),
            url: Some("https://shop.test".into()),
            email: Some("ops@shop.test".into()),
        })
        .license(License {
            name: "MIT".into(),
            identifier: Some("MIT".into()),
            url: None,
        })
        .server(Server {
            url: "https://api.shop.test".into(),
            description: Some("Production".into()),
        })
        .tag(Tag {
            name: "items".into(),
            description: Some("Things".into()),
            external_docs: Some(ExternalDocs {
                description: None,
                url: "https://shop.test/items".into(),
            }),
        });
    let json = serde_json::to_string(&app.openapi().unwrap()).unwrap();
    assert!(json.starts_with(concat!(
        r#"{"openapi":"3.1.0","info":{"title":"Shop","summary":"Things to buy","description":"The **shop** API","#,
        r#""termsOfService":"https://shop.test/terms","contact":{"name":"Ops","url":"https://shop.test","email":"ops@shop.test"},"#,
        r#""license":{"name":"MIT","identifier":"MIT"},"version":"2.1.0"},"#,
        r#""servers":[{"url":"https://api.shop.test","description":"Production"}],"paths":{"#,
    )), "{json}");
    assert!(json.ends_with(r#""tags":[{"name":"items","description":"Things","externalDocs":{"url":"https://shop.test/items"}}]}"#), "{json}");
}

#[tokio::test]
async fn extra_responses_are_documented() {
    let document = serde_json::to_value(items::app().openapi().unwrap()).unwrap();
    assert_eq!(
        document["paths"]["/items/{item_id}"]["get"]["responses"]["404"],
        serde_json::json!({"description": "The item does not exist", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Message"}}}})
    );
    // Without a description, the status' reason phrase, as FastAPI writes it.
    assert_eq!(
        document["paths"]["/items/{item_id}"]["delete"]["responses"]["404"]["description"],
        "Not Found"
    );
    assert_eq!(
        document["components"]["schemas"]["Message"]["properties"]["detail"],
        serde_json::json!({"type": "string", "description": "What went wrong.", "title": "Detail"})
    );
}
