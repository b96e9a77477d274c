//! The body read timeout on a real socket: bodies that trickle in (slow POST, "R.U.D.Y.")
//! answer 408 and are closed, while other clients are served.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

use crate::hardening::{app, blocking, body, exchange, get_ok, serve, status_line};

/// How many slow clients hold a connection at once.
const SLOW_CLIENTS: usize = 100;

/// Announces a megabyte of body, then sends a byte every 100 ms; what the server answers and
/// when the connection closed.
async fn trickle(addr: std::net::SocketAddr) -> (String, Duration) {
    let started = Instant::now();
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n\"")
        .await
        .unwrap();
    let mut answer = Vec::new();
    let mut buffer = [0u8; 1024];
    loop {
        tokio::select! {
            read = stream.read(&mut buffer) => match read {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&buffer[..n]),
            },
            () = tokio::time::sleep(Duration::from_millis(100)) => {
                // Writing may fail once the server has closed; the answer is read next turn.
                let _ = stream.write_all(b"a").await;
            }
        }
        assert!(started.elapsed() < Duration::from_secs(20), "never closed");
    }
    (
        String::from_utf8_lossy(&answer).into_owned(),
        started.elapsed(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_bodies_answer_408_and_close_while_others_are_served() {
    let served = serve(app().body_read_timeout(Some(Duration::from_millis(800)))).await;
    let addr = served.addr;
    let slow: Vec<_> = (0..SLOW_CLIENTS)
        .map(|_| tokio::spawn(trickle(addr)))
        .collect();
    tokio::time::sleep(Duration::from_millis(200)).await;
    // While a hundred bodies trickle in, others are answered, bodies included.
    let meanwhile = blocking(move || {
        let request =
            b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\nConnection: close\r\n\r\n\"hi\"";
        [get_ok(addr), exchange(addr, request), get_ok(addr)]
    })
    .await;
    assert_eq!(status_line(&meanwhile[0]), "HTTP/1.1 200 OK");
    assert_eq!(status_line(&meanwhile[1]), "HTTP/1.1 200 OK");
    assert_eq!(body(&meanwhile[1]), "hi");
    assert_eq!(status_line(&meanwhile[2]), "HTTP/1.1 200 OK");
    for client in slow {
        let (answer, took) = client.await.unwrap();
        assert_eq!(status_line(&answer), "HTTP/1.1 408 Request Timeout");
        assert_eq!(body(&answer), r#"{"detail":"Request Timeout"}"#);
        assert!(answer.contains("\r\nconnection: close\r\n"), "{answer}");
        // 0.8 s of timeout; generous bounds for a loaded machine.
        assert!(
            took >= Duration::from_millis(750) && took < Duration::from_secs(10),
            "closed after {took:?}"
        );
    }
    assert_eq!(status_line(&get_ok(addr)), "HTTP/1.1 200 OK");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_arrives_in_time_is_read() {
    let served = serve(app().body_read_timeout(Some(Duration::from_millis(800)))).await;
    let addr = served.addr;
    let answer = blocking(move || {
        use std::io::{Read as _, Write as _};
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        stream
            .write_all(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 6\r\nConnection: close\r\n\r\n\"sl")
            .unwrap();
        // Slow, but within the timeout.
        std::thread::sleep(Duration::from_millis(300));
        stream.write_all(b"ow\"").unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    })
    .await;
    assert_eq!(status_line(&answer), "HTTP/1.1 200 OK");
    assert_eq!(body(&answer), "slow");
}
