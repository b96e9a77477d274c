//! `Cors`, Starlette's `CORSMiddleware` answer for answer (`tests/parity/cors.py` compares the
//! two on a socket; here each answer is pinned).

use fastrs::middleware::Cors;
use fastrs::prelude::*;
use fastrs::testing::{TestClient, TestResponse};

use crate::assert_answer;

mod routes {
    use fastrs::prelude::*;

    #[get("/items")]
    pub async fn items() -> &'static str {
        "items"
    }
}

fn client(cors: Cors) -> TestClient {
    TestClient::new(App::scoped(concat!(module_path!(), "::routes")).layer(cors))
}

fn shop() -> Cors {
    Cors::new()
        .allow_origins(["https://shop.test"])
        .allow_methods(["GET", "POST"])
        .allow_headers(["X-Token"])
        .expose_headers(["X-Status"])
        .allow_credentials(true)
}

fn preflight<'c>(
    c: &'c TestClient,
    origin: &str,
    method: &str,
) -> fastrs::testing::TestRequest<'c> {
    c.options("/items")
        .header("origin", origin)
        .header("access-control-request-method", method)
}

#[track_caller]
fn assert_headers(response: &TestResponse, expected: &[(&str, Option<&str>)]) {
    for (name, value) in expected {
        assert_eq!(response.header(name), *value, "header {name}");
    }
}

#[tokio::test]
async fn a_preflight_is_answered_as_starlette_does() {
    let c = client(shop());
    let r = preflight(&c, "https://shop.test", "POST")
        .header("access-control-request-headers", "x-token, content-type")
        .await;
    assert_answer(&r, 200, "OK");
    assert_headers(
        &r,
        &[
            ("access-control-allow-origin", Some("https://shop.test")),
            ("access-control-allow-methods", Some("GET, POST")),
            (
                "access-control-allow-headers",
                Some("Accept, Accept-Language, Content-Language, Content-Type, X-Token"),
            ),
            ("access-control-allow-credentials", Some("true")),
            ("access-control-max-age", Some("600")),
            (
                "vary",
                Some(
                    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network",
                ),
            ),
            ("content-type", Some("text/plain; charset=utf-8")),
        ],
    );
}

#[tokio::test]
async fn a_refused_preflight_says_what_failed() {
    let c = client(shop());
    let r = preflight(&c, "https://evil.test", "DELETE")
        .header("access-control-request-headers", "x-other")
        .await;
    assert_answer(&r, 400, "Disallowed CORS origin, method, headers");
    assert_eq!(r.header("access-control-allow-origin"), None);
    let r = preflight(&c, "https://shop.test", "GET")
        .header("access-control-request-private-network", "true")
        .await;
    assert_answer(&r, 400, "Disallowed CORS private-network");
}

#[tokio::test]
async fn other_requests_get_the_headers_their_origin_earns() {
    let c = client(shop());
    let r = c.get("/items").header("origin", "https://shop.test").await;
    assert_answer(&r, 200, "items");
    assert_headers(
        &r,
        &[
            ("access-control-allow-origin", Some("https://shop.test")),
            ("access-control-allow-credentials", Some("true")),
            ("access-control-expose-headers", Some("X-Status")),
            ("vary", Some("Origin")),
        ],
    );
    // Another origin: the fixed headers, not the origin.
    let r = c.get("/items").header("origin", "https://evil.test").await;
    assert_headers(
        &r,
        &[
            ("access-control-allow-origin", None),
            ("access-control-allow-credentials", Some("true")),
            ("vary", Some("Origin")),
        ],
    );
    // No origin: only `Vary`, as Starlette adds it to every answer.
    let r = c.get("/items").await;
    assert_headers(
        &r,
        &[
            ("access-control-allow-credentials", None),
            ("vary", Some("Origin")),
        ],
    );
    // An `OPTIONS` without `Access-Control-Request-Method` is no preflight: the app answers.
    let r = c
        .options("/items")
        .header("origin", "https://shop.test")
        .await;
    assert_eq!(r.status(), 405);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://shop.test")
    );
}

#[tokio::test]
async fn wildcards_and_a_regex() {
    let c = client(
        Cors::new()
            .allow_origins(["*"])
            .allow_methods(["*"])
            .allow_headers(["*"]),
    );
    let r = preflight(&c, "https://any.test", "QUERY")
        .header("access-control-request-headers", "X-Anything")
        .await;
    assert_answer(&r, 200, "OK");
    assert_headers(
        &r,
        &[
            ("access-control-allow-origin", Some("*")),
            (
                "access-control-allow-methods",
                Some("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT, QUERY"),
            ),
            ("access-control-allow-headers", Some("X-Anything")),
        ],
    );
    let c = client(Cors::new().allow_origin_regex(r"https://.*\.shop\.test"));
    let r = c
        .get("/items")
        .header("origin", "https://eu.shop.test")
        .await;
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://eu.shop.test")
    );
    // The whole origin must match.
    let r = c
        .get("/items")
        .header("origin", "https://eu.shop.test.evil.test")
        .await;
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[test]
fn credentials_from_any_origin_are_refused_when_the_app_is_built() {
    let app = App::scoped(concat!(module_path!(), "::routes"))
        .layer(Cors::new().allow_origins(["*"]).allow_credentials(true));
    let error = app.try_into_router().unwrap_err().to_string();
    assert!(
        error.contains("allows credentials from any origin"),
        "{error}"
    );
}
