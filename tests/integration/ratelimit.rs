//! `fastrs::ratelimit` in an app: a dependency checks a `RateLimiter` kept in the app's state,
//! keyed by the API key, and answers slowapi's 429.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use fastrs::ClientAddr;
use fastrs::prelude::*;
use fastrs::ratelimit::{Algorithm, Rate, RateLimiter};
use fastrs::testing::TestClient;

/// The caller's API key, within its limit.
#[depends]
async fn api_key(
    #[header] x_api_key: String,
    limiter: State<RateLimiter>,
) -> Result<String, HttpError> {
    limiter.check(&x_api_key).await.into_result()?;
    Ok(x_api_key)
}

#[get("/search")]
async fn search(key: Depends<api_key>) -> String {
    format!("results for {}", *key)
}

fn client(limiter: RateLimiter) -> TestClient {
    TestClient::new(App::empty().state(limiter).mount(fastrs::routes![search]))
}

async fn get(client: &TestClient, key: &str) -> fastrs::testing::TestResponse {
    client.get("/search").header("x-api-key", key).send().await
}

/// slowapi's 429, in JSON, for `rate` (`2 per 1 minute`), saying to retry in `retry_after`
/// seconds.
fn assert_refused(refused: &fastrs::testing::TestResponse, rate: &str, retry_after: &str) {
    assert_eq!(refused.status(), 429);
    assert_eq!(
        refused.text(),
        format!(r#"{{"detail":"Rate limit exceeded: {rate}"}}"#)
    );
    assert_eq!(refused.header("content-type"), Some("application/json"));
    assert_eq!(refused.header("retry-after"), Some(retry_after));
}

fn epoch_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test(start_paused = true)]
async fn past_its_limit_a_key_gets_the_429_until_its_window_ends() {
    let client = client(RateLimiter::new("2/minute".parse().unwrap()));
    for _ in 0..2 {
        let passed = get(&client, "a").await;
        assert_eq!(passed.status(), 200);
        assert_eq!(passed.text(), "results for a");
    }
    let refused = get(&client, "a").await;
    assert_refused(&refused, "2 per 1 minute", "60");
    assert_eq!(refused.header("x-ratelimit-limit"), Some("2"));
    assert_eq!(refused.header("x-ratelimit-remaining"), Some("0"));
    let reset: u64 = refused
        .header("x-ratelimit-reset")
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (epoch_now() + 59..=epoch_now() + 61).contains(&reset),
        "{reset}"
    );
    // Another key has its own count.
    assert_eq!(get(&client, "b").await.status(), 200);
    // Still refused a second before the window ends, which says so.
    tokio::time::advance(Duration::from_secs(59)).await;
    let refused = get(&client, "a").await;
    assert_eq!(refused.status(), 429);
    assert_eq!(refused.header("retry-after"), Some("1"));
    tokio::time::advance(Duration::from_secs(1)).await;
    assert_eq!(get(&client, "a").await.status(), 200);
}

#[tokio::test(start_paused = true)]
async fn gcra_lets_one_more_through_each_interval() {
    let limiter = RateLimiter::new(Rate::per_minute(3)).algorithm(Algorithm::Gcra);
    let client = client(limiter);
    for _ in 0..3 {
        assert_eq!(get(&client, "a").await.status(), 200);
    }
    let refused = get(&client, "a").await;
    // One request is due every 20 s.
    assert_refused(&refused, "3 per 1 minute", "20");
    tokio::time::advance(Duration::from_secs(20)).await;
    assert_eq!(get(&client, "a").await.status(), 200);
    assert_eq!(get(&client, "a").await.status(), 429);
}

#[tokio::test]
async fn a_missing_key_is_fastapis_422_and_counts_nothing() {
    let client = client(RateLimiter::new(Rate::per_minute(1)));
    let answer = client.get("/search").send().await;
    assert_eq!(answer.status(), 422);
    assert_eq!(
        answer.text(),
        r#"{"detail":[{"type":"missing","loc":["header","x-api-key"],"msg":"Field required","input":null}]}"#
    );
    assert_eq!(get(&client, "a").await.status(), 200);
}

/// This process's resident memory, in KiB.
fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[tokio::test]
#[ignore = "a memory test: tests/run-all.sh runs it alone"]
async fn a_flood_of_a_million_keys_keeps_memory_bounded() {
    let limiter = RateLimiter::new(Rate::per_hour(5)).algorithm(Algorithm::Gcra);
    let before = rss_kib();
    let mut key = String::new();
    for i in 0..1_000_000u32 {
        use std::fmt::Write as _;
        key.clear();
        write!(key, "client-{i}").unwrap();
        assert!(limiter.check(&key).await.is_allowed());
    }
    // The most recent keys are still counted: their second request is counted against
    // their limit, not a fresh one.
    let recent = limiter.check("client-999999").await;
    assert_eq!(recent.remaining(), 3);
    let grown = rss_kib().saturating_sub(before);
    eprintln!("rate limit flood: 1,000,000 keys, the process grew by {grown} KiB");
    assert!(grown < 32 * 1024, "grew by {grown} KiB");
}

/// The client's address, within its limit: the key is the address the connection shows.
#[depends]
async fn per_client(client: ClientAddr, limiter: State<RateLimiter>) -> Result<String, HttpError> {
    let ip = client
        .ip()
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    limiter.check(&ip).await.into_result()?;
    Ok(ip)
}

#[get("/ping")]
async fn ping(ip: Depends<per_client>) -> String {
    format!("pong to {}", *ip)
}

fn per_client_app() -> App {
    App::empty()
        .state(RateLimiter::new(Rate::per_minute(1)))
        .mount(fastrs::routes![ping])
}

#[tokio::test]
async fn a_limit_by_client_address_counts_each_address_apart() {
    let client = TestClient::new(per_client_app());
    // The TestClient's requests come from 127.0.0.1:50000 unless told otherwise.
    let first = client.get("/ping").send().await;
    assert_eq!(first.text(), "pong to 127.0.0.1");
    assert_eq!(client.get("/ping").send().await.status(), 429);
    let other: std::net::SocketAddr = "203.0.113.7:40000".parse().unwrap();
    let answer = client.get("/ping").client_addr(other).send().await;
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.text(), "pong to 203.0.113.7");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_socket_the_client_address_is_the_connections() {
    let (addr, _server) = crate::socket::serve(per_client_app()).await;
    let request = "GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    let answer = tokio::task::spawn_blocking(move || crate::socket::raw_request(addr, request))
        .await
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(answer.ends_with("\r\n\r\npong to 127.0.0.1"), "{answer}");
}

/// Two attempts a minute per client address.
#[post("/login", rate_limit = "2/minute")]
async fn login() -> &'static str {
    "welcome"
}

#[get("/open")]
async fn open() -> &'static str {
    "open"
}

fn limited_routes() -> App {
    App::empty().mount(fastrs::routes![login, open])
}

#[tokio::test(start_paused = true)]
async fn a_routes_rate_limit_counts_each_client_address() {
    let client = TestClient::new(limited_routes());
    for remaining in ["1", "0"] {
        let passed = client.post("/login").send().await;
        assert_eq!(passed.status(), 200);
        assert_eq!(passed.text(), "welcome");
        assert_eq!(passed.header("x-ratelimit-limit"), Some("2"));
        assert_eq!(passed.header("x-ratelimit-remaining"), Some(remaining));
        assert!(passed.header("x-ratelimit-reset").is_some());
        assert_eq!(passed.header("retry-after"), None);
    }
    let refused = client.post("/login").send().await;
    assert_refused(&refused, "2 per 1 minute", "60");
    assert_eq!(refused.header("x-ratelimit-remaining"), Some("0"));
    // Another address has its own count; a route without a limit says nothing of one.
    let other: std::net::SocketAddr = "198.51.100.4:1234".parse().unwrap();
    let answer = client.post("/login").client_addr(other).send().await;
    assert_eq!(answer.status(), 200);
    let open = client.get("/open").send().await;
    assert_eq!(open.status(), 200);
    assert_eq!(open.header("x-ratelimit-limit"), None);
    // The window ends a minute after its first request.
    tokio::time::advance(Duration::from_secs(60)).await;
    assert_eq!(client.post("/login").send().await.status(), 200);
}

#[tokio::test]
async fn each_app_counts_its_own_requests() {
    let first = TestClient::new(limited_routes());
    for _ in 0..3 {
        first.post("/login").send().await;
    }
    let second = TestClient::new(limited_routes());
    assert_eq!(second.post("/login").send().await.status(), 200);
}

#[tokio::test]
async fn a_limited_operation_documents_the_429() {
    let client = TestClient::new(limited_routes());
    let document: serde_json::Value = client.get("/openapi.json").send().await.json();
    assert_eq!(
        document["paths"]["/login"]["post"]["responses"]["429"],
        serde_json::json!({
            "description": "Too Many Requests",
            "content": {"application/json": {
                "schema": {
                    "type": "object",
                    "properties": {"detail": {"type": "string", "title": "Detail"}},
                    "required": ["detail"],
                    "title": "RateLimitExceeded"
                },
                "example": {"detail": "Rate limit exceeded: 2 per 1 minute"}
            }}
        })
    );
    assert!(document["paths"]["/open"]["get"]["responses"]["429"].is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_socket_a_routes_limit_counts_the_connections_address() {
    let (addr, _server) = crate::socket::serve(limited_routes()).await;
    let request =
        "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let answer = tokio::task::spawn_blocking(move || crate::socket::raw_request(addr, request))
            .await
            .unwrap();
        statuses.push(answer.lines().next().unwrap_or_default().to_owned());
    }
    assert_eq!(
        statuses,
        [
            "HTTP/1.1 200 OK",
            "HTTP/1.1 200 OK",
            "HTTP/1.1 429 Too Many Requests"
        ]
    );
}

/// A limit whose answers leave the `X-RateLimit-*` headers out.
#[post("/quiet", rate_limit = "1/minute", rate_limit_headers = false)]
async fn quiet() -> &'static str {
    "shh"
}

#[tokio::test]
async fn a_limit_can_leave_its_headers_out_but_not_retry_after() {
    let client = TestClient::new(App::empty().mount(fastrs::routes![quiet]));
    let passed = client.post("/quiet").send().await;
    assert_eq!(passed.status(), 200);
    assert_eq!(passed.header("x-ratelimit-limit"), None);
    let refused = client.post("/quiet").send().await;
    assert_refused(&refused, "1 per 1 minute", "60");
    assert_eq!(refused.header("x-ratelimit-remaining"), None);
}

/// Says, on the way out, which client address the middleware saw in the request.
async fn saw_client(
    name: &'static str,
    request: fastrs::axum::extract::Request,
    next: fastrs::middleware::Next,
) -> fastrs::axum::response::Response {
    let seen = request
        .extensions()
        .get::<ClientAddr>()
        .and_then(ClientAddr::ip)
        .map_or_else(|| "none".to_owned(), |ip| ip.to_string());
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .insert(name, seen.parse().expect("an address"));
    response
}

async fn app_saw(
    request: fastrs::axum::extract::Request,
    next: fastrs::middleware::Next,
) -> fastrs::axum::response::Response {
    saw_client("x-app-saw", request, next).await
}

async fn route_saw(
    request: fastrs::axum::extract::Request,
    next: fastrs::middleware::Next,
) -> fastrs::axum::response::Response {
    saw_client("x-route-saw", request, next).await
}

/// A limited route inside its own middleware and the app's, which reads the address too.
#[get("/guarded", rate_limit = "2/minute", middleware = [route_saw])]
async fn guarded(client: ClientAddr) -> String {
    format!("hello {}", client.ip().expect("an address"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inside_middleware_the_limit_and_the_address_are_the_connections() {
    let app = App::empty()
        .middleware(app_saw)
        .mount(fastrs::routes![guarded]);
    let (addr, _server) = crate::socket::serve(app).await;
    let request = "GET /guarded HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    let mut answers = Vec::new();
    for _ in 0..3 {
        let answer = tokio::task::spawn_blocking(move || crate::socket::raw_request(addr, request))
            .await
            .unwrap();
        answers.push(answer);
    }
    for passed in &answers[..2] {
        assert!(passed.starts_with("HTTP/1.1 200 OK\r\n"), "{passed}");
        assert!(passed.ends_with("\r\n\r\nhello 127.0.0.1"), "{passed}");
    }
    let refused = &answers[2];
    assert!(
        refused.starts_with("HTTP/1.1 429 Too Many Requests\r\n"),
        "{refused}"
    );
    // The limit is inside the route's middleware, which sees its 429, as the app's does; both
    // read the connection's address from the request.
    for answer in &answers {
        assert!(
            answer.contains("\r\nx-route-saw: 127.0.0.1\r\n"),
            "{answer}"
        );
        assert!(answer.contains("\r\nx-app-saw: 127.0.0.1\r\n"), "{answer}");
    }
}

/// An app limited to three requests a minute per client, all paths together, with a middleware
/// that marks every answer it sees.
fn app_limited() -> App {
    App::empty()
        .rate_limit(Rate::per_minute(3))
        .middleware(app_saw)
        .mount(fastrs::routes![login, open])
}

#[tokio::test(start_paused = true)]
async fn an_apps_limit_counts_every_path_of_a_client() {
    let client = TestClient::new(app_limited());
    let open = client.get("/open").send().await;
    assert_eq!(open.status(), 200);
    assert_eq!(open.header("x-ratelimit-limit"), Some("3"));
    assert_eq!(open.header("x-ratelimit-remaining"), Some("2"));
    // A path no route serves counts too.
    let missing = client.get("/missing").send().await;
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.header("x-ratelimit-remaining"), Some("1"));
    // A route with its own limit says its own, and counts against both.
    let login = client.post("/login").send().await;
    assert_eq!(login.status(), 200);
    assert_eq!(login.header("x-ratelimit-limit"), Some("2"));
    assert_eq!(login.header("x-ratelimit-remaining"), Some("1"));
    let refused = client.get("/openapi.json").send().await;
    assert_refused(&refused, "3 per 1 minute", "60");
    assert_eq!(refused.header("x-ratelimit-limit"), Some("3"));
    // The app's middleware sees the 429.
    assert_eq!(refused.header("x-app-saw"), Some("127.0.0.1"));
    // Another client has its own count; the window ends a minute after its first request.
    let other: std::net::SocketAddr = "198.51.100.4:1234".parse().unwrap();
    assert_eq!(
        client.get("/open").client_addr(other).send().await.status(),
        200
    );
    tokio::time::advance(Duration::from_secs(60)).await;
    assert_eq!(client.get("/open").send().await.status(), 200);
}

#[tokio::test]
async fn an_apps_limit_can_leave_its_headers_out() {
    let client = TestClient::new(
        App::empty()
            .rate_limit(Rate::per_minute(1))
            .rate_limit_headers(false)
            .mount(fastrs::routes![open]),
    );
    let passed = client.get("/open").send().await;
    assert_eq!(passed.status(), 200);
    assert_eq!(passed.header("x-ratelimit-limit"), None);
    let refused = client.get("/open").send().await;
    assert_refused(&refused, "1 per 1 minute", "60");
    assert_eq!(refused.header("x-ratelimit-limit"), None);
}

#[tokio::test]
async fn an_apps_limit_is_documented_on_every_operation() {
    // The document is the first request of the minute. A route's own limit is the one its 429
    // names.
    assert_documented_429(
        &TestClient::new(app_limited()),
        &[
            ("/open", "get", "3 per 1 minute"),
            ("/login", "post", "2 per 1 minute"),
        ],
    )
    .await;
}

/// Checks the example of the 429 each operation documents: `(path, method, rate)`.
async fn assert_documented_429(client: &TestClient, expected: &[(&str, &str, &str)]) {
    let document: serde_json::Value = client.get("/openapi.json").send().await.json();
    for (path, method, rate) in expected {
        let example = &document["paths"][path][method]["responses"]["429"]["content"]["application/json"]
            ["example"];
        let detail = format!("Rate limit exceeded: {rate}");
        assert_eq!(
            example,
            &serde_json::json!({ "detail": detail }),
            "{method} {path}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_socket_an_apps_limit_counts_the_connections_address() {
    let (addr, _server) = crate::socket::serve(app_limited()).await;
    let request = "GET /open HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let answer = tokio::task::spawn_blocking(move || crate::socket::raw_request(addr, request))
            .await
            .unwrap();
        statuses.push(answer.lines().next().unwrap_or_default().to_owned());
    }
    assert_eq!(
        statuses[3], "HTTP/1.1 429 Too Many Requests",
        "{statuses:?}"
    );
    assert!(
        statuses[..3].iter().all(|s| s == "HTTP/1.1 200 OK"),
        "{statuses:?}"
    );
}

/// A `router!` whose routes share one count per client (`ratelimit_redis.rs` counts it in
/// Redis too).
pub(crate) mod api {
    use fastrs::prelude::*;

    fastrs::router!(prefix = "/api", rate_limit = "3/minute");

    #[get("/a")]
    pub async fn a() -> &'static str {
        "a"
    }

    #[get("/b")]
    pub async fn b() -> &'static str {
        "b"
    }

    /// Its own limit besides the router's.
    #[post("/strict", rate_limit = "1/minute")]
    pub async fn strict() -> &'static str {
        "strict"
    }
}

#[tokio::test(start_paused = true)]
async fn a_routers_limit_is_shared_by_its_routes() {
    let client = TestClient::new(App::scoped(concat!(module_path!(), "::api")));
    let mut remaining = Vec::new();
    for path in ["/api/a", "/api/b"] {
        let passed = client.get(path).send().await;
        assert_eq!(passed.status(), 200);
        assert_eq!(passed.header("x-ratelimit-limit"), Some("3"));
        remaining.push(passed.header("x-ratelimit-remaining").unwrap().to_owned());
    }
    assert_eq!(remaining, ["2", "1"]);
    // A route's own limit says its own headers, and counts against the router's too.
    let strict = client.post("/api/strict").send().await;
    assert_eq!(strict.status(), 200);
    assert_eq!(strict.header("x-ratelimit-limit"), Some("1"));
    assert_refused(
        &client.post("/api/strict").send().await,
        "1 per 1 minute",
        "60",
    );
    let refused = client.get("/api/a").send().await;
    assert_refused(&refused, "3 per 1 minute", "60");
    // Another client has its own count; each app its own.
    let other: std::net::SocketAddr = "198.51.100.4:1234".parse().unwrap();
    assert_eq!(
        client
            .get("/api/b")
            .client_addr(other)
            .send()
            .await
            .status(),
        200
    );
    let again = TestClient::new(App::scoped(concat!(module_path!(), "::api")));
    assert_eq!(again.get("/api/a").send().await.status(), 200);
    tokio::time::advance(Duration::from_secs(60)).await;
    assert_eq!(client.get("/api/a").send().await.status(), 200);
}

#[tokio::test]
async fn a_routers_limit_is_documented_on_its_operations() {
    assert_documented_429(
        &TestClient::new(App::scoped(concat!(module_path!(), "::api"))),
        &[
            ("/api/a", "get", "3 per 1 minute"),
            ("/api/strict", "post", "1 per 1 minute"),
        ],
    )
    .await;
}

#[tokio::test]
async fn a_router_values_limit_is_shared_by_its_routes_and_clones() {
    let router = fastrs::Router::new()
        .prefix("/v1")
        .rate_limit(Rate::per_minute(2), false)
        .mount(fastrs::routes![open]);
    // A clone mounted under another prefix shares the counts; an equal router apart does not.
    let apart = fastrs::Router::new()
        .prefix("/v3")
        .rate_limit(Rate::per_minute(2), false)
        .mount(fastrs::routes![open]);
    let clone = fastrs::Router::new().prefix("/v2").include(router.clone());
    // One route three times: no document, whose operation ids would repeat.
    let client = TestClient::new(
        App::empty()
            .openapi_url(None)
            .include(router)
            .include(clone)
            .include(apart),
    );
    let first = client.get("/v1/open").send().await;
    assert_eq!(first.status(), 200);
    assert_eq!(first.header("x-ratelimit-limit"), None);
    assert_eq!(client.get("/v2/v1/open").send().await.status(), 200);
    let refused = client.get("/v1/open").send().await;
    assert_refused(&refused, "2 per 1 minute", "60");
    assert_eq!(refused.header("x-ratelimit-limit"), None);
    assert_eq!(client.get("/v3/open").send().await.status(), 200);
}

#[tokio::test(start_paused = true)]
async fn an_apps_limits_can_count_by_gcra() {
    let client = TestClient::new(
        App::empty()
            .rate_limit_algorithm(Algorithm::Gcra)
            .mount(fastrs::routes![login]),
    );
    // `2/minute`: a burst of two, then one every 30 s.
    for remaining in ["1", "0"] {
        let passed = client.post("/login").send().await;
        assert_eq!(passed.header("x-ratelimit-remaining"), Some(remaining));
    }
    let refused = client.post("/login").send().await;
    assert_refused(&refused, "2 per 1 minute", "30");
    tokio::time::advance(Duration::from_secs(30)).await;
    assert_eq!(client.post("/login").send().await.status(), 200);
    assert_eq!(client.post("/login").send().await.status(), 429);
}

/// The values of header `name` in `answer`, in order.
fn all(answer: &fastrs::testing::TestResponse, name: &str) -> Vec<String> {
    answer
        .headers()
        .get_all(name)
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(start_paused = true)]
async fn the_ietf_draft_fields_tell_each_answers_limit() {
    use fastrs::ratelimit::HeaderStyle;
    let client = TestClient::new(
        App::empty()
            .rate_limit(Rate::per_minute(3))
            .rate_limit_header_style(HeaderStyle::Ietf)
            .mount(fastrs::routes![login, open]),
    );
    let open = client.get("/open").send().await;
    assert_eq!(open.status(), 200);
    assert_eq!(all(&open, "ratelimit-policy"), [r#""app";q=3;w=60"#]);
    assert_eq!(all(&open, "ratelimit"), [r#""app";r=2;t=60"#]);
    assert_eq!(open.header("x-ratelimit-limit"), None);
    // A route's own limit is the one its answers tell, as with the `X-RateLimit-*` headers.
    let login = client.post("/login").send().await;
    assert_eq!(login.status(), 200);
    assert_eq!(
        all(&login, "ratelimit-policy"),
        [r#""POST /login";q=2;w=60"#]
    );
    assert_eq!(all(&login, "ratelimit"), [r#""POST /login";r=1;t=60"#]);
    // `t` counts down to the window's end; a refusal tells it too, with `Retry-After`.
    tokio::time::advance(Duration::from_secs(20)).await;
    let last = client.get("/open").send().await;
    assert_eq!(last.status(), 200);
    assert_eq!(all(&last, "ratelimit"), [r#""app";r=0;t=40"#]);
    let refused = client.get("/open").send().await;
    assert_refused(&refused, "3 per 1 minute", "40");
    assert_eq!(all(&refused, "ratelimit-policy"), [r#""app";q=3;w=60"#]);
    assert_eq!(all(&refused, "ratelimit"), [r#""app";r=0;t=40"#]);
    assert_eq!(refused.header("x-ratelimit-limit"), None);
}

#[tokio::test]
async fn both_kinds_of_headers_or_none() {
    use fastrs::ratelimit::HeaderStyle;
    let both = TestClient::new(
        App::empty()
            .rate_limit_header_style(HeaderStyle::Both)
            .mount(fastrs::routes![login, quiet]),
    );
    let passed = both.post("/login").send().await;
    assert_eq!(passed.header("x-ratelimit-limit"), Some("2"));
    assert_eq!(passed.header("x-ratelimit-remaining"), Some("1"));
    assert_eq!(all(&passed, "ratelimit"), [r#""POST /login";r=1;t=60"#]);
    both.post("/login").send().await;
    let refused = both.post("/login").send().await;
    assert_refused(&refused, "2 per 1 minute", "60");
    assert_eq!(refused.header("x-ratelimit-remaining"), Some("0"));
    assert_eq!(all(&refused, "ratelimit"), [r#""POST /login";r=0;t=60"#]);
    // `rate_limit_headers = false` leaves out both kinds.
    let quiet = both.post("/quiet").send().await;
    assert_eq!(quiet.status(), 200);
    assert_eq!(quiet.header("x-ratelimit-limit"), None);
    assert_eq!(quiet.header("ratelimit-policy"), None);
    assert_eq!(quiet.header("ratelimit"), None);
}

#[tokio::test]
async fn a_dependencys_limiter_gives_the_ietf_draft_fields_under_its_name() {
    let limiter = RateLimiter::new(Rate::per_hour(2)).algorithm(Algorithm::Gcra);
    let passed = limiter.check("alice").await;
    let headers = passed.ietf_headers("searches");
    assert_eq!(headers["ratelimit-policy"], r#""searches";q=2;w=3600"#);
    assert_eq!(headers["ratelimit"], r#""searches";r=1;t=1800"#);
    assert!(headers.get("retry-after").is_none());
    limiter.check("alice").await;
    let refused = limiter.check("alice").await;
    let headers = refused.ietf_headers("searches");
    assert_eq!(headers["ratelimit"], r#""searches";r=0;t=1800"#);
    assert_eq!(headers["retry-after"], "1800");
}
