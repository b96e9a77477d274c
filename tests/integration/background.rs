//! `BackgroundTasks`: shared by a route and its dependencies, run after the answer is sent and
//! only when the route succeeded, seen by the `TestClient`, waited for by graceful shutdown.
//! The log of a failing task is read in `server_process.rs`.

use std::sync::Mutex;
use std::time::Duration;

use fastrs::prelude::*;
use fastrs::testing::TestClient;

use crate::assert_answer;
use crate::socket::raw_request;

/// What the tasks did, in order.
static DONE: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn done() -> Vec<String> {
    std::mem::take(&mut *DONE.lock().unwrap())
}

fn record(what: impl Into<String>) {
    DONE.lock().unwrap().push(what.into());
}

/// The tests share `DONE`: one at a time.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

mod routes {
    use fastrs::http::StatusCode;
    use fastrs::prelude::*;

    use super::record;

    #[depends]
    pub async fn audited(tasks: BackgroundTasks, #[query] user: Option<String>) -> String {
        let user = user.unwrap_or_else(|| "anonymous".to_owned());
        let who = user.clone();
        tasks.add(async move { super::record(format!("audit: {who}")) });
        user
    }

    #[delete("/items/<id>")]
    pub async fn delete_item(
        id: u32,
        user: Depends<audited>,
        tasks: BackgroundTasks,
    ) -> Result<Json<Value>, HttpError> {
        let user = String::clone(&user);
        tasks.add_blocking(move || record(format!("deleted {id} for {user}")));
        if id == 0 {
            return Err(HttpError::new(StatusCode::NOT_FOUND, "Item not found"));
        }
        Ok(Json(json!({ "deleted": id })))
    }

    #[post("/notes")]
    pub async fn note(#[body] text: String, tasks: BackgroundTasks) -> &'static str {
        tasks.add(async move { record(format!("note: {text}")) });
        "noted"
    }

    #[get("/explode")]
    pub async fn explode(tasks: BackgroundTasks) -> &'static str {
        tasks.add(async { record("never") });
        panic!("before the answer")
    }

    #[get("/failing")]
    pub async fn failing(tasks: BackgroundTasks) -> &'static str {
        tasks.add(async { Err::<(), _>("disk full") });
        tasks.add(async { record("after the failure") });
        "ok"
    }

    #[get("/panicking")]
    pub async fn panicking(tasks: BackgroundTasks) -> &'static str {
        tasks.add_blocking(|| -> () { panic!("task exploded") });
        tasks.add(async { record("after the panic") });
        "ok"
    }

    #[get("/empty")]
    pub async fn empty(tasks: BackgroundTasks) {
        tasks.add(async { record("after an empty answer") });
    }

    /// Released by the test once it has read the first chunk.
    pub static SECOND_CHUNK: tokio::sync::Notify = tokio::sync::Notify::const_new();

    /// A streamed answer whose second chunk waits for the test.
    #[get("/streamed")]
    pub async fn streamed(tasks: BackgroundTasks) -> fastrs::axum::response::Response {
        tasks.add(async { record("after the stream") });
        let chunks = futures_util::stream::unfold(0, |n| async move {
            match n {
                0 => Some((Ok::<_, std::io::Error>("first;"), 1)),
                1 => {
                    SECOND_CHUNK.notified().await;
                    Some((Ok("second"), 2))
                }
                _ => None,
            }
        });
        fastrs::axum::response::Response::new(fastrs::axum::body::Body::from_stream(chunks))
    }

    #[get("/slow")]
    pub async fn slow(tasks: BackgroundTasks) -> &'static str {
        tasks.add(async {
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            record("slow task done");
        });
        "started"
    }
}

fn app() -> App {
    App::scoped(concat!(module_path!(), "::routes"))
}

#[tokio::test]
async fn the_route_and_its_dependencies_share_the_tasks_run_in_order() {
    let _serial = SERIAL.lock().await;
    done();
    let c = TestClient::new(app());
    let r = c.delete("/items/3?user=ana").await;
    assert_answer(&r, 200, r#"{"deleted":3}"#);
    // The `TestClient` returns once the tasks have run.
    assert_eq!(done(), ["audit: ana", "deleted 3 for ana"]);
    assert_answer(&c.post("/notes").json("buy milk").await, 200, "noted");
    assert_eq!(done(), ["note: buy milk"]);
    // An answer with no body runs them too.
    assert_eq!(c.get("/empty").await.status(), 200);
    assert_eq!(done(), ["after an empty answer"]);
}

#[tokio::test]
async fn an_error_answer_drops_the_tasks() {
    let _serial = SERIAL.lock().await;
    done();
    let c = TestClient::new(app());
    // An `Err` after both the dependency and the route added a task.
    let r = c.delete("/items/0?user=ana").await;
    assert_answer(&r, 404, r#"{"detail":"Item not found"}"#);
    // A 422: the dependency ran, the route did not.
    assert_eq!(c.delete("/items/x").await.status(), 422);
    let invalid = c
        .post("/notes")
        .header("content-type", "application/json")
        .body("{");
    assert_eq!(invalid.await.status(), 422);
    // A panic.
    assert_eq!(c.get("/explode").await.status(), 500);
    assert!(done().is_empty());
}

#[tokio::test]
async fn a_failing_task_stops_its_request_s_tasks_only() {
    let _serial = SERIAL.lock().await;
    done();
    let c = TestClient::new(app());
    assert_answer(&c.get("/failing").await, 200, "ok");
    assert_answer(&c.get("/panicking").await, 200, "ok");
    assert!(done().is_empty());
    // The app goes on serving, and the next request's tasks run.
    assert_answer(&c.post("/notes").json("still here").await, 200, "noted");
    assert_eq!(done(), ["note: still here"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tasks_start_after_the_last_byte_is_sent() {
    let _serial = SERIAL.lock().await;
    done();
    let (addr, server) = crate::socket::serve(app()).await;
    tokio::task::spawn_blocking(move || {
        use std::io::{BufRead, BufReader, Write};
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream
            .write_all(b"GET /streamed HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        while !line.contains("first;") {
            reader.read_line(&mut line).unwrap();
        }
        // Half the answer is out: the task waits.
        std::thread::sleep(Duration::from_millis(100));
        assert!(DONE.lock().unwrap().is_empty());
        routes::SECOND_CHUNK.notify_one();
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut reader, &mut rest).unwrap();
        assert!(rest.contains("second"), "{rest}");
    })
    .await
    .unwrap();
    let started = std::time::Instant::now();
    while DONE.lock().unwrap().is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the task never ran"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(done(), ["after the stream"]);
    server.abort();
}

/// Serves `app` until told, sends `GET /slow` and stops the server; how long serving took
/// to return, and what the tasks did by then.
async fn shut_down_during_a_slow_task(app: App) -> (Duration, Vec<String>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.serve_with_shutdown(listener, async {
        let _ = stopped.await;
    }));
    let answer = tokio::task::spawn_blocking(move || {
        raw_request(
            addr,
            "GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
    })
    .await
    .unwrap();
    assert!(answer.ends_with("started"), "{answer}");
    let asked = std::time::Instant::now();
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
    (asked.elapsed(), done())
}

#[tokio::test]
async fn shutdown_waits_for_the_running_tasks_within_the_grace_period() {
    let _serial = SERIAL.lock().await;
    done();
    let (took, tasks) = shut_down_during_a_slow_task(app()).await;
    assert_eq!(tasks, ["slow task done"]);
    assert!(took >= Duration::from_millis(200), "{took:?}");
    // Past the grace period, the task is abandoned (and logged).
    let (took, tasks) =
        shut_down_during_a_slow_task(app().grace_period(Duration::from_millis(50))).await;
    assert!(tasks.is_empty(), "{tasks:?}");
    assert!(took < Duration::from_millis(250), "{took:?}");
}
