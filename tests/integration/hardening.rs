//! The server under hostile input, on a real socket: limits, timeouts, framing and panics,
//! each answered clearly while the server goes on serving.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use fastrs::prelude::*;

use crate::assert_answer;

#[get("/ok")]
async fn ok() -> &'static str {
    "ok"
}

#[post("/echo")]
async fn echo(#[body] text: String) -> String {
    text
}

#[get("/sleepy")]
async fn sleepy() -> &'static str {
    tokio::time::sleep(Duration::from_millis(400)).await;
    "late"
}

#[get("/boom")]
async fn boom() -> &'static str {
    panic!("boom")
}

pub(crate) fn app() -> App {
    App::empty().mount(fastrs::routes![ok, echo, sleepy, boom])
}

/// A served app on a free port, stopped when dropped.
pub(crate) struct Served {
    pub(crate) addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

pub(crate) async fn serve(app: App) -> Served {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(app.serve_with_shutdown(listener, async {
        let _ = stopped.await;
    }));
    Served {
        addr,
        stop: Some(stop),
    }
}

/// Sends `request` on a new connection and reads until the server closes it.
pub(crate) fn exchange(addr: SocketAddr, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream.write_all(request).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

pub(crate) fn get_ok(addr: SocketAddr) -> String {
    exchange(
        addr,
        b"GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
}

pub(crate) fn status_line(answer: &str) -> &str {
    answer.lines().next().unwrap_or("")
}

pub(crate) fn body(answer: &str) -> &str {
    answer.split_once("\r\n\r\n").map_or("", |(_, b)| b)
}

pub(crate) async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_heads_answer_431_or_414_and_the_server_goes_on() {
    let served = serve(app()).await;
    let addr = served.addr;
    let answers = blocking(move || {
        let long_line = format!(
            "GET /ok HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
            "a".repeat(17 * 1024)
        );
        let many: String = (0..101).map(|i| format!("X-H{i}: v\r\n")).collect();
        let many = format!("GET /ok HTTP/1.1\r\nHost: x\r\n{many}\r\n");
        let big_head: String = (0..5)
            .map(|i| format!("X-P{i}: {}\r\n", "b".repeat(15 * 1024)))
            .collect();
        let big_head = format!("GET /ok HTTP/1.1\r\nHost: x\r\n{big_head}\r\n");
        let long_uri = format!(
            "GET /ok?q={} HTTP/1.1\r\nHost: x\r\n\r\n",
            "c".repeat(17 * 1024)
        );
        [long_line, many, big_head, long_uri]
            .map(|request| exchange(addr, request.as_bytes()))
            .into_iter()
            .chain([get_ok(addr)])
            .collect::<Vec<_>>()
    })
    .await;
    assert_eq!(
        status_line(&answers[0]),
        "HTTP/1.1 431 Request Header Fields Too Large"
    );
    assert_eq!(
        body(&answers[0]),
        r#"{"detail":"Request Header Fields Too Large"}"#
    );
    assert!(
        answers[0].contains("\r\nconnection: close\r\n"),
        "{}",
        answers[0]
    );
    assert_eq!(
        status_line(&answers[1]),
        "HTTP/1.1 431 Request Header Fields Too Large"
    );
    assert_eq!(
        status_line(&answers[2]),
        "HTTP/1.1 431 Request Header Fields Too Large"
    );
    assert_eq!(status_line(&answers[3]), "HTTP/1.1 414 URI Too Long");
    assert_eq!(body(&answers[3]), r#"{"detail":"URI Too Long"}"#);
    assert_eq!(status_line(&answers[4]), "HTTP/1.1 200 OK");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_can_be_raised() {
    let served = serve(app().max_header_line(32 * 1024).max_uri_length(32 * 1024)).await;
    let addr = served.addr;
    let answer = blocking(move || {
        let request = format!(
            "GET /ok?q={} HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
            "c".repeat(17 * 1024),
            "a".repeat(17 * 1024)
        );
        exchange(addr, request.as_bytes())
    })
    .await;
    assert_eq!(status_line(&answer), "HTTP/1.1 200 OK");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slowloris_connection_is_closed_while_others_are_served() {
    let served = serve(app().header_read_timeout(Some(Duration::from_millis(500)))).await;
    let addr = served.addr;
    let (closed_after, served_meanwhile) = blocking(move || {
        let started = Instant::now();
        let mut slow = TcpStream::connect(addr).unwrap();
        slow.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        slow.write_all(b"GET /ok HTTP/1.1\r\nHost: x\r\n").unwrap();
        // Others are answered while the slow head hangs.
        let meanwhile: Vec<String> = (0..3).map(|_| get_ok(addr)).collect();
        // A byte now and then does not keep the connection: the head must be complete in time.
        for _ in 0..3 {
            std::thread::sleep(Duration::from_millis(100));
            if slow.write_all(b"X").is_err() {
                break;
            }
        }
        let mut rest = Vec::new();
        let _ = slow.read_to_end(&mut rest);
        (started.elapsed(), meanwhile)
    })
    .await;
    for answer in served_meanwhile {
        assert_eq!(status_line(&answer), "HTTP/1.1 200 OK");
    }
    // 0.5 s of timeout; generous bounds for a loaded machine.
    assert!(
        closed_after < Duration::from_secs(5),
        "closed after {closed_after:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_keep_alive_connection_is_closed() {
    let served = serve(app().keep_alive_timeout(Some(Duration::from_millis(300)))).await;
    let addr = served.addr;
    let (first, idle_for) = blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        stream
            .write_all(b"GET /ok HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let mut buf = [0u8; 1024];
        let n = stream.read(&mut buf).unwrap();
        let first = String::from_utf8_lossy(&buf[..n]).into_owned();
        let idle = Instant::now();
        // The server closes the idle connection: the next read sees its end.
        let rest = stream.read(&mut buf).unwrap_or(0);
        assert_eq!(rest, 0, "nothing more is sent");
        (first, idle.elapsed())
    })
    .await;
    assert_eq!(status_line(&first), "HTTP/1.1 200 OK");
    assert!(
        idle_for >= Duration::from_millis(250) && idle_for < Duration::from_secs(5),
        "closed after {idle_for:?}"
    );
}

#[tokio::test]
async fn a_request_over_its_timeout_answers_504() {
    let c = fastrs::testing::TestClient::new(app().request_timeout(Duration::from_millis(100)));
    assert_answer(
        &c.get("/sleepy").await,
        504,
        r#"{"detail":"Gateway Timeout"}"#,
    );
    assert_answer(&c.get("/ok").await, 200, "ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn content_length_with_transfer_encoding_is_read_chunked_then_closed() {
    let served = serve(app()).await;
    let addr = served.addr;
    let answer = blocking(move || {
        // Without `Connection: close`: the server closes it itself after answering, so a
        // smuggled second request after the chunked body is never read.
        exchange(
            addr,
            b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n7\r\n\"hello\"\r\n0\r\n\r\nGET /ok HTTP/1.1\r\nHost: x\r\n\r\n",
        )
    })
    .await;
    assert_eq!(status_line(&answer), "HTTP/1.1 200 OK");
    assert!(answer.contains("\r\nconnection: close\r\n"), "{answer}");
    assert!(
        answer.ends_with("\r\n\r\nhello"),
        "one answer only: {answer}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_request_lines_answer_400() {
    let served = serve(app()).await;
    let addr = served.addr;
    let answers = blocking(move || {
        [
            &b"GARBAGE\r\n\r\n"[..],
            b"GET /ok HTTP/1.1 extra\r\nHost: x\r\n\r\n",
            b"GET  HTTP/1.1\r\nHost: x\r\n\r\n",
            b"GET /ok HTTP/1.1\r\nBad Header\r\n\r\n",
        ]
        .map(|request| exchange(addr, request))
        .into_iter()
        .chain([get_ok(addr)])
        .collect::<Vec<_>>()
    })
    .await;
    for answer in &answers[..4] {
        assert_eq!(status_line(answer), "HTTP/1.1 400 Bad Request", "{answer}");
    }
    assert_eq!(status_line(&answers[4]), "HTTP/1.1 200 OK");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_answers_500_and_the_same_connection_goes_on() {
    let served = serve(app()).await;
    let addr = served.addr;
    let answer = blocking(move || {
        exchange(
            addr,
            b"GET /boom HTTP/1.1\r\nHost: x\r\n\r\nGET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
    })
    .await;
    let (first, second) = answer.split_once("HTTP/1.1 200 OK").expect("both answered");
    assert!(
        first.starts_with("HTTP/1.1 500 Internal Server Error\r\n"),
        "{first}"
    );
    assert!(first.contains("\r\nx-request-id: "), "{first}");
    assert!(first.ends_with("\r\n\r\nInternal Server Error"), "{first}");
    assert!(second.ends_with("\r\n\r\nok"), "{second}");
}

#[tokio::test]
async fn debug_mode_shows_the_panic() {
    let quiet = fastrs::testing::TestClient::new(app());
    assert_answer(&quiet.get("/boom").await, 500, "Internal Server Error");
    let debug = fastrs::testing::TestClient::new(app().debug(true));
    let response = debug.get("/boom").await;
    assert_eq!(response.status(), 500);
    let text = response.text();
    assert!(
        text.starts_with("Internal Server Error\n\nrequest "),
        "{text}"
    );
    assert!(
        text.contains(" to GET /boom (boom at tests/integration/hardening.rs:"),
        "{text}"
    );
    assert!(text.ends_with(" panicked: boom\n"), "{text}");
}

#[derive(Debug, Deserialize, Serialize, JsonSchema, Validate)]
struct Numbers {
    #[garde(skip)]
    ratio: f64,
    #[garde(skip)]
    count: u32,
}

#[post("/numbers")]
async fn numbers(numbers: Numbers) -> Json<Numbers> {
    Json(numbers)
}

#[derive(Debug, Deserialize, Serialize, JsonSchema, Validate)]
struct Tree {
    #[garde(skip)]
    data: serde_json::Value,
}

#[post("/tree")]
async fn tree(tree: Tree) -> Json<Tree> {
    Json(tree)
}

#[tokio::test]
async fn json_beyond_the_parser_s_limits_answers_422_without_panicking() {
    let c = fastrs::testing::TestClient::new(App::empty().mount(fastrs::routes![numbers, tree]));
    let post = |path: &'static str, body: String| {
        c.post(path)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    assert_answer(
        &post("/numbers", r#"{"ratio": 1e400, "count": 1}"#.into()).await,
        422,
        r#"{"detail":[{"type":"json_invalid","loc":["body",14],"msg":"JSON decode error","input":{},"ctx":{"error":"Number out of range"}}]}"#,
    );
    assert_answer(
        &post("/numbers", r#"{"ratio": 1.5, "count": 4294967296}"#.into()).await,
        422,
        r#"{"detail":[{"type":"less_than_equal","loc":["body","count"],"msg":"Input should be less than or equal to 4294967295","input":4294967296,"ctx":{"le":4294967295}}]}"#,
    );
    // 2^64 does not fit even a u64: it is read as a float, and refused as too large.
    let response = post(
        "/numbers",
        r#"{"ratio": 1.5, "count": 18446744073709551616}"#.into(),
    )
    .await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .contains(r#""type":"less_than_equal","loc":["body","count"]"#)
    );
    let deep = format!(r#"{{"data": {}1{}}}"#, "[".repeat(200), "]".repeat(200));
    let response = post("/tree", deep).await;
    assert_eq!(response.status(), 422);
    assert!(
        response.text().contains(
            r#""ctx":{"error":"Nesting too deep: more than 128 levels of arrays and objects"}"#
        ),
        "{}",
        response.text()
    );
    let fine = format!(r#"{{"data": {}1{}}}"#, "[".repeat(100), "]".repeat(100));
    assert_eq!(post("/tree", fine).await.status(), 200);
}

#[post("/small", body_limit = "1KiB")]
async fn small(#[body] text: String) -> String {
    text
}

#[post("/upload", body_limit = "3MiB")]
async fn upload(#[body] text: String) -> String {
    text.len().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_route_sets_its_own_body_limit() {
    let app = || App::empty().mount(fastrs::routes![small, upload, echo]);
    let c = fastrs::testing::TestClient::new(app());
    let json_text = |len: usize| format!("\"{}\"", "a".repeat(len));
    let post = |path: &'static str, body: String| {
        c.post(path)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    assert_answer(&post("/small", json_text(500)).await, 200, &"a".repeat(500));
    assert_answer(
        &post("/small", json_text(2000)).await,
        413,
        r#"{"detail":"Payload Too Large"}"#,
    );
    // Over the app's 2 MiB, under the route's 3 MiB.
    let big = json_text(2_500_000);
    assert_answer(&post("/upload", big.clone()).await, 200, "2500000");
    assert_answer(
        &post("/echo", big).await,
        413,
        r#"{"detail":"Payload Too Large"}"#,
    );
    // On a socket, the declared length is refused before the body is sent.
    let served = serve(app()).await;
    let addr = served.addr;
    let answer = blocking(move || {
        exchange(
            addr,
            b"POST /small HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n",
        )
    })
    .await;
    assert_eq!(status_line(&answer), "HTTP/1.1 413 Payload Too Large");
}

/// Requests of the grace-period test that have started.
static GRACE_STARTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[get("/very-slow")]
async fn very_slow() -> &'static str {
    GRACE_STARTED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    tokio::time::sleep(Duration::from_secs(5)).await;
    "too late"
}

#[get("/in-time")]
async fn in_time() -> &'static str {
    GRACE_STARTED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(400)).await;
    "late"
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_grace_period_bounds_the_shutdown() {
    let app = App::empty()
        .mount(fastrs::routes![very_slow, in_time])
        .grace_period(Duration::from_millis(700));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.serve_with_shutdown(listener, async {
        let _ = stopped.await;
    }));
    let slow = tokio::task::spawn_blocking(move || {
        exchange(
            addr,
            b"GET /very-slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
    });
    let answered = tokio::task::spawn_blocking(move || {
        exchange(
            addr,
            b"GET /in-time HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
    });
    let waiting = Instant::now();
    while GRACE_STARTED.load(std::sync::atomic::Ordering::SeqCst) < 2 {
        assert!(
            waiting.elapsed() < Duration::from_secs(20),
            "the requests never started"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let signalled = Instant::now();
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
    let took = signalled.elapsed();
    // The 400 ms request finished within the grace period; the 5 s one did not hold the
    // server past it (0.7 s).
    assert!(
        took >= Duration::from_millis(650) && took < Duration::from_secs(4),
        "shut down after {took:?}"
    );
    assert!(answered.await.unwrap().ends_with("\r\n\r\nlate"));
    drop(slow);
}

static CLEANED_UP: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static SESSIONS_OPENED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[depends]
async fn session(cleanup: fastrs::Cleanup) -> &'static str {
    SESSIONS_OPENED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    cleanup.defer(async {
        tokio::time::sleep(Duration::from_millis(200)).await;
        CLEANED_UP.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    });
    "session"
}

#[get("/with-cleanup")]
async fn with_cleanup(session: Depends<session>) -> String {
    tokio::time::sleep(Duration::from_millis(300)).await;
    format!("{} done", *session)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_lets_in_flight_requests_and_their_cleanups_finish() {
    use std::sync::atomic::Ordering;
    let app = App::empty().mount(fastrs::routes![with_cleanup]);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.serve_with_shutdown(listener, async {
        let _ = stopped.await;
    }));
    let clients: Vec<_> = (0..4)
        .map(|_| {
            tokio::task::spawn_blocking(move || {
                exchange(
                    addr,
                    b"GET /with-cleanup HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                )
            })
        })
        .collect();
    // Signal only once all four are in flight (a loaded machine starts clients slowly).
    let waiting = Instant::now();
    while SESSIONS_OPENED.load(Ordering::SeqCst) < 4 {
        assert!(
            waiting.elapsed() < Duration::from_secs(20),
            "the requests never started"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let before = CLEANED_UP.load(Ordering::SeqCst);
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
    // serve returned: every request in flight was answered, and its cleanup ran to the end.
    assert_eq!(CLEANED_UP.load(Ordering::SeqCst), before + 4);
    for client in clients {
        let answer = client.await.unwrap();
        assert!(answer.ends_with("\r\n\r\nsession done"), "{answer}");
    }
}

#[get("/files/<name>")]
async fn file(name: String) -> String {
    name
}

#[tokio::test]
async fn a_path_that_is_not_utf8_answers_400_without_internals() {
    let c = fastrs::testing::TestClient::new(App::empty().mount(fastrs::routes![file]));
    assert_answer(
        &c.get("/files/%FF%FE").await,
        400,
        r#"{"detail":"Invalid URL"}"#,
    );
    assert_answer(&c.get("/files/caf%C3%A9").await, 200, "café");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_limits_and_the_request_timeout_hold_on_a_socket() {
    let app = App::empty()
        .mount(fastrs::routes![numbers, tree, sleepy, ok])
        .request_timeout(Duration::from_millis(150));
    let served = serve(app).await;
    let addr = served.addr;
    let answers = blocking(move || {
        let post = |path: &str, body: &str| {
            let request = format!(
                "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            exchange(addr, request.as_bytes())
        };
        let deep = format!(r#"{{"data": {}1{}}}"#, "[".repeat(200), "]".repeat(200));
        vec![
            post("/tree", &deep),
            post("/numbers", r#"{"ratio": 1e400, "count": 1}"#),
            exchange(addr, b"GET /sleepy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
            get_ok(addr),
        ]
    })
    .await;
    assert_eq!(
        status_line(&answers[0]),
        "HTTP/1.1 422 Unprocessable Entity"
    );
    assert_eq!(
        body(&answers[0]),
        r#"{"detail":[{"type":"json_invalid","loc":["body",135],"msg":"JSON decode error","input":{},"ctx":{"error":"Nesting too deep: more than 128 levels of arrays and objects"}}]}"#
    );
    assert_eq!(
        status_line(&answers[1]),
        "HTTP/1.1 422 Unprocessable Entity"
    );
    assert_eq!(
        body(&answers[1]),
        r#"{"detail":[{"type":"json_invalid","loc":["body",14],"msg":"JSON decode error","input":{},"ctx":{"error":"Number out of range"}}]}"#
    );
    assert_eq!(status_line(&answers[2]), "HTTP/1.1 504 Gateway Timeout");
    assert_eq!(body(&answers[2]), r#"{"detail":"Gateway Timeout"}"#);
    assert_eq!(status_line(&answers[3]), "HTTP/1.1 200 OK");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_connection_cap_holds_new_clients_until_one_closes() {
    let served = serve(app().max_connections(1)).await;
    let addr = served.addr;
    let (waited, answer) = blocking(move || {
        // The first connection takes the only slot and holds it.
        let holder = TcpStream::connect(addr).unwrap();
        std::thread::sleep(Duration::from_millis(100));
        let mut second = TcpStream::connect(addr).unwrap();
        second
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        second
            .write_all(b"GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        // Not served while the slot is taken...
        second
            .set_read_timeout(Some(Duration::from_millis(300)))
            .unwrap();
        let mut buf = [0u8; 16];
        assert!(second.read(&mut buf).is_err(), "answered over the cap");
        // ...and served once the first connection closes.
        let released = Instant::now();
        drop(holder);
        second
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut answer = Vec::new();
        second.read_to_end(&mut answer).unwrap();
        (
            released.elapsed(),
            String::from_utf8_lossy(&answer).into_owned(),
        )
    })
    .await;
    assert_eq!(status_line(&answer), "HTTP/1.1 200 OK");
    assert!(
        waited < Duration::from_secs(3),
        "served {waited:?} after the release"
    );
}
