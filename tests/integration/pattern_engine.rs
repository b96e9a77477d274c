//! The regular expression engine is linked into a program only when it declares a pattern: its
//! Unicode tables cost every start about 0.5 MiB (`docs/performance.md`). A model's patterns
//! are garde's, which links its own; fastrs's walk of a body that fails its types lists them
//! only with the engine of a parameter's pattern or `fastrs::check_model_patterns!()`.

use std::process::Command;

use crate::hardening::{body, exchange, status_line};
use crate::server_process::spawn_serving;

/// How many symbols of `regex_syntax`, the engine's parser, program `path` holds.
fn engine_symbols(path: &str) -> usize {
    let output = Command::new("nm")
        .arg(path)
        .output()
        .expect("`nm` (binutils) lists a program's symbols");
    assert!(output.status.success(), "nm {path} failed");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|line| line.contains("regex_syntax"))
        .count()
}

#[test]
fn only_a_program_that_declares_a_pattern_links_the_engine() {
    // `#[query(pattern = "^[a-z]+$")]` (`GET /worded`) and `Cors::allow_origin_regex`.
    assert!(engine_symbols(env!("CARGO_BIN_EXE_parity_server")) > 0);
    // Routes, dependencies, background tasks, no pattern.
    assert_eq!(engine_symbols(env!("CARGO_BIN_EXE_panicking_server")), 0);
}

fn post_coded(addr: std::net::SocketAddr, json: &str) -> String {
    let request = format!(
        "POST /coded HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{json}",
        json.len()
    );
    exchange(addr, request.as_bytes())
}

#[test]
fn without_the_engine_a_models_pattern_is_checked_by_garde() {
    let (mut server, addr) = spawn_serving(Command::new(env!("CARGO_BIN_EXE_lean_server")));
    let answer = post_coded(addr, r#"{"code":"ABC","count":1}"#);
    assert_eq!(status_line(&answer), "HTTP/1.1 200 OK");
    assert_eq!(body(&answer), r#"{"code":"ABC","count":1}"#);
    // The types right: garde's check, in pydantic's words.
    let answer = post_coded(addr, r#"{"code":"abc","count":1}"#);
    assert_eq!(status_line(&answer), "HTTP/1.1 422 Unprocessable Entity");
    assert_eq!(
        body(&answer),
        r#"{"detail":[{"type":"string_pattern_mismatch","loc":["body","code"],"msg":"String should match pattern '^[A-Z]{3}$'","input":"abc","ctx":{"pattern":"^[A-Z]{3}$"}}]}"#
    );
    // A type wrong: the walk lists the type errors only (FastAPI, and a program that links
    // the engine, list the pattern's too: `tests/parity/compare.py`, `/coded`).
    let answer = post_coded(addr, r#"{"code":"abc","count":"x"}"#);
    assert_eq!(status_line(&answer), "HTTP/1.1 422 Unprocessable Entity");
    assert_eq!(
        body(&answer),
        r#"{"detail":[{"type":"int_parsing","loc":["body","count"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#
    );
    server.kill().unwrap();
    server.wait().unwrap();
}
