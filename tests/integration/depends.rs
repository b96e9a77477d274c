//! Dependencies: `#[depends]` functions asked for with `Depends<f>`.

use std::sync::atomic::{AtomicUsize, Ordering};

use fastrs::http::StatusCode;
use fastrs::prelude::*;

use crate::assert_answer;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct User {
    pub(crate) name: String,
}

#[depends]
pub(crate) async fn current_user(#[header] x_user: Option<String>) -> Result<User, HttpError> {
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
    let app = App::empty()
        .mount(fastrs::routes![me])
        .override_dependency::<current_user>(fake_user {});
    let (addr, server) = crate::socket::serve(app).await;
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
        // FastAPI's order: path, query, header, cookie; the route's own before its
        // dependencies'.
        [
            ("Path order_id".to_owned(), true),
            ("Query q".to_owned(), true),
            ("Query skip".to_owned(), false),
            ("Query limit".to_owned(), false),
            ("Header x-token".to_owned(), true),
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
