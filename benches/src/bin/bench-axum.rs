//! The benchmark endpoints in idiomatic hand-written axum: extractors, serde, serde_qs and
//! garde, answering the same bodies (422 included) as the fastrs version.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, Path};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use fastrs::ratelimit::{Rate, RateLimiter};
use fastrs_benches::Item;
use garde::Validate;
use serde::Deserialize;
use serde_json::{Value, json};

fn error(kind: &str, loc: Value, msg: String, input: Value) -> Value {
    json!({ "type": kind, "loc": loc, "msg": msg, "input": input })
}

fn unprocessable(errors: Vec<Value>) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(json!({ "detail": errors })),
    )
        .into_response()
}

#[derive(Deserialize)]
struct RawParams {
    q: Option<String>,
    limit: Option<String>,
}

/// The query string through serde_qs, with the limit checked by hand.
struct Params {
    q: Option<String>,
    limit: u32,
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        let raw: RawParams = serde_qs::from_str(parts.uri.query().unwrap_or(""))
            .map_err(|e| (StatusCode::BAD_REQUEST, e.to_string()).into_response())?;
        let limit = match raw.limit {
            None => 10,
            Some(text) => match text.parse::<u32>() {
                Ok(n) if (1..=100).contains(&n) => n,
                Ok(n) if n < 1 => {
                    return Err(unprocessable(vec![error(
                        "greater_than_equal",
                        json!(["query", "limit"]),
                        "Input should be greater than or equal to 1".into(),
                        json!(text),
                    )]));
                }
                Ok(_) => {
                    return Err(unprocessable(vec![error(
                        "less_than_equal",
                        json!(["query", "limit"]),
                        "Input should be less than or equal to 100".into(),
                        json!(text),
                    )]));
                }
                Err(_) => {
                    return Err(unprocessable(vec![error(
                        "int_parsing",
                        json!(["query", "limit"]),
                        "Input should be a valid integer, unable to parse string as an integer"
                            .into(),
                        json!(text),
                    )]));
                }
            },
        };
        Ok(Params { q: raw.q, limit })
    }
}

/// The bearer token of the `authorization` header.
struct Token(String);

fn not_authenticated() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        Json(json!({ "detail": "Not authenticated" })),
    )
        .into_response()
}

impl<S: Send + Sync> FromRequestParts<S> for Token {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|t| Token(t.to_owned()))
            .ok_or_else(not_authenticated)
    }
}

/// The user the token names: an extractor using another extractor.
struct CurrentUser(String);

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let Token(token) = Token::from_request_parts(parts, state).await?;
        match token.as_str() {
            "secret" => Ok(CurrentUser("ann".to_owned())),
            _ => Err(not_authenticated()),
        }
    }
}

async fn me(CurrentUser(user): CurrentUser) -> Json<Value> {
    Json(json!({ "user": user }))
}

async fn plain() -> &'static str {
    "Hello, World!"
}

async fn hello_json() -> Json<Value> {
    Json(json!({ "message": "Hello, World!" }))
}

async fn read_item(Path(id): Path<String>, params: Params) -> Response {
    let Ok(id) = id.parse::<u64>() else {
        return unprocessable(vec![error(
            "int_parsing",
            json!(["path", "id"]),
            "Input should be a valid integer, unable to parse string as an integer".into(),
            json!(id),
        )]);
    };
    Json(json!({ "id": id, "q": params.q, "limit": params.limit })).into_response()
}

async fn create_item(body: axum::body::Bytes) -> Response {
    let item: Item = match serde_json::from_slice(&body) {
        Ok(item) => item,
        Err(e) => {
            return unprocessable(vec![error(
                "json_invalid",
                json!(["body"]),
                e.to_string(),
                json!({}),
            )]);
        }
    };
    if let Err(report) = item.validate() {
        let errors = report
            .iter()
            .map(|(path, e)| {
                error(
                    "value_error",
                    json!(["body", path.to_string()]),
                    format!("Value error, {e}"),
                    Value::Null,
                )
            })
            .collect();
        return unprocessable(errors);
    }
    (StatusCode::CREATED, Json(item)).into_response()
}

fn main() -> std::io::Result<()> {
    fastrs_benches::runtime().block_on(serve())
}

/// `/plain` under a rate limit it never reaches, counted per client address by the same store
/// as fastrs's (`fastrs::ratelimit`), the address from axum's `ConnectInfo`.
async fn limited(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Extension(limiter): Extension<RateLimiter>,
) -> Response {
    match limiter.check_ip(peer.ip()).await.into_result() {
        Ok(decision) => {
            let mut response = "Hello, World!".into_response();
            decision.write_headers(response.headers_mut());
            response
        }
        Err(refused) => refused.into_response(),
    }
}

/// `/limit` without the `X-RateLimit-*` headers.
async fn limited_quiet(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Extension(limiter): Extension<RateLimiter>,
) -> Response {
    let decision = limiter.check_ip(peer.ip()).await;
    match decision.into_result() {
        Ok(_) => "Hello, World!".into_response(),
        Err(refused) => refused.into_response(),
    }
}

async fn serve() -> std::io::Result<()> {
    let app = Router::new()
        .route("/plain", get(plain))
        .route("/json", get(hello_json))
        .route("/items/{id}", get(read_item))
        .route("/items", post(create_item))
        .route("/me", get(me));
    let listener = tokio::net::TcpListener::bind(fastrs_benches::addr()).await?;
    // `BENCH_RATE_LIMIT=1` adds `/limit` and `/quiet`, and the client's address to every
    // request.
    if std::env::var("BENCH_RATE_LIMIT").as_deref() == Ok("1") {
        let limiter = RateLimiter::new(Rate::per_second(1_000_000_000));
        let app = app
            .route("/limit", get(limited))
            .route("/quiet", get(limited_quiet))
            .layer(Extension(limiter));
        let service = app.into_make_service_with_connect_info::<SocketAddr>();
        return axum::serve(listener, service).await;
    }
    axum::serve(listener, app).await
}
