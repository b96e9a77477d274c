//! Routers: `router!` in a module and `Router` values, composed like FastAPI's
//! `include_router`.

use fastrs::prelude::*;
use fastrs::testing::TestClient;
use serde_json::{Value, json};

use crate::assert_answer;

#[derive(Serialize, JsonSchema)]
pub struct Message {
    detail: String,
}

/// The app's own dependency.
#[depends]
pub fn app_key(#[header] x_app: String) {
    let _ = x_app;
}

/// A route's `dependencies = [...]`.
#[depends]
pub fn route_key(#[header] x_route: String) {
    let _ = x_route;
}

pub mod outer {
    use fastrs::http::StatusCode;
    use fastrs::prelude::*;

    #[depends]
    pub fn outer_key(#[header] x_outer: String) -> Result<(), HttpError> {
        if x_outer == "no" {
            return Err(HttpError::new(StatusCode::FORBIDDEN, "outer says no"));
        }
        Ok(())
    }

    fastrs::router!(
        prefix = "/outer",
        tags = ["outer"],
        dependencies = [outer_key],
        responses(404 = super::Message),
    );

    #[get("/ping")]
    pub async fn ping() -> &'static str {
        "pong"
    }

    /// The router's prefix itself.
    #[get("")]
    pub async fn index() -> &'static str {
        "index"
    }

    pub mod inner {
        use fastrs::prelude::*;

        #[depends]
        pub fn inner_key(#[header] x_inner: String) {
            let _ = x_inner;
        }

        fastrs::router!(
            prefix = "/inner",
            tags = ["inner", "outer"],
            dependencies = [inner_key],
            responses(
                404 = (description = "Inner missing"),
                409 = crate::routers::Message,
            ),
        );

        #[get(
            "/items/<id>",
            tags = ["item"],
            dependencies = [crate::routers::route_key],
            responses(404 = (description = "No such item"))
        )]
        pub async fn item(id: u32, q: u32) -> String {
            format!("item {id} q {q}")
        }
    }
}

/// Hidden and deprecated by its router.
pub mod legacy {
    use fastrs::prelude::*;

    fastrs::router!(prefix = "/legacy", deprecated, include_in_schema = false);

    #[get("/old")]
    pub async fn old() -> &'static str {
        "old"
    }
}

fn app() -> App {
    App::scoped(concat!(module_path!(), "::outer")).dependency::<app_key>()
}

const ALL_KEYS: [(&str, &str); 4] = [
    ("x-app", "a"),
    ("x-outer", "o"),
    ("x-inner", "i"),
    ("x-route", "r"),
];

#[tokio::test]
async fn prefixes_compose_across_two_levels() {
    let c = TestClient::new(app());
    let mut request = c.get("/outer/inner/items/1").query([("q", "2")]);
    for (name, value) in ALL_KEYS {
        request = request.header(name, value);
    }
    assert_answer(&request.send().await, 200, "item 1 q 2");
    // The undecorated path is not served.
    assert_answer(&c.get("/items/1").await, 404, r#"{"detail":"Not Found"}"#);
}

#[tokio::test]
async fn dependencies_run_app_then_outer_then_inner_then_route() {
    // Every dependency is refused: the one 422 lists them in the order they run, then the
    // route's own parameters.
    let c = TestClient::new(app());
    assert_answer(
        &c.get("/outer/inner/items/x").await,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"missing","loc":["header","x-app"],"msg":"Field required","input":null},"#,
            r#"{"type":"missing","loc":["header","x-outer"],"msg":"Field required","input":null},"#,
            r#"{"type":"missing","loc":["header","x-inner"],"msg":"Field required","input":null},"#,
            r#"{"type":"missing","loc":["header","x-route"],"msg":"Field required","input":null},"#,
            r#"{"type":"int_parsing","loc":["path","id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},"#,
            r#"{"type":"missing","loc":["query","q"],"msg":"Field required","input":null}"#,
            r#"]}"#
        ),
    );
}

#[tokio::test]
async fn a_router_dependency_answer_wins_over_the_422() {
    let c = TestClient::new(app());
    let response = c
        .get("/outer/inner/items/x")
        .header("x-outer", "no")
        .send()
        .await;
    assert_answer(&response, 403, r#"{"detail":"outer says no"}"#);
}

#[tokio::test]
async fn a_route_without_parameters_runs_its_routers_dependencies() {
    let c = TestClient::new(app());
    assert_answer(
        &c.get("/outer/ping").header("x-app", "a").send().await,
        422,
        r#"{"detail":[{"type":"missing","loc":["header","x-outer"],"msg":"Field required","input":null}]}"#,
    );
    let ok = c
        .get("/outer/ping")
        .header("x-app", "a")
        .header("x-outer", "o")
        .send()
        .await;
    assert_answer(&ok, 200, "pong");
    // Routes outside the router are untouched by its dependencies.
    let legacy = TestClient::new(App::scoped(concat!(module_path!(), "::legacy")));
    assert_answer(&legacy.get("/legacy/old").await, 200, "old");
}

#[tokio::test]
async fn an_empty_template_serves_the_prefix_itself() {
    let c = TestClient::new(App::scoped(concat!(module_path!(), "::outer")));
    let response = c.get("/outer").header("x-outer", "o").send().await;
    assert_answer(&response, 200, "index");
    // FastAPI's redirect for the other form.
    let redirected = c.get("/outer/").header("x-outer", "o").send().await;
    assert_eq!(redirected.status(), 307);
    assert_eq!(
        redirected.headers()["location"].to_str().unwrap(),
        "http://localhost/outer"
    );
}

/// A route for a router's prefix, with no router around it.
pub mod bare {
    use fastrs::prelude::*;

    #[get("")]
    pub async fn nothing() -> &'static str {
        "nothing"
    }
}

#[test]
fn an_empty_template_outside_a_router_is_a_startup_error() {
    let err = App::scoped(concat!(module_path!(), "::bare"))
        .try_into_router()
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("`nothing` at tests/integration/routers.rs:"),
        "{err}"
    );
    assert!(
        err.ends_with(
            " has the path `\"\"`, which only a router's prefix can complete; mount it inside a router with a prefix"
        ),
        "{err}"
    );
    // A `Router` value's prefix completes it.
    let app = App::empty().include(
        fastrs::Router::new()
            .prefix("/bare")
            .mount(fastrs::routes![bare::nothing]),
    );
    assert!(app.try_into_router().is_ok());
}

fn operation(app: &App, path: &str) -> Value {
    let document: Value = serde_json::from_slice(&app.openapi().unwrap().to_json()).unwrap();
    document["paths"][path]["get"].clone()
}

#[test]
fn the_document_shows_composed_paths_tags_responses_and_parameters() {
    let item = operation(&app(), "/outer/inner/items/{id}");
    assert_eq!(item["tags"], json!(["outer", "inner", "item"]));
    let names: Vec<(&str, &str)> = item["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["in"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        names,
        // FastAPI's order: path, query, header; the app's and routers' dependencies in turn.
        [
            ("path", "id"),
            ("query", "q"),
            ("header", "x-app"),
            ("header", "x-outer"),
            ("header", "x-inner"),
            ("header", "x-route"),
        ]
    );
    let responses = &item["responses"];
    let statuses: Vec<&String> = responses.as_object().unwrap().keys().collect();
    assert_eq!(statuses, ["200", "404", "409", "422"]);
    // The route's own 404 wins over the routers'; the inner router's 409 is added.
    assert_eq!(responses["404"], json!({ "description": "No such item" }));
    assert_eq!(
        responses["409"],
        json!({
            "description": "Conflict",
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Message" } } }
        })
    );
    // `ping` gets the outer router's 404 with its model.
    let ping = operation(&app(), "/outer/ping");
    assert_eq!(ping["tags"], json!(["outer"]));
    assert_eq!(
        ping["responses"]["404"],
        json!({
            "description": "Not Found",
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Message" } } }
        })
    );
}

#[test]
fn a_router_can_hide_and_deprecate_its_routes() {
    let hidden = App::scoped(concat!(module_path!(), "::legacy"));
    let document: Value = serde_json::from_slice(&hidden.openapi().unwrap().to_json()).unwrap();
    assert_eq!(document["paths"], json!({}));
    let shown = App::empty().include(
        fastrs::Router::new()
            .deprecated(true)
            .mount(fastrs::routes![outer::ping]),
    );
    assert_eq!(operation(&shown, "/outer/ping")["deprecated"], json!(true));
}

#[tokio::test]
async fn router_values_nest_with_their_own_prefixes() {
    let admin = fastrs::Router::new()
        .prefix("/admin")
        .tags(["admin"])
        .dependency::<route_key>()
        .response(fastrs::ExtraResponse::new(401).description("Who are you?"))
        .mount(fastrs::routes![legacy::old]);
    let v1 = fastrs::Router::new()
        .prefix("/v1")
        .tags(["v1"])
        .dependency::<app_key>()
        .include(admin);
    let app = App::empty().include(v1).openapi_url(None);
    let served = app.routes();
    assert_eq!(served[0].path(), "/v1/admin/legacy/old");
    assert_eq!(served[0].tags(), ["v1", "admin"]);
    let c = TestClient::new(app);
    assert_answer(
        &c.get("/v1/admin/legacy/old").await,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"missing","loc":["header","x-app"],"msg":"Field required","input":null},"#,
            r#"{"type":"missing","loc":["header","x-route"],"msg":"Field required","input":null}"#,
            r#"]}"#
        ),
    );
    let ok = c
        .get("/v1/admin/legacy/old")
        .header("x-app", "a")
        .header("x-route", "r")
        .send()
        .await;
    assert_answer(&ok, 200, "old");
}

#[test]
fn a_router_value_documents_its_responses() {
    let app = App::empty().include(
        fastrs::Router::new()
            .prefix("/v2")
            .response(fastrs::ExtraResponse::new(401).description("Who are you?"))
            .response(fastrs::ExtraResponse::new(418).model::<Message>())
            .mount(fastrs::routes![outer::ping]),
    );
    let ping = operation(&app, "/v2/outer/ping");
    assert_eq!(
        ping["responses"]["401"],
        json!({ "description": "Who are you?" })
    );
    assert_eq!(
        ping["responses"]["418"]["content"]["application/json"]["schema"],
        json!({ "$ref": "#/components/schemas/Message" })
    );
}

#[test]
#[should_panic(expected = "a prefix does not end with `/`")]
fn a_router_prefix_ending_with_a_slash_is_refused() {
    let _ = fastrs::Router::new().prefix("/v1/");
}

#[test]
#[should_panic(expected = "a prefix has no parameter")]
fn a_router_prefix_with_a_parameter_is_refused() {
    let _ = fastrs::Router::new().prefix("/users/<id>");
}
