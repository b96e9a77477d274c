//! `App`: collecting routes, refusing duplicates, and embedding in axum both ways.

use fastrs::prelude::*;
use fastrs::testing::TestClient;

use crate::assert_answer;

#[get("/a")]
async fn a() -> &'static str {
    "a"
}

#[get("/b/<id>")]
async fn b(id: u32) -> String {
    format!("b{id}")
}

mod dup {
    use fastrs::prelude::*;

    #[get("/same")]
    pub async fn first() -> &'static str {
        "1"
    }

    #[get("/same")]
    pub async fn second() -> &'static str {
        "2"
    }
}

mod renamed {
    use fastrs::prelude::*;

    #[get("/things/<id>")]
    pub async fn by_id(id: u32) -> String {
        id.to_string()
    }

    #[delete("/things/<name>")]
    pub async fn by_name(name: String) -> String {
        name
    }
}

#[tokio::test]
async fn mount_takes_the_routes_named() {
    let c = TestClient::new(App::empty().mount(fastrs::routes![a]));
    assert_answer(&c.get("/a").await, 200, "a");
    assert_answer(&c.get("/b/1").await, 404, r#"{"detail":"Not Found"}"#);
}

#[tokio::test]
async fn scoped_takes_a_module_and_its_submodules() {
    let app = App::scoped(concat!(module_path!(), "::renamed"));
    let names: Vec<&str> = app.routes().iter().map(|r| r.name()).collect();
    assert_eq!(names, ["by_id", "by_name"]);
    let prefix_only = App::scoped(concat!(module_path!(), "::rename"));
    assert!(prefix_only.routes().is_empty());
}

#[tokio::test]
async fn duplicate_routes_are_refused_naming_both_places() {
    let err = App::scoped(concat!(module_path!(), "::dup"))
        .try_into_router()
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("two routes answer `GET /same`: `first` at "),
        "{err}"
    );
    assert!(err.contains("tests/integration/app.rs:"), "{err}");
    assert!(
        err.contains("and `second` at tests/integration/app.rs:"),
        "{err}"
    );
}

#[tokio::test]
async fn paths_differing_only_by_parameter_names_are_refused() {
    let err = App::scoped(concat!(module_path!(), "::renamed"))
        .try_into_router()
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("`/things/<name>` (by_name at tests/integration/app.rs:")
            && err.contains("`/things/<id>` (by_id at tests/integration/app.rs:")
            && err.ends_with("differ only by parameter names; use the same names"),
        "{err}"
    );
}

#[tokio::test]
async fn a_fastrs_app_embeds_in_axum() {
    let fastrs_router = App::empty().mount(fastrs::routes![a, b]).into_router();
    let router = fastrs::axum::Router::new()
        .route(
            "/axum",
            fastrs::axum::routing::get(|| async { "from axum" }),
        )
        .nest("/api", fastrs_router);
    let c = TestClient::from_router(router);
    assert_answer(&c.get("/axum").await, 200, "from axum");
    assert_answer(&c.get("/api/b/7").await, 200, "b7");
}

#[tokio::test]
async fn axum_routers_embed_in_fastrs() {
    let legacy =
        fastrs::axum::Router::new().route("/ping", fastrs::axum::routing::get(|| async { "pong" }));
    let app = App::empty()
        .mount(fastrs::routes![a])
        .nest_axum("/legacy", legacy.clone())
        .nest_axum(
            "/",
            fastrs::axum::Router::new().route(
                "/root-ping",
                fastrs::axum::routing::get(|| async { "root pong" }),
            ),
        );
    let c = TestClient::new(app);
    assert_answer(&c.get("/legacy/ping").await, 200, "pong");
    assert_answer(&c.get("/root-ping").await, 200, "root pong");
    assert_answer(&c.get("/a").await, 200, "a");
}

#[derive(Debug, Clone, Copy, Scalar, JsonSchema)]
struct Page(u32);

#[get("/documented/<id>", status = 201, tags = ["docs", "more"], summary = "Sum", description = "Desc", operation_id = "op", deprecated, include_in_schema = false)]
/// The doc comment.
async fn documented(
    #[path(title = "The id", description = "Which one")] id: u32,
    #[query(default = 10, ge = 1, lt = 1.5e3, alias = "max")] limit: u32,
    #[query(default)] tags: Vec<String>,
    #[query(default = Page(1))] page: Page,
    #[header(
        min_length = 2,
        max_length = 9,
        pattern = "^a",
        deprecated,
        include_in_schema = false
    )]
    x_key: Option<String>,
) -> String {
    format!("{id} {limit} {tags:?} {} {x_key:?}", page.0)
}

#[tokio::test]
async fn route_and_parameter_options_are_kept_for_the_documentation() {
    use fastrs::Source;
    let route = <documented as fastrs::Route>::def();
    assert_eq!(
        (
            route.method,
            route.template,
            route.axum_path,
            route.openapi_path
        ),
        (
            fastrs::Method::Get,
            "/documented/<id>",
            "/documented/{id}",
            "/documented/{id}"
        )
    );
    assert_eq!(route.doc, "The doc comment.");
    let o = route.options;
    assert_eq!(
        (
            o.status,
            o.tags,
            o.summary,
            o.description,
            o.operation_id,
            o.deprecated,
            o.include_in_schema
        ),
        (
            Some(201),
            &["docs", "more"][..],
            Some("Sum"),
            Some("Desc"),
            Some("op"),
            true,
            false
        )
    );
    let [id, limit, tags, page, key] = route.params else {
        panic!("five parameters")
    };
    assert_eq!(
        (id.source, id.title, id.description),
        (Source::Path, Some("The id"), Some("Which one"))
    );
    assert_eq!(
        (limit.name, limit.key, limit.source),
        ("limit", "max", Source::Query)
    );
    assert_eq!(limit.default_json(), Some(serde_json::json!(10)));
    assert_eq!(
        (limit.ge.unwrap().text, limit.lt.unwrap().text),
        ("1", "1.5e3")
    );
    assert_eq!(tags.default_json(), Some(serde_json::json!([])));
    // A default of a type that is not `Serialize` works, and is not documented.
    assert!(page.default.is_some() && page.default_json().is_none());
    assert_eq!((key.key, key.source), ("x-key", Source::Header));
    assert_eq!(
        (key.min_length, key.max_length, key.pattern),
        (Some(2), Some(9), Some("^a"))
    );
    assert!(key.deprecated && !key.include_in_schema);
    assert!(id.default.is_none() && id.include_in_schema && !id.deprecated);

    let c = TestClient::new(App::empty().mount(fastrs::routes![documented]));
    assert_answer(&c.get("/documented/3").await, 201, "3 10 [] 1 None");
}

mod slashes {
    use fastrs::prelude::*;

    #[get("/items")]
    pub async fn items() -> &'static str {
        "items"
    }

    #[get("/users/")]
    pub async fn users() -> &'static str {
        "users"
    }

    #[get("/users/<id>")]
    pub async fn user(id: u32) -> String {
        id.to_string()
    }
}

#[tokio::test]
async fn a_missing_or_extra_trailing_slash_redirects_as_fastapi() {
    let c = TestClient::new(App::scoped(concat!(module_path!(), "::slashes")));
    let r = c.get("/items/?q=1").header("host", "api.test:8000").await;
    assert_eq!(r.status(), 307);
    assert_eq!(r.header("location"), Some("http://api.test:8000/items?q=1"));
    let r = c.get("/users").header("host", "api.test").await;
    assert_eq!(
        (r.status().as_u16(), r.header("location")),
        (307, Some("http://api.test/users/"))
    );
    let r = c.get("/users/7/").header("host", "api.test").await;
    assert_eq!(
        (r.status().as_u16(), r.header("location")),
        (307, Some("http://api.test/users/7"))
    );
    assert_answer(&c.get("/nothing/").await, 404, r#"{"detail":"Not Found"}"#);
    assert_answer(&c.get("/items").await, 200, "items");
    // The documents' pages follow the same policy.
    for page in ["/docs", "/redoc", "/openapi.json"] {
        let r = c.get(&format!("{page}/")).header("host", "api.test").await;
        let location = format!("http://api.test{page}");
        assert_eq!(
            (r.status().as_u16(), r.header("location")),
            (307, Some(location.as_str()))
        );
    }
}

#[tokio::test]
async fn trailing_slashes_can_be_strict_or_both_served() {
    let app = || App::scoped(concat!(module_path!(), "::slashes"));
    let strict = TestClient::new(app().trailing_slash(fastrs::TrailingSlash::Strict));
    assert_answer(
        &strict.get("/items/").await,
        404,
        r#"{"detail":"Not Found"}"#,
    );
    let both = TestClient::new(app().trailing_slash(fastrs::TrailingSlash::MatchBoth));
    assert_answer(&both.get("/items/").await, 200, "items");
    assert_answer(&both.get("/users").await, 200, "users");
    assert_answer(&both.get("/users/7/").await, 200, "7");
}

#[get("/<page>")]
async fn any_page(page: String) -> String {
    format!("page {page}")
}

#[post("/<page>")]
async fn post_page(page: String) -> String {
    format!("posted {page}")
}

/// fastrs matches its routes itself, before the axum router behind it: the documentation and
/// a nested axum router still win over a template that would also match them (as in one axum
/// router, a static segment before a parameter), and a 405 lists the path's methods as axum
/// does.
#[tokio::test]
async fn routing_chooses_as_one_axum_router_would() {
    let legacy =
        fastrs::axum::Router::new().route("/ping", fastrs::axum::routing::get(|| async { "pong" }));
    let app = App::empty()
        .mount(fastrs::routes![any_page, post_page])
        .nest_axum("/legacy", legacy);
    let c = TestClient::new(app);
    assert_answer(&c.get("/hello").await, 200, "page hello");
    assert_answer(&c.post("/hello").await, 200, "posted hello");
    // Percent-decoded, `+` kept, as axum's path extractor gives it.
    assert_answer(&c.get("/caf%C3%A9+au+lait").await, 200, "page café+au+lait");
    let docs = c.get("/docs").await;
    assert_eq!(docs.status(), 200);
    assert!(docs.text().contains("SwaggerUIBundle"));
    assert_eq!(c.get("/openapi.json").await.status(), 200);
    assert_eq!(c.get("/docs/oauth2-redirect").await.status(), 200);
    assert_answer(&c.get("/legacy/ping").await, 200, "pong");
    let r = c.delete("/hello").await;
    assert_answer(&r, 405, r#"{"detail":"Method Not Allowed"}"#);
    assert_eq!(r.header("allow"), Some("GET,HEAD,POST"));
    // HEAD is a GET without its body, the length kept.
    let r = c.head("/hello").await;
    assert_answer(&r, 200, "");
    assert_eq!(r.header("content-length"), Some("10"));
}

/// The app as a plain tower service: the same answers, without an axum router around it.
#[tokio::test]
async fn the_app_is_a_tower_service() {
    use tower::ServiceExt as _;
    let service = App::empty()
        .mount(fastrs::routes![a, b])
        .try_into_service()
        .unwrap();
    let request = |uri: &str| {
        fastrs::http::Request::builder()
            .uri(uri)
            .body(fastrs::axum::body::Body::empty())
            .unwrap()
    };
    let answer = service.clone().oneshot(request("/b/7")).await.unwrap();
    assert_eq!(answer.status(), 200);
    let body = fastrs::axum::body::to_bytes(answer.into_body(), 1024)
        .await
        .unwrap();
    assert_eq!(&body[..], b"b7");
    let answer = service.oneshot(request("/nowhere")).await.unwrap();
    assert_eq!(answer.status(), 404);
}
