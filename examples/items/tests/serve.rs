//! The example binary as a user runs it: it serves, and stops cleanly on SIGTERM.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn get(addr: &str, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(addr)?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    Ok(answer)
}

#[test]
fn serves_then_stops_on_sigterm() {
    let addr = format!("127.0.0.1:{}", free_port());
    let child = Command::new(env!("CARGO_BIN_EXE_items"))
        .env("ITEMS_ADDR", &addr)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let answer = loop {
        match get(&addr, "/items/1") {
            Ok(answer) => break answer,
            Err(_) if started.elapsed() < Duration::from_secs(10) => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => panic!("the example never answered: {e}"),
        }
    };
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(answer.ends_with(r#"{"id":1,"name":"Hammer","price":9.99,"q":null,"limit":10}"#));

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "exit status {:?}", output.status);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("fastrs: Items 1.0.0 serving on http://127.0.0.1:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("fastrs: shutting down, finishing the requests in flight"),
        "{stderr}"
    );
}

#[test]
fn writes_its_openapi_document() {
    let output = Command::new(env!("CARGO_BIN_EXE_items"))
        .arg("openapi")
        .output()
        .unwrap();
    assert!(output.status.success());
    let golden = include_str!("../../../tests/openapi/items.json");
    assert_eq!(String::from_utf8(output.stdout).unwrap(), golden);

    let file = std::env::temp_dir().join(format!("items-openapi-{}.json", std::process::id()));
    let status = Command::new(env!("CARGO_BIN_EXE_items"))
        .args(["openapi", file.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), golden);
    std::fs::remove_file(file).unwrap();

    let output = Command::new(env!("CARGO_BIN_EXE_items"))
        .arg("nope")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown command `nope`"));
}
