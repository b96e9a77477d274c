//! Dependencies: `#[depends]` functions asked for with `Depends<f>`.

use std::sync::atomic::{AtomicUsize, Ordering};

use fastrs::http::StatusCode;
use fastrs::prelude::*;

use crate::assert_answer;

#[derive(Debug, Clone, Serialize)]
struct User {
    name: String,
}

#[depends]
async fn current_user(#[header] x_user: Option<String>) -> Result<User, HttpError> {
    let name = x_user.ok_or_else(|| {
        HttpError::new(StatusCode::UNAUTHORIZED, "Not authenticated")
            .header("www-authenticate", "Bearer")
    })?;
    Ok(User { name })
}

#[get("/me")]
async fn me(user: Depends<current_user>) -> Json<User> {
    Json(user.into_inner())
}

/// Counts how often it runs, to see sharing.
static SHARED_RUNS: AtomicUsize = AtomicUsize::new(0);
static UNSHARED_RUNS: AtomicUsize = AtomicUsize::new(0);

#[depends]
fn shared() -> usize {
    SHARED_RUNS.fetch_add(1, Ordering::SeqCst) + 1
}

#[depends(no_cache)]
fn unshared() -> usize {
    UNSHARED_RUNS.fetch_add(1, Ordering::SeqCst) + 1
}

#[depends]
async fn first(s: Depends<shared>, u: Depends<unshared>) -> (usize, usize) {
    (*s, *u)
}

#[depends]
async fn second(s: Depends<shared>, u: Depends<unshared>) -> (usize, usize) {
    (*s, *u)
}

#[get("/chain")]
async fn chain(
    a: Depends<first>,
    b: Depends<second>,
    s: Depends<shared>,
    u: Depends<unshared>,
) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "first": *a, "second": *b, "shared": *s, "unshared": *u }))
}

#[depends]
async fn paging(
    #[query(default = 0, ge = 0)] skip: i64,
    #[query(default = 10, le = 100)] limit: u32,
) -> (i64, u32) {
    (skip, limit)
}

#[depends]
async fn token(#[header] x_token: u32) -> u32 {
    x_token
}

#[get("/orders/<order_id>")]
async fn orders(
    t: Depends<token>,
    page: Depends<paging>,
    order_id: u32,
    q: u8,
) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "token": *t, "page": *page, "order_id": order_id, "q": q }))
}

#[depends]
async fn gate(#[header] x_key: Option<String>) -> Result<(), HttpError> {
    match x_key.as_deref() {
        Some("open") => Ok(()),
        _ => Err(HttpError::new(StatusCode::FORBIDDEN, "Closed")),
    }
}

#[get("/gated")]
async fn gated(page: Depends<paging>, ok: Depends<gate>, q: u8) -> String {
    let _ = (page, ok);
    q.to_string()
}

fn client() -> fastrs::testing::TestClient {
    fastrs::testing::TestClient::new(App::empty().mount(fastrs::routes![me, chain, orders, gated]))
}

#[tokio::test]
async fn a_dependency_gives_a_value_or_answers() {
    let c = client();
    assert_answer(
        &c.get("/me").header("x-user", "ann").await,
        200,
        r#"{"name":"ann"}"#,
    );
    let r = c.get("/me").await;
    assert_answer(&r, 401, r#"{"detail":"Not authenticated"}"#);
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
}

#[tokio::test]
async fn sub_dependencies_run_once_per_request_unless_no_cache() {
    let c = client();
    let shared_before = SHARED_RUNS.load(Ordering::SeqCst);
    let unshared_before = UNSHARED_RUNS.load(Ordering::SeqCst);
    let body: serde_json::Value = c.get("/chain").await.json();
    // `shared` ran once for the route and both dependencies; `unshared` once per use.
    assert_eq!(SHARED_RUNS.load(Ordering::SeqCst) - shared_before, 1);
    assert_eq!(UNSHARED_RUNS.load(Ordering::SeqCst) - unshared_before, 3);
    let s = body["shared"].as_u64().unwrap();
    assert_eq!(body["first"][0], s);
    assert_eq!(body["second"][0], s);
    let u = body["unshared"].as_u64().unwrap();
    assert_eq!(
        (
            body["first"][1].as_u64().unwrap() + 1,
            body["second"][1].as_u64().unwrap() + 1
        ),
        (u - 1, u),
        "no_cache runs in declaration order: first, second, then the route's"
    );
    // A second request resolves again.
    let _ = c.get("/chain").await;
    assert_eq!(SHARED_RUNS.load(Ordering::SeqCst) - shared_before, 2);
}

#[tokio::test]
async fn errors_of_dependencies_come_first_in_fastapi_order() {
    let r = client()
        .get("/orders/x?skip=-1&limit=500&q=300")
        .header("x-token", "abc")
        .await;
    assert_answer(
        &r,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"int_parsing","loc":["header","x-token"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"},"#,
            r#"{"type":"greater_than_equal","loc":["query","skip"],"msg":"Input should be greater than or equal to 0","input":"-1","ctx":{"ge":0}},"#,
            r#"{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"500","ctx":{"le":100}},"#,
            r#"{"type":"int_parsing","loc":["path","order_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},"#,
            r#"{"type":"less_than_equal","loc":["query","q"],"msg":"Input should be less than or equal to 255","input":"300","ctx":{"le":255}}"#,
            r#"]}"#
        ),
    );
    let r = client().get("/orders/7?q=1").header("x-token", "5").await;
    assert_answer(&r, 200, r#"{"token":5,"page":[0,10],"order_id":7,"q":1}"#);
}

#[tokio::test]
async fn an_http_error_of_a_dependency_wins_over_the_422() {
    let c = client();
    // `paging` and the route's `q` are refused, yet `gate` (its own input valid) runs, and
    // its answer wins.
    let r = c.get("/gated?skip=-5&q=x").await;
    assert_answer(&r, 403, r#"{"detail":"Closed"}"#);
    let r = c.get("/gated?skip=-5&q=x").header("x-key", "open").await;
    assert_eq!(r.status(), 422);
    assert_answer(&c.get("/gated?q=4").header("x-key", "open").await, 200, "4");
}

#[derive(Clone)]
struct Greeting(&'static str);

#[depends]
fn greeter(greeting: fastrs::State<Greeting>, #[query] name: String) -> String {
    format!("{}, {name}", greeting.0.0)
}

#[get("/greet")]
async fn greet(text: Depends<greeter>, greeting: fastrs::State<Greeting>) -> String {
    format!("{} ({})", *text, greeting.0.0)
}

#[tokio::test]
async fn state_is_given_to_routes_and_dependencies() {
    let app = App::empty()
        .mount(fastrs::routes![greet])
        .state(Greeting("Hello"));
    let c = fastrs::testing::TestClient::new(app);
    assert_answer(&c.get("/greet?name=ann").await, 200, "Hello, ann (Hello)");
}

#[tokio::test]
async fn a_missing_state_stops_the_app_naming_the_route() {
    let err = App::empty()
        .mount(fastrs::routes![greet])
        .try_into_router()
        .unwrap_err()
        .to_string();
    // The dependency `greeter` needs the state too: found through `Depends<greeter>`.
    assert!(
        err.starts_with("`greet` (GET /greet at tests/integration/depends.rs:")
            && err.ends_with(
                "reads `State<integration::depends::Greeting>`, but the app has no such state; add it with `App::state(...)`"
            ),
        "{err}"
    );
}

/// A stand-in for `current_user` in tests: its own parameter, no header needed.
#[depends]
fn fake_user(#[query] as_user: Option<String>) -> User {
    User {
        name: as_user.unwrap_or_else(|| "tester".into()),
    }
}

#[depends]
async fn user_name(user: Depends<current_user>) -> String {
    user.name.clone()
}

#[get("/name")]
async fn name(name: Depends<user_name>) -> String {
    name.into_inner()
}

#[tokio::test]
async fn an_override_replaces_a_dependency_everywhere_until_cleared() {
    let app = || App::empty().mount(fastrs::routes![me, name]);
    let c =
        fastrs::testing::TestClient::new(app().override_dependency::<current_user>(fake_user {}));
    assert_answer(&c.get("/me").await, 200, r#"{"name":"tester"}"#);
    assert_answer(&c.get("/me?as_user=bob").await, 200, r#"{"name":"bob"}"#);
    // Also where a dependency asks for it.
    assert_answer(&c.get("/name").await, 200, "tester");
    // Cleared: the real dependency again.
    let c = fastrs::testing::TestClient::new(
        app()
            .override_dependency::<current_user>(fake_user {})
            .clear_dependency_overrides(),
    );
    assert_eq!(c.get("/me").await.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_override_holds_on_a_served_app() {
    use std::io::{Read, Write};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = App::empty()
        .mount(fastrs::routes![me])
        .override_dependency::<current_user>(fake_user {});
    let server = tokio::spawn(app.serve_on(listener));
    let answer = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream
            .write_all(b"GET /me?as_user=eve HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(answer.ends_with(r#"{"name":"eve"}"#), "{answer}");
    server.abort();
}

mod cleanups {
    use std::sync::Mutex;

    use fastrs::Cleanup;
    use fastrs::http::StatusCode;
    use fastrs::prelude::*;

    /// What happened, in order, per test (each test uses its own tag).
    pub static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

    pub fn log(entry: String) {
        LOG.lock().unwrap().push(entry);
    }

    pub fn taken(tag: &str) -> Vec<String> {
        let mut log = LOG.lock().unwrap();
        let (mine, others): (Vec<String>, Vec<String>) =
            log.drain(..).partition(|e| e.starts_with(tag));
        *log = others;
        mine
    }

    #[depends]
    pub async fn outer(#[query] tag: String, cleanup: Cleanup) -> String {
        log(format!("{tag} open outer"));
        let closing = tag.clone();
        cleanup.defer(async move { log(format!("{closing} close outer")) });
        tag
    }

    #[depends]
    pub async fn inner(tag: Depends<outer>, cleanup: Cleanup) -> String {
        let tag = tag.into_inner();
        log(format!("{tag} open inner"));
        let closing = tag.clone();
        cleanup.defer(async move {
            tokio::task::yield_now().await;
            log(format!("{closing} close inner"));
        });
        tag
    }

    #[get("/work")]
    pub async fn work(tag: Depends<inner>, #[query] outcome: String) -> Result<String, HttpError> {
        log(format!("{} handler", *tag));
        match outcome.as_str() {
            "ok" => Ok("done".into()),
            "error" => Err(HttpError::new(StatusCode::CONFLICT, "refused")),
            _ => panic!("the handler failed"),
        }
    }
}

#[tokio::test]
async fn cleanups_run_after_the_handler_in_reverse_order() {
    use cleanups::taken;
    let c = fastrs::testing::TestClient::new(App::empty().mount(fastrs::routes![cleanups::work]));
    let expected = |t: &str| {
        vec![
            format!("{t} open outer"),
            format!("{t} open inner"),
            format!("{t} handler"),
            format!("{t} close inner"),
            format!("{t} close outer"),
        ]
    };
    assert_answer(&c.get("/work?tag=t1&outcome=ok").await, 200, "done");
    assert_eq!(taken("t1"), expected("t1"));
    // Also when the handler returns an error...
    assert_answer(
        &c.get("/work?tag=t2&outcome=error").await,
        409,
        r#"{"detail":"refused"}"#,
    );
    assert_eq!(taken("t2"), expected("t2"));
    // ...or panics: the cleanups run, then the app answers 500 and goes on.
    assert_answer(
        &c.get("/work?tag=t3&outcome=panic").await,
        500,
        "Internal Server Error",
    );
    assert_eq!(taken("t3"), expected("t3"));
    // A refused request runs the cleanups of the dependencies that ran.
    assert_eq!(c.get("/work?tag=t4").await.status(), 422);
    assert_eq!(
        taken("t4"),
        [
            "t4 open outer",
            "t4 open inner",
            "t4 close inner",
            "t4 close outer"
        ]
    );
}

#[tokio::test]
async fn the_document_lists_what_dependencies_read() {
    let document = App::empty()
        .mount(fastrs::routes![orders, chain, name])
        .openapi()
        .unwrap();
    let orders = document.paths["/orders/{order_id}"].get.as_ref().unwrap();
    let names: Vec<(String, bool)> = orders
        .parameters
        .iter()
        .map(|p| (format!("{:?} {}", p.location, p.name), p.required))
        .collect();
    assert_eq!(
        names,
        [
            ("Header x-token".to_owned(), true),
            ("Query skip".to_owned(), false),
            ("Query limit".to_owned(), false),
            ("Path order_id".to_owned(), true),
            ("Query q".to_owned(), true),
        ]
    );
    assert!(orders.responses.contains_key("422"));
    // No parameter anywhere in the chain: no 422.
    let chain = document.paths["/chain"].get.as_ref().unwrap();
    assert!(chain.parameters.is_empty() && !chain.responses.contains_key("422"));
    // Through two levels: `name` -> `user_name` -> `current_user` reads `x-user`, once.
    let name = document.paths["/name"].get.as_ref().unwrap();
    assert_eq!(name.parameters.len(), 1);
    assert_eq!(name.parameters[0].name, "x-user");
}

#[depends]
fn verify_key(#[header] x_key: String) -> Result<(), HttpError> {
    if x_key == "secret" {
        Ok(())
    } else {
        Err(HttpError::new(
            StatusCode::FORBIDDEN,
            "X-Key header invalid",
        ))
    }
}

#[get("/guarded", dependencies = [verify_key])]
async fn guarded() -> &'static str {
    "in"
}

#[get("/guarded/<id>", dependencies = [verify_key, paging])]
async fn guarded_item(id: u32) -> String {
    id.to_string()
}

#[tokio::test]
async fn route_dependencies_run_for_their_effect() {
    let c = fastrs::testing::TestClient::new(
        App::empty().mount(fastrs::routes![guarded, guarded_item]),
    );
    assert_answer(
        &c.get("/guarded").header("x-key", "secret").await,
        200,
        "in",
    );
    assert_answer(
        &c.get("/guarded").header("x-key", "nope").await,
        403,
        r#"{"detail":"X-Key header invalid"}"#,
    );
    assert_answer(
        &c.get("/guarded").await,
        422,
        r#"{"detail":[{"type":"missing","loc":["header","x-key"],"msg":"Field required","input":null}]}"#,
    );
    // Their errors come before the route's own.
    assert_answer(
        &c.get("/guarded/x?limit=500")
            .header("x-key", "secret")
            .await,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"500","ctx":{"le":100}},"#,
            r#"{"type":"int_parsing","loc":["path","id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}"#,
            r#"]}"#
        ),
    );
    let document = App::empty()
        .mount(fastrs::routes![guarded])
        .openapi()
        .unwrap();
    let op = document.paths["/guarded"].get.as_ref().unwrap();
    assert_eq!(op.parameters.len(), 1);
    assert_eq!(op.parameters[0].name, "x-key");
    assert!(op.responses.contains_key("422"));
}

mod lifespan {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use fastrs::Lifespan;
    use fastrs::prelude::*;

    pub static STARTED: AtomicUsize = AtomicUsize::new(0);
    pub static STOPPED: AtomicUsize = AtomicUsize::new(0);

    #[derive(Clone)]
    pub struct Pool(pub &'static str);

    #[get("/pool")]
    pub async fn pool(pool: fastrs::State<Pool>) -> &'static str {
        pool.0.0
    }

    pub fn app() -> App {
        App::empty()
            .mount(fastrs::routes![pool])
            .lifespan(|| async {
                STARTED.fetch_add(1, Ordering::SeqCst);
                tokio::task::yield_now().await;
                Lifespan::new().state(Pool("connected")).on_shutdown(async {
                    STOPPED.fetch_add(1, Ordering::SeqCst);
                })
            })
    }
}

#[tokio::test]
async fn the_lifespan_builds_state_and_shuts_down() {
    use std::sync::atomic::Ordering;
    let (started, stopped) = (
        lifespan::STARTED.load(Ordering::SeqCst),
        lifespan::STOPPED.load(Ordering::SeqCst),
    );
    let client = fastrs::testing::TestClient::start(lifespan::app()).await;
    assert_eq!(lifespan::STARTED.load(Ordering::SeqCst), started + 1);
    assert_answer(&client.get("/pool").await, 200, "connected");
    client.shutdown().await;
    client.shutdown().await;
    assert_eq!(
        lifespan::STOPPED.load(Ordering::SeqCst),
        stopped + 1,
        "once"
    );
    // Without the start-up, the state the route reads is missing: the app refuses to start.
    assert!(lifespan::app().try_into_router().is_err());

    // Served: start-up before the first request, shut-down after the last.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped_signal) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(lifespan::app().serve_with_shutdown(listener, async {
        let _ = stopped_signal.await;
    }));
    let answer = tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream
            .write_all(b"GET /pool HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    })
    .await
    .unwrap();
    assert!(answer.ends_with("connected"), "{answer}");
    let before = lifespan::STOPPED.load(Ordering::SeqCst);
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
    assert_eq!(lifespan::STOPPED.load(Ordering::SeqCst), before + 1);
}

#[tokio::test]
async fn a_failed_startup_stops_serve_with_its_error() {
    let app = App::empty()
        .mount(fastrs::routes![lifespan::pool])
        .lifespan(|| async { Err::<fastrs::Lifespan, _>("database unreachable") });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let err = app
        .serve_with_shutdown(listener, std::future::pending())
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the lifespan's start-up failed: database unreachable"
    );
}

#[tokio::test]
async fn app_dependencies_run_before_every_route() {
    let app = || {
        App::empty()
            .mount(fastrs::routes![guarded_item, me])
            .dependency::<verify_key>()
    };
    let c = fastrs::testing::TestClient::new(app());
    // A route with parameters: the app's dependency answers first...
    assert_answer(
        &c.get("/guarded/1").header("x-key", "no").await,
        403,
        r#"{"detail":"X-Key header invalid"}"#,
    );
    // ...and its errors join the 422 (without `x-user`, `current_user`'s 401 would win, as in
    // FastAPI).
    let r = c.get("/me").header("x-user", "ann").await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"missing","loc":["header","x-key"],"msg":"Field required","input":null}]}"#,
    );
    assert_answer(
        &c.get("/me")
            .header("x-key", "secret")
            .header("x-user", "ann")
            .await,
        200,
        r#"{"name":"ann"}"#,
    );
    // Documented on every operation.
    let document = app().openapi().unwrap();
    for path in ["/guarded/{id}", "/me"] {
        let op = document.paths[path].get.as_ref().unwrap();
        assert!(op.parameters.iter().any(|p| p.name == "x-key"), "{path}");
    }
}

#[get("/bare")]
async fn bare() -> &'static str {
    "bare"
}

#[tokio::test]
async fn app_dependencies_run_for_routes_without_parameters() {
    let c = fastrs::testing::TestClient::new(
        App::empty()
            .mount(fastrs::routes![bare])
            .dependency::<verify_key>(),
    );
    assert_answer(&c.get("/bare").header("x-key", "secret").await, 200, "bare");
    assert_answer(
        &c.get("/bare").header("x-key", "no").await,
        403,
        r#"{"detail":"X-Key header invalid"}"#,
    );
    assert_eq!(c.get("/bare").await.status(), 422);
    let plain = fastrs::testing::TestClient::new(App::empty().mount(fastrs::routes![bare]));
    assert_answer(&plain.get("/bare").await, 200, "bare");
}

/// A dependency that reads a path parameter the route does not.
#[depends]
fn item_from_path(#[path] item_id: u32) -> Result<String, HttpError> {
    if item_id == 0 {
        return Err(HttpError::new(StatusCode::NOT_FOUND, "Item not found"));
    }
    Ok(format!("item {item_id}"))
}

#[get("/dep-items/<item_id>")]
async fn dep_item(item: Depends<item_from_path>) -> String {
    item.into_inner()
}

#[tokio::test]
async fn a_dependency_reads_a_path_parameter_the_route_does_not() {
    let app = || App::empty().mount(fastrs::routes![dep_item]);
    let c = fastrs::testing::TestClient::new(app());
    assert_answer(&c.get("/dep-items/3").await, 200, "item 3");
    assert_answer(
        &c.get("/dep-items/0").await,
        404,
        r#"{"detail":"Item not found"}"#,
    );
    assert_answer(
        &c.get("/dep-items/x").await,
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#,
    );
    let op = app().openapi().unwrap().paths["/dep-items/{item_id}"]
        .get
        .clone()
        .unwrap();
    assert_eq!(op.parameters.len(), 1);
    assert_eq!(
        (op.parameters[0].name.as_str(), op.parameters[0].required),
        ("item_id", true)
    );
}

mod path_mismatch {
    use fastrs::prelude::*;

    #[get("/unread/<item_id>")]
    pub async fn unread(user: Depends<super::current_user>) -> String {
        user.name.clone()
    }

    #[get("/no-param")]
    pub async fn no_param(item: Depends<super::item_from_path>) -> String {
        item.into_inner()
    }
}

#[test]
fn path_parameters_read_by_nothing_or_missing_are_startup_errors() {
    let err = App::empty()
        .mount(fastrs::routes![path_mismatch::unread])
        .try_into_router()
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("`<item_id>` in the path of `unread` (GET /unread/<item_id> at tests/integration/depends.rs:"),
        "{err}"
    );
    assert!(
        err.ends_with("is read by no argument and no dependency; add an argument `item_id` or a dependency with `#[path] item_id`"),
        "{err}"
    );
    let err = App::empty()
        .mount(fastrs::routes![path_mismatch::no_param])
        .try_into_router()
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(
            "a dependency of `no_param` (GET /no-param at tests/integration/depends.rs:"
        ),
        "{err}"
    );
    assert!(
        err.ends_with("reads the path parameter `item_id`, but the path has no `<item_id>`"),
        "{err}"
    );
}

#[derive(Debug, Deserialize, Serialize, JsonSchema, Validate)]
struct Owner {
    #[garde(length(min = 1))]
    name: String,
}

#[derive(Debug, Deserialize, Serialize, JsonSchema, Validate)]
struct Pet {
    #[garde(length(min = 1))]
    kind: String,
}

/// A dependency with a body model of its own.
#[depends]
fn owner(owner: Owner) -> String {
    owner.name
}

#[post("/pets")]
async fn create_pet(owner: Depends<owner>, pet: Pet) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "owner": *owner, "kind": pet.kind }))
}

#[tokio::test]
async fn body_parameters_across_route_and_dependencies_are_embedded() {
    // Two body parameters between the dependency and the route: each is a key of the body,
    // as in FastAPI.
    let c = fastrs::testing::TestClient::new(App::empty().mount(fastrs::routes![create_pet]));
    let body = serde_json::json!({ "owner": { "name": "ann" }, "pet": { "kind": "cat" } });
    assert_answer(
        &c.post("/pets").json(&body).send().await,
        200,
        r#"{"owner":"ann","kind":"cat"}"#,
    );
    let body = serde_json::json!({ "owner": { "name": "" } });
    assert_answer(
        &c.post("/pets").json(&body).send().await,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"string_too_short","loc":["body","owner","name"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}},"#,
            r#"{"type":"missing","loc":["body","pet"],"msg":"Field required","input":null}"#,
            r#"]}"#
        ),
    );
    let document = App::empty()
        .mount(fastrs::routes![create_pet])
        .openapi()
        .unwrap()
        .to_json();
    let document: serde_json::Value = serde_json::from_slice(&document).unwrap();
    assert_eq!(
        document["components"]["schemas"]["Body_create_pet"]["required"],
        serde_json::json!(["owner", "pet"])
    );
}

mod app_scoped {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use fastrs::prelude::*;

    pub static BUILT: AtomicUsize = AtomicUsize::new(0);

    #[derive(Clone)]
    pub struct Config {
        pub greeting: &'static str,
    }

    /// Built once for the app, from its state.
    #[depends(app)]
    pub async fn greeter(config: State<Config>) -> String {
        BUILT.fetch_add(1, Ordering::SeqCst);
        format!("{}, built once", config.greeting)
    }

    /// App-scoped on top of app-scoped.
    #[depends(app)]
    pub fn shout(greeter: Depends<greeter>) -> String {
        greeter.to_uppercase()
    }

    #[get("/greet")]
    pub async fn greet(greeter: Depends<greeter>, #[query] name: String) -> String {
        format!("{} {name}", *greeter)
    }

    #[get("/shout")]
    pub async fn shout_route(shout: Depends<shout>) -> String {
        shout.into_inner()
    }

    pub fn app() -> App {
        App::scoped(module_path!()).state(Config { greeting: "hello" })
    }

    #[depends]
    pub fn test_greeter() -> String {
        "test greeter".into()
    }
}

#[tokio::test]
async fn an_app_scoped_dependency_is_built_once_at_startup() {
    use std::sync::atomic::Ordering;
    let before = app_scoped::BUILT.load(Ordering::SeqCst);
    let c = fastrs::testing::TestClient::start(app_scoped::app()).await;
    assert_eq!(
        app_scoped::BUILT.load(Ordering::SeqCst),
        before + 1,
        "built at start-up"
    );
    for _ in 0..3 {
        assert_answer(
            &c.get("/greet").query([("name", "ann")]).send().await,
            200,
            "hello, built once ann",
        );
    }
    assert_answer(&c.get("/shout").await, 200, "HELLO, BUILT ONCE");
    // A request's own errors still answer 422; the app value is untouched.
    assert_answer(
        &c.get("/greet").await,
        422,
        r#"{"detail":[{"type":"missing","loc":["query","name"],"msg":"Field required","input":null}]}"#,
    );
    assert_eq!(app_scoped::BUILT.load(Ordering::SeqCst), before + 1);
    c.shutdown().await;

    // Without the start-up (`TestClient::new`), it is built by the first request that needs
    // it, once.
    let c = fastrs::testing::TestClient::new(app_scoped::app());
    c.get("/shout").await;
    c.get("/greet").query([("name", "bo")]).send().await;
    assert_eq!(app_scoped::BUILT.load(Ordering::SeqCst), before + 2);

    // An override replaces it like any dependency.
    let c = fastrs::testing::TestClient::new(
        app_scoped::app().override_dependency::<app_scoped::greeter>(app_scoped::test_greeter {}),
    );
    assert_answer(
        &c.get("/greet").query([("name", "cy")]).send().await,
        200,
        "test greeter cy",
    );
}
