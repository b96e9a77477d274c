//! OpenTelemetry (feature `otel`): the server as a program (`tests/bin/panicking_server.rs`,
//! logging through `observability::init()`) exports its requests' spans over OTLP/HTTP to a
//! collector of the test's own, each a child of the caller's trace (`traceparent` in), and its
//! answers carry their span's `traceparent` (out).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::hardening::{exchange, status_line};
use crate::server_process::{spawn_serving, stop};

/// A collector: it accepts OTLP/HTTP exports, answers 200, and hands over each request's path
/// and body.
fn collector() -> (String, mpsc::Receiver<(String, Vec<u8>)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let (sent, exports) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let sent = sent.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut stream = stream;
                // Each request of the connection, until the exporter closes it.
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let path = line.split(' ').nth(1).unwrap_or("").to_owned();
                    let mut length = 0;
                    loop {
                        let mut header = String::new();
                        reader.read_line(&mut header).unwrap();
                        if header == "\r\n" {
                            break;
                        }
                        if let Some((name, value)) = header.split_once(':')
                            && name.eq_ignore_ascii_case("content-length")
                        {
                            length = value.trim().parse().unwrap();
                        }
                    }
                    let mut body = vec![0; length];
                    reader.read_exact(&mut body).unwrap();
                    let _ = sent.send((path, body));
                    let _ = stream.write_all(
                        b"HTTP/1.1 200 OK\r\ncontent-type: application/x-protobuf\r\ncontent-length: 0\r\n\r\n",
                    );
                }
            });
        }
    });
    (endpoint, exports)
}

/// Whether `haystack` holds `needle`.
fn holds(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// The bytes of a hexadecimal id.
fn bytes_of(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

/// Starts the server exporting to `endpoint` every 50 ms, as the service `fastrs-otel-test`.
fn exporting_server(endpoint: &str) -> (std::process::Child, std::net::SocketAddr) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_panicking_server"));
    command
        .env("FASTRS_TEST_LOG", "1")
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)
        .env("OTEL_BSP_SCHEDULE_DELAY", "50")
        .env("OTEL_SERVICE_NAME", "fastrs-otel-test")
        .stderr(Stdio::piped());
    spawn_serving(command)
}

/// The parts of the answer's `traceparent`: version, trace, span, flags.
fn traceparent_of(answer: &str) -> Vec<String> {
    let told = answer
        .lines()
        .find_map(|line| line.strip_prefix("traceparent: "))
        .unwrap_or_else(|| panic!("no traceparent in {answer}"));
    let parts: Vec<String> = told.split('-').map(str::to_owned).collect();
    assert_eq!(parts.len(), 4, "{told}");
    parts
}

#[test]
fn spans_are_exported_over_otlp_in_the_callers_trace() {
    let (endpoint, exports) = collector();
    let (child, addr) = exporting_server(&endpoint);
    let trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    let caller = "00f067aa0ba902b7";
    let answer = exchange(
        addr,
        format!(
            "GET /ok HTTP/1.1\r\nHost: x\r\ntraceparent: 00-{trace}-{caller}-01\r\nConnection: close\r\n\r\n"
        )
        .as_bytes(),
    );
    assert_eq!(status_line(&answer), "HTTP/1.1 200 OK", "{answer}");
    // The answer's traceparent: the same trace, the request's own span, sampled.
    let parts = traceparent_of(&answer);
    assert_eq!(
        (parts[0].as_str(), parts[1].as_str(), parts[3].as_str()),
        ("00", trace, "01")
    );
    let span = parts[2].as_str();
    assert_ne!(span, caller);
    assert_eq!(span.len(), 16);
    // The span reaches the collector: its trace, its id, its parent, its name (the route).
    let export = loop {
        let (path, body) = exports
            .recv_timeout(Duration::from_secs(10))
            .expect("no export within 10 s");
        if holds(&body, &bytes_of(span)) {
            assert_eq!(path, "/v1/traces");
            break body;
        }
    };
    assert!(holds(&export, &bytes_of(trace)));
    assert!(
        holds(&export, &bytes_of(caller)),
        "the parent is the caller's span"
    );
    assert!(holds(&export, b"GET /ok"));
    assert!(holds(&export, b"fastrs-otel-test"));
    stop(child);
}

#[test]
fn a_request_without_traceparent_starts_a_trace_of_its_own() {
    let (endpoint, _exports) = collector();
    let (child, addr) = exporting_server(&endpoint);
    let answer = exchange(
        addr,
        b"GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    let parts = traceparent_of(&answer);
    assert_eq!(parts[1].len(), 32);
    assert_ne!(parts[1], "0".repeat(32));
    // An invalid traceparent is ignored: a new trace too.
    let answer = exchange(
        addr,
        b"GET /ok HTTP/1.1\r\nHost: x\r\ntraceparent: 00-zz-yy-01\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status_line(&answer), "HTTP/1.1 200 OK");
    let again = traceparent_of(&answer);
    assert_eq!(again[1].len(), 32);
    assert_ne!(again[1], parts[1]);
    stop(child);
}
