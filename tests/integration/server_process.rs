//! The server as a program, through `tests/bin/panicking_server.rs`: what it writes to its log
//! when a route panics, and when the app cannot start.

use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::hardening::{body, exchange, get_ok, status_line};

/// Starts `tests/bin/panicking_server.rs` on a free port and waits until it serves.
fn start() -> (Child, SocketAddr) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_panicking_server"));
    command.stderr(Stdio::piped());
    spawn_serving(command)
}

/// Runs `command` (a server program of `tests/bin/`) on a free loopback port, passed in
/// `FASTRS_TEST_ADDR`, and waits until it serves.
pub(crate) fn spawn_serving(mut command: Command) -> (Child, SocketAddr) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let child = command
        .env("FASTRS_TEST_ADDR", addr.to_string())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while TcpStream::connect(addr).is_err() {
        assert!(started.elapsed() < Duration::from_secs(10), "never served");
        std::thread::sleep(Duration::from_millis(50));
    }
    (child, addr)
}

/// Stops the server with SIGTERM; what it wrote.
pub(crate) fn stop(child: Child) -> Output {
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    child.wait_with_output().unwrap()
}

#[test]
fn a_panic_is_logged_with_its_route_and_request_id() {
    let (child, addr) = start();
    let answer = exchange(
        addr,
        b"GET /items/7/explode HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status_line(&answer), "HTTP/1.1 500 Internal Server Error");
    let id = answer
        .lines()
        .find_map(|l| l.strip_prefix("x-request-id: "))
        .expect("an id")
        .to_owned();
    // Nothing of the panic reaches the client.
    assert_eq!(body(&answer), "Internal Server Error");
    assert_eq!(status_line(&get_ok(addr)), "HTTP/1.1 200 OK");
    let output = stop(child);
    let log = String::from_utf8_lossy(&output.stderr);
    let line = format!(
        "fastrs: request {id} to GET /items/<item_id>/explode (explode at tests/bin/panicking_server.rs:"
    );
    assert!(log.contains(&line), "{log}");
    assert!(log.contains(") panicked: item 7 exploded\n"), "{log}");
}

#[test]
fn with_request_ids_the_panic_log_names_the_requests_own_id() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_panicking_server"));
    command
        .env("FASTRS_TEST_APP", "request_ids")
        .stderr(Stdio::piped());
    let (child, addr) = spawn_serving(command);
    let answer = exchange(
        addr,
        b"GET /items/7/explode HTTP/1.1\r\nHost: x\r\nX-Request-ID: trace-99\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status_line(&answer), "HTTP/1.1 500 Internal Server Error");
    assert!(
        answer.contains("\r\nx-request-id: trace-99\r\n"),
        "{answer}"
    );
    // Without one, the id made for the request, the same in the answer and the log.
    let answer = exchange(
        addr,
        b"GET /items/8/explode HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    let made = answer
        .lines()
        .find_map(|l| l.strip_prefix("x-request-id: "))
        .expect("an id")
        .to_owned();
    assert_eq!(made.len(), 36, "{made}");
    let log = String::from_utf8_lossy(&stop(child).stderr).into_owned();
    for (id, item) in [("trace-99", 7), (made.as_str(), 8)] {
        let line = format!("fastrs: request {id} to GET /items/<item_id>/explode (explode at ");
        assert!(log.contains(&line), "{line}\n{log}");
        assert!(
            log.contains(&format!(") panicked: item {item} exploded\n")),
            "{log}"
        );
    }
}

#[test]
fn json_logs_name_each_request_by_its_route_and_show_no_secret() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_panicking_server"));
    command
        .env("FASTRS_TEST_APP", "request_ids")
        .env("FASTRS_TEST_LOG", "1")
        .env("FASTRS_LOG_FORMAT", "json")
        .env("RUST_LOG", "trace")
        .stderr(Stdio::piped());
    let (child, addr) = spawn_serving(command);
    let secret = "hunter2-s3cret";
    let body = format!("username=ana&password={secret}");
    let request = format!(
        "POST /login HTTP/1.1\r\nHost: x\r\nX-Request-ID: login-1\r\nAuthorization: Bearer {secret}\r\nCookie: session={secret}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let answer = exchange(addr, request.as_bytes());
    assert_eq!(status_line(&answer), "HTTP/1.1 200 OK", "{answer}");
    // fastrs's own lines go through the subscriber too, inside the request's span.
    let exploded = exchange(
        addr,
        b"GET /items/9/explode HTTP/1.1\r\nHost: x\r\nX-Request-ID: boom-9\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status_line(&exploded), "HTTP/1.1 500 Internal Server Error");
    let log = String::from_utf8_lossy(&stop(child).stderr).into_owned();
    let panicked = log
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find(|line| line["level"] == "ERROR")
        .unwrap_or_else(|| panic!("no error line: {log}"));
    assert_eq!(panicked["target"], "fastrs", "{log}");
    let message = panicked["fields"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("request boom-9 to GET /items/<item_id>/explode (explode at ")
            && message.ends_with(") panicked: item 9 exploded"),
        "{message}"
    );
    assert_eq!(panicked["span"]["request_id"], "boom-9", "{log}");
    // No secret anywhere: fastrs logs no header, cookie or form field.
    assert!(!log.contains(secret), "{log}");
    // One JSON object per line; the request's is named by its route, with its fields.
    let finished: Vec<serde_json::Value> = log
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|line| {
            line["fields"]["message"] == "request finished"
                && line["span"]["route"] == "POST /login"
        })
        .collect();
    assert_eq!(finished.len(), 1, "{log}");
    let span = &finished[0]["span"];
    assert_eq!(span["name"], "request", "{log}");
    assert_eq!(span["route"], "POST /login", "{log}");
    assert_eq!(span["method"], "POST", "{log}");
    assert_eq!(span["request_id"], "login-1", "{log}");
    assert_eq!(span["status"], 200, "{log}");
    assert!(
        span["peer"].as_str().unwrap().starts_with("127.0.0.1:"),
        "{log}"
    );
    assert_eq!(finished[0]["level"], "INFO", "{log}");
}

#[test]
fn a_failing_background_task_is_logged_and_a_stuck_one_abandoned_at_shutdown() {
    let (child, addr) = start();
    for (kind, id) in [("fail", "abc-1"), ("panic", "abc-2"), ("slow", "abc-3")] {
        let request = format!(
            "GET /tasks/{kind} HTTP/1.1\r\nHost: x\r\nX-Request-ID: {id}\r\nConnection: close\r\n\r\n"
        );
        let answer = exchange(addr, request.as_bytes());
        assert_eq!(body(&answer), "started");
    }
    // The server goes on serving.
    assert_eq!(status_line(&get_ok(addr)), "HTTP/1.1 200 OK");
    let stopping = Instant::now();
    let output = stop(child);
    // The stuck task holds the shutdown for the grace period, no longer.
    assert!(stopping.elapsed() < Duration::from_secs(5));
    let log = String::from_utf8_lossy(&output.stderr);
    let route = "GET /tasks/<kind> (tasks at tests/bin/panicking_server.rs:";
    for line in [
        format!("fastrs: background task 1 of 2 of request abc-1 to {route}"),
        ") failed: disk full; the 1 after it are dropped\n".to_owned(),
        format!("fastrs: background task 1 of 2 of request abc-2 to {route}"),
        ") panicked: the mail server is down; the 1 after it are dropped\n".to_owned(),
        format!(
            "fastrs: the grace period (500ms) is over; abandoning the background tasks of request abc-3 to {route}"
        ),
    ] {
        assert!(log.contains(&line), "{line}\n{log}");
    }
}

#[test]
fn a_start_up_error_is_printed_as_plain_text() {
    let output = Command::new(env!("CARGO_BIN_EXE_panicking_server"))
        .env("FASTRS_TEST_ADDR", "127.0.0.1:0")
        .env("FASTRS_TEST_APP", "conflict")
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let log = String::from_utf8_lossy(&output.stderr);
    let message = "two routes answer `GET /ok`: `ok` at tests/bin/panicking_server.rs:";
    // fastrs's own line, then `main`'s `Error: ...` (the `Debug` of the `io::Error`).
    let first = log.lines().next().unwrap_or("");
    assert!(
        first.starts_with(&format!("fastrs: cannot start: {message}")),
        "{log}"
    );
    assert!(!log.contains("StartupError("), "{log}");
    assert!(log.contains(&format!("error: {message}")), "{log}");
}
