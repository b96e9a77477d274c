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
    let names: Vec<&str> = app.routes().iter().map(|r| r.name).collect();
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
