//! The benchmark endpoints in fastrs.

use fastrs::prelude::*;
use fastrs_benches::Item;

#[get("/plain")]
async fn plain() -> &'static str {
    "Hello, World!"
}

#[get("/json")]
async fn json() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "message": "Hello, World!" }))
}

#[get("/items/<id>")]
async fn read_item(
    id: u64,
    q: Option<String>,
    #[query(default = 10, ge = 1, le = 100)] limit: u32,
) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "id": id, "q": q, "limit": limit }))
}

#[post("/items", status = 201)]
async fn create_item(item: Item) -> Json<Item> {
    Json(item)
}

/// The bearer token of the `authorization` header.
#[depends]
fn token(#[header] authorization: String) -> Result<String, HttpError> {
    authorization
        .strip_prefix("Bearer ")
        .map(str::to_owned)
        .ok_or_else(|| HttpError::new(fastrs::http::StatusCode::UNAUTHORIZED, "Not authenticated"))
}

/// The user the token names: a dependency on a dependency.
#[depends]
async fn current_user(token: Depends<token>) -> Result<String, HttpError> {
    match token.as_str() {
        "secret" => Ok("ann".to_owned()),
        _ => Err(HttpError::new(
            fastrs::http::StatusCode::UNAUTHORIZED,
            "Not authenticated",
        )),
    }
}

#[get("/me")]
async fn me(user: Depends<current_user>) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "user": *user }))
}

/// `/plain` under a rate limit it never reaches: the price of counting each client address
/// (its large counts are the dearer ones to write). A path as long as `/plain`'s, so that only
/// the limit differs.
#[get("/limit", rate_limit = "1000000000/second")]
async fn limited() -> &'static str {
    "Hello, World!"
}

/// `/limit` without its `X-RateLimit-*` headers: the price of the check alone.
#[get("/quiet", rate_limit = "1000000000/second", rate_limit_headers = false)]
async fn limited_quiet() -> &'static str {
    "Hello, World!"
}

/// The app: every route but `/limit` and `/quiet`, which `BENCH_RATE_LIMIT=1` adds (and with it the
/// client's address in every request, which an app with a limited route asks of the server).
/// With the `metrics` feature, `BENCH_METRICS=1` counts every request (`App::metrics`).
fn app() -> App {
    let app = App::empty().mount(fastrs::routes![plain, json, read_item, create_item, me]);
    let app = match std::env::var("BENCH_RATE_LIMIT").as_deref() {
        Ok("1") => app.mount(fastrs::routes![limited, limited_quiet]),
        _ => app,
    };
    #[cfg(feature = "metrics")]
    if std::env::var("BENCH_METRICS").as_deref() == Ok("1") {
        return app.metrics(fastrs::metrics::Metrics::new());
    }
    app
}

/// Serves on fastrs's own server, or with `BENCH_SERVE=axum` the same app, as a tower service
/// (`try_into_service()`), on `axum::serve` (to price fastrs's connection loop alone).
/// `BENCH_MIDDLEWARE=noop` adds one middleware function that does nothing.
fn main() -> std::io::Result<()> {
    // With the `tracing` feature, `BENCH_TRACING=1`: every request's span, logged by
    // `observability::init()`; `BENCH_TRACING=registry`: the spans kept by `tracing-subscriber`'s
    // registry, and nothing logged (the price of the spans themselves).
    #[cfg(feature = "tracing")]
    match std::env::var("BENCH_TRACING").as_deref() {
        Ok("1") => fastrs::observability::init(),
        Ok("registry") => {
            use tracing_subscriber::util::SubscriberInitExt as _;
            tracing_subscriber::registry().init();
        }
        _ => {}
    }
    fastrs_benches::runtime().block_on(async {
        if std::env::var("BENCH_SERVE").as_deref() == Ok("axum") {
            use fastrs::axum::ServiceExt as _;
            let listener = tokio::net::TcpListener::bind(fastrs_benches::addr()).await?;
            let service = app().try_into_service().map_err(std::io::Error::other)?;
            return fastrs::axum::serve(listener, service.into_make_service()).await;
        }
        let app = match std::env::var("BENCH_MIDDLEWARE").as_deref() {
            // One middleware function that does nothing: the price of the stack.
            Ok("noop") => app().middleware(noop),
            _ => app(),
        };
        app.serve(fastrs_benches::addr()).await
    })
}

/// A middleware that only goes on.
async fn noop(
    request: fastrs::axum::extract::Request,
    next: fastrs::middleware::Next,
) -> fastrs::axum::response::Response {
    next.run(request).await
}
