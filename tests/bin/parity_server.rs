//! The fastrs half of the side-by-side check (`tests/parity/`): the same app as
//! `tests/parity/twin.py`, served on `FASTRS_TEST_ADDR` until killed. `tests/e2e/parity.sh`
//! sends both the same requests and compares the answers.

use fastrs::Tracked;
use fastrs::axum::body::Body;
use fastrs::axum::response::{IntoResponse, Response};
use fastrs::http::{StatusCode, header};
use fastrs::middleware::{Cors, GZip, HttpsRedirect, TrustedHost};
use fastrs::prelude::*;
use fastrs::response::{Event, JsonLines, Sse, Stream};
use fastrs::security::{HttpBasic, HttpBearer};
use serde_json::{Value, json};

mod coded;
mod file_routes;
mod uploads;

#[derive(Deserialize, Serialize, JsonSchema)]
struct Item {
    name: String,
    price: f64,
}

#[derive(Deserialize, Serialize, JsonSchema)]
struct Project {
    project_id: i64,
}

#[derive(Deserialize, Serialize, JsonSchema, Validate)]
struct Rules {
    #[garde(length(min = 3))]
    zeta: String,
    #[garde(length(min = 3))]
    alpha: String,
    #[garde(length(min = 3))]
    mid: String,
}

#[derive(Deserialize, Serialize, JsonSchema, Validate)]
struct Page {
    #[garde(range(min = 1, max = 100))]
    limit: u32,
}

#[derive(Deserialize, JsonSchema)]
struct Measure {
    value: f64,
}

#[derive(Deserialize, Serialize, JsonSchema, Scalar)]
#[serde(rename_all = "snake_case")]
#[scalar(literal)]
#[schemars(inline)]
enum OrderBy {
    CreatedAt,
    UpdatedAt,
}

#[derive(Deserialize, Serialize, JsonSchema, Scalar)]
#[serde(rename_all = "lowercase")]
enum Color {
    Red,
    Green,
}

#[get("/bounded")]
async fn bounded(#[query(ge = 1, le = 100)] limit: u32) -> Json<Value> {
    Json(json!({ "limit": limit }))
}

#[get("/bounded64")]
async fn bounded64(#[query(ge = 0, le = 1000)] offset: i64) -> Json<Value> {
    Json(json!({ "offset": offset }))
}

#[get("/scalars")]
async fn scalars(
    i: Option<i32>,
    f: Option<f64>,
    b: Option<bool>,
    color: Option<Color>,
) -> Json<Value> {
    Json(json!({ "i": i, "f": f, "b": b, "color": color }))
}

#[post("/projects")]
async fn projects(p: Project) -> Json<Project> {
    Json(p)
}

#[post("/items")]
async fn items(item: Item) -> Json<Item> {
    Json(item)
}

#[post("/several")]
async fn several(item: Item, #[body] importance: i32) -> Json<Value> {
    Json(json!({ "item": item, "importance": importance }))
}

#[post("/defaulted")]
async fn defaulted(item: Item, #[body(default = 3)] importance: i32) -> Json<Value> {
    Json(json!({ "item": item, "importance": importance }))
}

#[post("/optional")]
async fn optional(item: Option<Item>) -> Json<Option<Item>> {
    Json(item)
}

#[post("/count")]
async fn count(#[body] importance: i32) -> Json<Value> {
    Json(json!({ "importance": importance }))
}

#[post("/rules")]
async fn rules(r: Rules) -> Json<Rules> {
    Json(r)
}

#[get("/worded")]
async fn worded(#[query(max_length = 5, pattern = "^[a-z]+$")] word: String) -> Json<Value> {
    Json(json!({ "word": word }))
}

#[post("/page")]
async fn page(p: Page, #[body(ge = 1, le = 100)] size: u32) -> Json<Value> {
    Json(json!({ "limit": p.limit, "size": size }))
}

#[post("/measure")]
async fn measure(m: Measure) -> Json<Value> {
    // Python's `str(float)` of what was read.
    let text = match m.value {
        v if v.is_nan() => "nan".to_owned(),
        v if v.is_infinite() && v > 0.0 => "inf".to_owned(),
        v if v.is_infinite() => "-inf".to_owned(),
        v => format!("{v:?}"),
    };
    Json(json!({ "value": text }))
}

#[get("/basic")]
async fn basic(c: Depends<HttpBasic>) -> Json<Value> {
    Json(json!({ "user": c.username }))
}

#[get("/bearer")]
async fn bearer(c: Depends<HttpBearer>) -> Json<Value> {
    Json(json!({ "token": c.credentials }))
}

#[get("/sorted")]
async fn sorted(#[query(default = OrderBy::CreatedAt)] order_by: OrderBy) -> Json<Value> {
    Json(json!({ "order_by": order_by }))
}

#[get("/files/<file_path..>")]
async fn files(file_path: String) -> Json<Value> {
    Json(json!({ "file_path": file_path }))
}

#[get("/headers")]
async fn headers(
    #[header] x_token: Option<String>,
    #[header] x_ids: Vec<i32>,
    #[cookie] session: Option<String>,
) -> Json<Value> {
    Json(json!({ "x_token": x_token, "x_ids": x_ids, "session": session }))
}

/// FastAPI's tutorial on response-model filters.
#[derive(Clone, Serialize, Deserialize, JsonSchema)]
struct StoredItem {
    name: String,
    #[serde(default)]
    description: Tracked<Option<String>>,
    price: f64,
    #[serde(default = "default_tax")]
    tax: Tracked<f64>,
    #[serde(default)]
    tags: Tracked<Vec<String>>,
}

fn default_tax() -> Tracked<f64> {
    Tracked::unset(10.5)
}

/// The store, as the tutorial writes it: items read from JSON know which fields were given.
fn stored(item_id: &str) -> Result<Json<StoredItem>, HttpError> {
    let item = match item_id {
        "foo" => json!({"name": "Foo", "price": 50.2}),
        "bar" => json!({"name": "Bar", "description": "The bartenders", "price": 62, "tax": 20.2}),
        "baz" => {
            json!({"name": "Baz", "description": null, "price": 50.2, "tax": 10.5, "tags": []})
        }
        _ => {
            return Err(HttpError::new(
                fastrs::http::StatusCode::NOT_FOUND,
                "Item not found",
            ));
        }
    };
    serde_json::from_value(item)
        .map(Json)
        .map_err(|_| HttpError::from_status(fastrs::http::StatusCode::INTERNAL_SERVER_ERROR))
}

#[get("/store/unset/<item_id>", response_model_exclude_unset)]
async fn store_unset(item_id: String) -> Result<Json<StoredItem>, HttpError> {
    stored(&item_id)
}

#[get("/store/defaults/<item_id>", response_model_exclude_defaults)]
async fn store_defaults(item_id: String) -> Result<Json<StoredItem>, HttpError> {
    stored(&item_id)
}

#[get("/store/none/<item_id>", response_model_exclude_none)]
async fn store_none(item_id: String) -> Result<Json<StoredItem>, HttpError> {
    stored(&item_id)
}

#[get("/store/include/<item_id>", response_model_include = ["name", "description"])]
async fn store_include(item_id: String) -> Result<Json<StoredItem>, HttpError> {
    stored(&item_id)
}

#[get("/store/exclude/<item_id>", response_model_exclude = ["tax"])]
async fn store_exclude(item_id: String) -> Result<Json<StoredItem>, HttpError> {
    stored(&item_id)
}

#[get("/store/all", response_model_exclude_unset)]
async fn store_all() -> Result<Json<Vec<StoredItem>>, HttpError> {
    ["foo", "bar", "baz"]
        .iter()
        .map(|id| stored(id).map(|item| item.0))
        .collect::<Result<_, _>>()
        .map(Json)
}

#[post("/store/echo", response_model_exclude_unset)]
async fn store_echo(item: StoredItem) -> Json<StoredItem> {
    Json(item)
}

/// An `HttpError` of any status, with a header: FastAPI's `HTTPException` rules.
#[get("/raise/<code>")]
async fn raise_status(code: u16) -> Result<(), HttpError> {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    Err(HttpError::new(status, format!("status {code}")).header("x-kept", "yes"))
}

/// FastAPI's tutorial exception.
struct UnicornError(String);

impl IntoResponse for UnicornError {
    fn into_response(self) -> Response {
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    }
}

/// The tutorial's `unicorn_exception_handler`.
fn unicorn_handler(error: UnicornError) -> Response {
    let message = format!("Oops! {} did something. There goes a rainbow...", error.0);
    (StatusCode::IM_A_TEAPOT, Json(json!({ "message": message }))).into_response()
}

#[get("/unicorns/<name>")]
async fn read_unicorn(name: String) -> Result<Json<Value>, UnicornError> {
    if name == "yolo" {
        return Err(UnicornError(name));
    }
    Ok(Json(json!({ "unicorn_name": name })))
}

#[depends]
async fn rider(#[query] rider: String) -> Result<String, UnicornError> {
    if rider == "nobody" {
        return Err(UnicornError(rider));
    }
    Ok(rider)
}

#[get("/ride")]
async fn ride(rider: Depends<rider>) -> Json<Value> {
    Json(json!({ "rider": *rider }))
}

/// `n` bytes of text, for `tests/parity/gzipped.py`.
fn text(n: usize) -> String {
    "abcdefghij".repeat(n / 10 + 1)[..n].to_owned()
}

#[get("/gzip/text/<n>")]
async fn gzip_text(n: usize) -> String {
    text(n)
}

#[get("/gzip/json/<n>")]
async fn gzip_json(n: usize) -> Json<Value> {
    Json(json!({ "text": text(n) }))
}

/// An answer of `n` bytes with a header set: `image/png`, `Content-Encoding`, `Vary` or 206.
#[get("/gzip/with/<kind>/<n>")]
async fn gzip_with(kind: String, n: usize) -> Response {
    let mut response = Response::new(Body::from(text(n)));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        "text/plain; charset=utf-8".parse().unwrap(),
    );
    match kind.as_str() {
        "png" => {
            headers.insert(header::CONTENT_TYPE, "image/png".parse().unwrap());
        }
        "svg" => {
            headers.insert(header::CONTENT_TYPE, "image/svg+xml".parse().unwrap());
        }
        "encoded" => {
            headers.insert(header::CONTENT_ENCODING, "identity".parse().unwrap());
        }
        "vary" => {
            headers.insert(header::VARY, "Origin".parse().unwrap());
        }
        "partial" => *response.status_mut() = StatusCode::PARTIAL_CONTENT,
        _ => {}
    }
    response
}

/// `count` chunks of `size` bytes each, streamed.
#[get("/gzip/stream/<count>/<size>")]
async fn gzip_stream(count: usize, size: usize) -> Response {
    let chunks = (0..count).map(move |_| Ok::<_, std::io::Error>(text(size)));
    let mut response = Response::new(Body::from_stream(futures_util::stream::iter(chunks)));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        "text/plain; charset=utf-8".parse().unwrap(),
    );
    response
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("FASTRS_TEST_ADDR").unwrap_or_else(|_| "127.0.0.1:8099".into());
    let app = App::scoped(module_path!()).exception_handler(unicorn_handler);
    let app = file_routes::with_files(app);
    // The CORS configurations `tests/parity/cors.py` compares with Starlette's.
    let app = match std::env::var("FASTRS_PARITY_CORS").as_deref() {
        Ok("basic") => app.layer(
            Cors::new()
                .allow_origins(["https://example.org"])
                .allow_methods(["GET", "POST"])
                .allow_headers(["X-Example", "Content-Type"])
                .expose_headers(["X-Status"])
                .allow_credentials(true),
        ),
        Ok("wildcard") => app.layer(
            Cors::new()
                .allow_origins(["*"])
                .allow_methods(["*"])
                .allow_headers(["*"])
                .expose_headers(["X-Status", "X-Other"]),
        ),
        Ok("regex") => app.layer(
            Cors::new()
                .allow_origin_regex(r"https://.*\.example\.org")
                .allow_credentials(true),
        ),
        Ok("private") => app.layer(
            Cors::new()
                .allow_origins(["https://example.org"])
                .allow_private_network(true)
                .max_age(60),
        ),
        _ => app,
    };
    // The trusted hosts `tests/parity/hosts.py` compares with Starlette's.
    let app = match std::env::var("FASTRS_PARITY_HOSTS").as_deref() {
        Ok("") | Err(_) => app,
        Ok(hosts) => app.layer(TrustedHost::new(hosts.split(','))),
    };
    // The redirect `tests/parity/https.py` compares with Starlette's.
    let app = match std::env::var("FASTRS_PARITY_HTTPS").as_deref() {
        Ok("1") => app.layer(HttpsRedirect::new().trust_forwarded_proto(true)),
        _ => app,
    };
    // The compression `tests/parity/gzipped.py` compares with Starlette's.
    let app = match std::env::var("FASTRS_PARITY_GZIP").as_deref() {
        Ok("default") => app.layer(GZip::new()),
        Ok("small") => app.layer(GZip::new().minimum_size(10).level(1)),
        _ => app,
    };
    // The metrics `tests/parity/metrics.py` compares with prometheus-fastapi-instrumentator's.
    let app = match std::env::var("FASTRS_PARITY_METRICS").as_deref() {
        Ok("1") => app.metrics(fastrs::metrics::Metrics::new()),
        _ => app,
    };
    app.serve(addr).await
}

#[get("/stream/jsonl")]
async fn stream_jsonl() -> JsonLines<Item> {
    let items = [("a", 1.0), ("b\nc", 2.5)].map(|(name, price)| Item {
        name: name.to_owned(),
        price,
    });
    JsonLines::new(futures_util::stream::iter(items))
}

#[get("/stream/sse")]
async fn stream_sse(#[header] last_event_id: Option<i64>) -> Sse<Event> {
    let last = last_event_id.map_or_else(|| "None".to_owned(), |id| id.to_string());
    let events = vec![
        Event::json(&["y\nz"])
            .and_then(|e| e.event("upd"))
            .and_then(|e| e.id("7"))
            .map(|e| {
                e.retry(std::time::Duration::from_millis(100))
                    .with_comment("c1\nc2")
            }),
        Ok(Event::raw("line1\r\nline2\rline3")),
        Ok(Event::comment("only")),
        Event::json("hello"),
        Event::raw(format!("after {last}")).id("8"),
    ];
    Sse::events(futures_util::stream::iter(events))
}

#[get("/stream/sse-items")]
async fn stream_sse_items() -> Sse<Item> {
    let items = [("i", 3.0), ("j\nk", 0.5)].map(|(name, price)| Item {
        name: name.to_owned(),
        price,
    });
    Sse::new(futures_util::stream::iter(items))
}

#[get("/stream/text")]
async fn stream_text() -> Stream {
    Stream::new(futures_util::stream::iter(["a", "b", "c"])).media_type("text/plain")
}
