//! Middleware functions and tower layers: one ordered list, the last added outermost, around
//! the routing, seeing every answer as a response; in process and on a real socket.

use fastrs::axum::extract::Request;
use fastrs::axum::response::{IntoResponse, Response};
use fastrs::http::{HeaderValue, StatusCode};
use fastrs::middleware::Next;
use fastrs::prelude::*;
use fastrs::testing::TestClient;

use crate::assert_answer;
use crate::socket::raw_request;

mod routes {
    use fastrs::prelude::*;

    /// The middleware each request went through, in order, as they wrote it.
    #[get("/trace")]
    pub async fn trace(#[header] x_trace: Option<String>) -> String {
        x_trace.unwrap_or_default()
    }

    #[get("/items/<id>")]
    pub async fn item(id: u32) -> String {
        format!("item {id}")
    }

    #[get("/explode")]
    pub async fn explode() -> String {
        panic!("exploded on purpose")
    }

    #[get("/new-home")]
    pub async fn new_home() -> &'static str {
        "new home"
    }
}

fn app() -> App {
    App::scoped(concat!(module_path!(), "::routes"))
}

/// Adds `name` to the request's `x-trace` on the way in and to the answer's on the way out.
pub(crate) fn mark(request: &mut Request, name: &str) {
    let trace = match request.headers().get("x-trace") {
        Some(before) => format!("{},{name}", before.to_str().unwrap()),
        None => name.to_owned(),
    };
    request
        .headers_mut()
        .insert("x-trace", HeaderValue::from_str(&trace).unwrap());
}

/// Adds `name` to the answer's `x-trace-out`.
pub(crate) fn mark_answer(response: &mut Response, name: &str) {
    let trace = match response.headers().get("x-trace-out") {
        Some(before) => format!("{},{name}", before.to_str().unwrap()),
        None => name.to_owned(),
    };
    response
        .headers_mut()
        .insert("x-trace-out", HeaderValue::from_str(&trace).unwrap());
}

async fn first(mut request: Request, next: Next) -> Response {
    mark(&mut request, "first");
    let mut response = next.run(request).await;
    mark_answer(&mut response, "first");
    response
}

async fn third(mut request: Request, next: Next) -> Response {
    mark(&mut request, "third");
    let mut response = next.run(request).await;
    mark_answer(&mut response, "third");
    response
}

fn ordered() -> App {
    // A tower layer (axum's `from_fn`) between two functions.
    let second = fastrs::axum::middleware::from_fn(
        |mut request: Request, next: fastrs::axum::middleware::Next| async move {
            mark(&mut request, "second");
            let mut response = next.run(request).await;
            mark_answer(&mut response, "second");
            response
        },
    );
    app().middleware(first).layer(second).middleware(third)
}

#[tokio::test]
async fn the_last_added_is_the_outermost() {
    let r = TestClient::new(ordered()).get("/trace").await;
    // In: the last added first. Out: the first added first.
    assert_answer(&r, 200, "third,second,first");
    assert_eq!(r.header("x-trace-out"), Some("first,second,third"));
}

/// Records the status the rest of the app answered.
async fn seen(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let status = HeaderValue::from(response.status().as_u16());
    response.headers_mut().insert("x-seen", status);
    response
}

#[tokio::test]
async fn a_middleware_sees_every_answer_as_a_response() {
    let c = TestClient::new(app().middleware(seen));
    let seen_status = |r: &fastrs::testing::TestResponse| r.header("x-seen").map(str::to_owned);
    let r = c.get("/items/1").await;
    assert_eq!(
        (r.status().as_u16(), seen_status(&r)),
        (200, Some("200".into()))
    );
    let r = c.get("/nothing").await;
    assert_answer(&r, 404, r#"{"detail":"Not Found"}"#);
    assert_eq!(seen_status(&r).as_deref(), Some("404"));
    let r = c.post("/items/1").await;
    assert_eq!(
        (r.status().as_u16(), seen_status(&r)),
        (405, Some("405".into()))
    );
    let r = c.get("/items/x").await;
    assert_eq!(
        (r.status().as_u16(), seen_status(&r)),
        (422, Some("422".into()))
    );
    let r = c.get("/explode").await;
    assert_answer(&r, 500, "Internal Server Error");
    assert_eq!(seen_status(&r).as_deref(), Some("500"));
    // The app goes on.
    assert_answer(&c.get("/items/2").await, 200, "item 2");
}

async fn guard(request: Request, next: Next) -> Response {
    if request.headers().get("x-key").is_none() {
        return (StatusCode::UNAUTHORIZED, "no key").into_response();
    }
    next.run(request).await
}

#[tokio::test]
async fn a_middleware_may_answer_early() {
    let c = TestClient::new(app().middleware(guard));
    assert_answer(&c.get("/items/1").await, 401, "no key");
    assert_answer(&c.get("/items/1").header("x-key", "k").await, 200, "item 1");
}

/// Runs before routing: `/old-home` is served by `/new-home`.
async fn moved(mut request: Request, next: Next) -> Response {
    if request.uri().path() == "/old-home" {
        *request.uri_mut() = "/new-home".parse().unwrap();
    }
    next.run(request).await
}

#[tokio::test]
async fn a_middleware_may_rewrite_the_path_before_routing() {
    let c = TestClient::new(app().middleware(moved));
    assert_answer(&c.get("/old-home").await, 200, "new home");
}

#[derive(Clone)]
struct Banner(&'static str);

async fn banner(banner: State<Banner>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .insert("x-banner", HeaderValue::from_static(banner.0));
    response
}

#[tokio::test]
async fn a_middleware_may_take_the_app_s_state() {
    let c = TestClient::new(app().state(Banner("hello")).middleware(banner));
    assert_eq!(c.get("/items/1").await.header("x-banner"), Some("hello"));
    let missing = app().middleware(banner).try_into_router().unwrap_err();
    assert!(
        missing.to_string().contains("a middleware takes `State<"),
        "{missing}"
    );
}

#[tokio::test]
async fn a_tower_layer_from_tower_http_style_crates_fits() {
    // A layer that changes the body type and can fail: tower's timeout, whose error answers
    // 500 and is logged.
    let c = TestClient::new(app().layer(tower::timeout::TimeoutLayer::new(
        std::time::Duration::from_secs(5),
    )));
    assert_answer(&c.get("/items/3").await, 200, "item 3");
    let slow = TestClient::new(
        app()
            .middleware(slowly)
            .layer(tower::timeout::TimeoutLayer::new(
                std::time::Duration::from_millis(50),
            )),
    );
    assert_answer(&slow.get("/items/3").await, 500, "Internal Server Error");
}

async fn slowly(request: Request, next: Next) -> Response {
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    next.run(request).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn middleware_on_a_real_socket() {
    let (addr, server) = crate::socket::serve(ordered().middleware(seen)).await;
    let answers = tokio::task::spawn_blocking(move || {
        ["/trace", "/nothing"].map(|path| {
            raw_request(
                addr,
                &format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
            )
        })
    })
    .await
    .unwrap();
    let [trace, nothing] = answers;
    assert!(trace.starts_with("HTTP/1.1 200 OK\r\n"), "{trace}");
    assert!(
        trace.contains("x-trace-out: first,second,third\r\n"),
        "{trace}"
    );
    assert!(trace.contains("x-seen: 200\r\n"), "{trace}");
    assert!(trace.ends_with("\r\n\r\nthird,second,first"), "{trace}");
    assert!(
        nothing.starts_with("HTTP/1.1 404 Not Found\r\n"),
        "{nothing}"
    );
    assert!(nothing.contains("x-seen: 404\r\n"), "{nothing}");
    server.abort();
}
