//! A server with a route that panics and background tasks that fail, for the tests that read
//! the server's log: serves on `FASTRS_TEST_ADDR` until SIGTERM, with a grace period of half a
//! second. With `FASTRS_TEST_APP=conflict`, two routes answer the same request, and the app
//! cannot start; with `request_ids`, requests get ids. With `FASTRS_TEST_LOG=1`, it logs
//! through `fastrs::observability::init()` (`RUST_LOG`, `FASTRS_LOG_FORMAT` as set).

use fastrs::prelude::*;

#[get("/items/<item_id>/explode")]
async fn explode(item_id: u32) -> String {
    panic!("item {item_id} exploded")
}

/// Two tasks, the first failing (`fail`), panicking (`panic`) or never ending (`slow`).
#[get("/tasks/<kind>")]
async fn tasks(kind: String, tasks: BackgroundTasks) -> &'static str {
    match kind.as_str() {
        "fail" => tasks.add(async { Err::<(), _>("disk full") }),
        "panic" => tasks.add_blocking(|| -> () { panic!("the mail server is down") }),
        _ => tasks.add(std::future::pending::<()>()),
    }
    tasks.add(async {});
    "started"
}

#[get("/ok")]
async fn ok() -> &'static str {
    "ok"
}

/// A form with a secret, which no log line may show.
#[post("/login")]
async fn login(#[form] username: String, #[form] password: String) -> String {
    format!("{username} logged in with {} characters", password.len())
}

#[get("/ok")]
async fn ok_again() -> &'static str {
    "ok again"
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    if std::env::var("FASTRS_TEST_LOG").is_ok() {
        fastrs::observability::init();
    }
    let addr = std::env::var("FASTRS_TEST_ADDR").unwrap_or_else(|_| "127.0.0.1:8099".into());
    let app = match std::env::var("FASTRS_TEST_APP").as_deref() {
        Ok("conflict") => App::empty().mount(fastrs::routes![ok, ok_again]),
        Ok("request_ids") => App::empty()
            .request_ids()
            .mount(fastrs::routes![explode, tasks, ok, login]),
        _ => App::empty().mount(fastrs::routes![explode, tasks, ok]),
    };
    let app = app.grace_period(std::time::Duration::from_millis(500));
    app.serve(addr).await
}
