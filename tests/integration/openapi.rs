//! OpenAPI documents, compared with golden files under `tests/openapi/`. Re-bless with
//! `FASTRS_BLESS=1 cargo test -p fastrs-tests --test integration openapi`, then read the diff.

use fastrs::prelude::*;
use fastrs::testing::TestClient;

pub(crate) fn check_golden(name: &str, document: &str) {
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

/// An app that uses every parameter option, body form and response option.
mod every_option {
    use fastrs::prelude::*;

    #[derive(Deserialize, Serialize, JsonSchema, Scalar)]
    #[serde(rename_all = "lowercase")]
    pub enum Color {
        Red,
        Green,
    }

    #[derive(Deserialize, Serialize, JsonSchema, Validate)]
    pub struct Item {
        #[garde(length(min = 1, max = 50))]
        pub name: String,
        #[garde(range(min = 0.01))]
        pub price: f64,
        #[garde(skip)]
        pub count: Option<u32>,
    }

    #[derive(Deserialize, Serialize, JsonSchema)]
    pub struct User {
        pub username: String,
    }

    #[derive(Serialize, JsonSchema)]
    #[schemars(rename = "Page_{T}")]
    pub struct Page<T> {
        pub items: Vec<T>,
        pub total: u64,
    }

    #[derive(Serialize, JsonSchema)]
    pub struct Message {
        pub detail: String,
    }

    #[derive(Deserialize, Serialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Filter {
        pub limit: u32,
        pub tags: Vec<String>,
    }

    #[derive(Deserialize, Serialize, JsonSchema)]
    pub struct Agent {
        pub user_agent: String,
    }

    #[get("/params/<item_id>/<path..>", tags = ["params"])]
    /// Every parameter option.
    #[allow(clippy::too_many_arguments)]
    pub async fn params(
        #[path(title = "The item", description = "Which item", ge = 1)] item_id: u32,
        path: String,
        #[query(
            alias = "item-query",
            min_length = 3,
            max_length = 50,
            pattern = "^[a-z]+$"
        )]
        q: Option<String>,
        #[query(default = 10, gt = 0, lt = 101)] limit: u8,
        #[query(default = 1.5, ge = 0.5, le = 2.5)] ratio: f64,
        #[query(min_length = 1, max_length = 3)] tag: Vec<i64>,
        ids: Option<Vec<uuid::Uuid>>,
        color: Color,
        maybe_color: Option<Color>,
        #[query(deprecated, description = "Old")] old: Option<bool>,
        #[query(include_in_schema = false)] hidden: Option<String>,
        #[header] user_agent: Option<String>,
        #[header] x_token: Vec<String>,
        #[cookie] session: Option<String>,
    ) -> String {
        let _ = (
            item_id,
            path,
            q,
            limit,
            ratio,
            tag,
            ids,
            color,
            maybe_color,
            old,
            hidden,
        );
        let _ = (user_agent, x_token, session);
        String::new()
    }

    #[get("/models")]
    pub async fn models(#[query] filter: Filter, #[header] agent: Agent) -> Json<Page<Item>> {
        let _ = (filter, agent);
        Json(Page {
            items: Vec::new(),
            total: 0,
        })
    }

    #[get("/users")]
    pub async fn users() -> Json<Page<User>> {
        Json(Page {
            items: Vec::new(),
            total: 0,
        })
    }

    #[post("/items", status = 201, responses(409 = (model = Message, description = "Already there"), 400 = (description = "Bad")))]
    pub async fn create(item: Item) -> Json<Item> {
        Json(item)
    }

    #[put("/optional")]
    pub async fn optional(item: Option<Item>) -> Json<Option<Item>> {
        Json(item)
    }

    #[put(
        "/embedded/<id>",
        operation_id = "replace",
        summary = "Replace",
        description = "Both bodies"
    )]
    pub async fn embedded(
        id: u64,
        item: Item,
        user: Option<User>,
        #[body(gt = 0, description = "How much")] importance: i32,
    ) -> Result<Json<Item>, HttpError> {
        let _ = (id, user, importance);
        Ok(Json(item))
    }

    #[post("/embed-one")]
    pub async fn embed_one(#[body(embed)] item: Item) -> Json<Item> {
        Json(item)
    }

    #[delete("/items/<id>", status = 204, deprecated, responses(404 = Message))]
    pub async fn remove(id: u64) {
        let _ = id;
    }

    #[post("/login")]
    pub async fn login(
        #[form] username: String,
        #[form(min_length = 8)] password: String,
        #[form] remember: Option<bool>,
    ) -> String {
        let _ = (password, remember);
        username
    }

    #[post("/signup")]
    pub async fn signup(#[form] data: User) -> Json<User> {
        Json(data)
    }

    #[get("/hidden", include_in_schema = false)]
    pub async fn hidden_route() -> &'static str {
        "hidden"
    }

    #[get("/text")]
    pub async fn text() -> String {
        String::new()
    }

    #[get("/response")]
    pub async fn response() -> fastrs::axum::response::Response {
        fastrs::axum::response::IntoResponse::into_response("any")
    }
}

#[tokio::test]
async fn a_document_with_every_option() {
    let app = App::scoped(concat!(module_path!(), "::every_option")).title("Every option");
    check_golden("every_option", &app.openapi().unwrap().to_pretty_json());
}

#[tokio::test]
async fn an_api_reference_at_redoc_with_no_outside_request() {
    let c = TestClient::new(items::app());
    let page = c.get("/redoc").await;
    assert_eq!(page.status(), 200);
    let html = page.text();
    assert!(html.contains("<title>Items - ReDoc</title>"), "{html}");
    assert!(
        html.contains(r#"<script src="/redoc/scalar.js"></script>"#),
        "{html}"
    );
    assert!(html.contains(
        r#"{"url":"/openapi.json","withDefaultFonts":false,"hideClientButton":true,"showDeveloperTools":"never","agent":{"disabled":true},"telemetry":false}"#
    ), "{html}");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "{html}"
    );
    let script = c.get("/redoc/scalar.js").await;
    assert_eq!(script.status(), 200);
    assert_eq!(script.header("content-type"), Some("text/javascript"));
    assert!(script.bytes().len() > 1_000_000);
    let off = TestClient::new(App::empty().mount(fastrs::routes![plain]).redoc_url(None));
    assert_eq!(off.get("/redoc").await.status(), 404);
    assert_eq!(off.get("/docs").await.status(), 200);
}

mod clash {
    pub mod a {
        use fastrs::prelude::*;

        #[get("/a/list")]
        pub async fn list() -> &'static str {
            "a"
        }
    }

    pub mod b {
        use fastrs::prelude::*;

        #[get("/b/list")]
        pub async fn list() -> &'static str {
            "b"
        }
    }
}

#[tokio::test]
async fn an_operation_id_clash_stops_the_app_naming_both_places() {
    let app = || App::scoped(concat!(module_path!(), "::clash"));
    let err = app().try_into_router().unwrap_err().to_string();
    assert!(
        err.starts_with("two operations have the id `list`: at tests/integration/openapi.rs:")
            && err.ends_with("; give one an `operation_id`"),
        "{err}"
    );
    // FastAPI's ids include the path, so they do not clash.
    let ids = app()
        .operation_ids(fastrs::OperationIds::FastApi)
        .openapi()
        .unwrap();
    assert_eq!(
        ids.paths["/a/list"].get.as_ref().unwrap().operation_id,
        "list_a_list_get"
    );
}
