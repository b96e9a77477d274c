//! The app on a real socket: the same answers as in process, and the server goes on serving.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use fastrs::prelude::*;

/// `/slow` requests that have started.
static SLOW_STARTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[get("/slow")]
async fn slow() -> &'static str {
    SLOW_STARTED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(300)).await;
    "done"
}

/// Serves `app` on a free loopback port, in a task of its own: its address, and the task.
pub(crate) async fn serve(
    app: App,
) -> (
    std::net::SocketAddr,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    (addr, tokio::spawn(app.serve_on(listener)))
}

/// Sends `request` as written on a new connection and reads the answer to the end.
pub(crate) fn raw_request(addr: std::net::SocketAddr, request: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.write_all(request.as_bytes()).expect("write");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    response
}

/// `GET`s each path on a connection of its own, from a blocking thread; the answers, read to
/// the end.
pub(crate) async fn get_each<const N: usize>(
    addr: std::net::SocketAddr,
    paths: [&'static str; N],
) -> [String; N] {
    tokio::task::spawn_blocking(move || {
        paths.map(|path| {
            raw_request(
                addr,
                &format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
            )
        })
    })
    .await
    .unwrap()
}

fn body_of(response: &str) -> &str {
    response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b)
        .unwrap_or("")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_items_example_over_tcp() {
    let (addr, server) = crate::socket::serve(items::app()).await;

    let answers = tokio::task::spawn_blocking(move || {
        let get = |path: &str| {
            raw_request(
                addr,
                &format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
            )
        };
        let bad = get("/items/foo?limit=abc");
        let good = get("/items/1");
        let post = raw_request(
            addr,
            "POST /items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 9\r\nConnection: close\r\n\r\n{\"name\":}",
        );
        (bad, good, post)
    })
    .await
    .unwrap();

    let (bad, good, post) = answers;
    assert!(
        bad.starts_with("HTTP/1.1 422 Unprocessable Entity\r\n"),
        "{bad}"
    );
    assert_eq!(
        body_of(&bad),
        r#"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"foo"},{"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}"#
    );
    assert!(good.starts_with("HTTP/1.1 200 OK\r\n"), "{good}");
    assert!(post.starts_with("HTTP/1.1 422"), "{post}");
    assert_eq!(
        body_of(&post),
        r#"{"detail":[{"type":"json_invalid","loc":["body",8],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting value"}}]}"#
    );
    server.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_body_is_refused_before_it_is_sent() {
    let (addr, server) = crate::socket::serve(items::app().body_limit(1024)).await;
    let answer = tokio::task::spawn_blocking(move || {
        // The headers promise 10 MB; none of it is sent, yet the server answers at once.
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .write_all(b"POST /items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{")
            .unwrap();
        let mut buf = [0u8; 4096];
        let n = stream.read(&mut buf).unwrap();
        String::from_utf8_lossy(&buf[..n]).into_owned()
    })
    .await
    .unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 413 Payload Too Large\r\n"),
        "{answer}"
    );
    assert!(
        answer.ends_with(r#"{"detail":"Payload Too Large"}"#),
        "{answer}"
    );
    // The server goes on serving.
    let next = tokio::task::spawn_blocking(move || {
        raw_request(
            addr,
            "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
    })
    .await
    .unwrap();
    assert_eq!(body_of(&next), r#"{"message":"Hello, World!"}"#);
    server.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_requests_in_flight() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = App::empty().mount(fastrs::routes![slow]);
    let server = tokio::spawn(app.serve_with_shutdown(listener, async {
        let _ = stopped.await;
    }));
    let clients: Vec<_> = (0..4)
        .map(|_| {
            tokio::task::spawn_blocking(move || {
                raw_request(
                    addr,
                    "GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                )
            })
        })
        .collect();
    // Signal once all four are in flight (a loaded machine starts clients slowly).
    let waiting = std::time::Instant::now();
    while SLOW_STARTED.load(std::sync::atomic::Ordering::SeqCst) < 4 {
        assert!(
            waiting.elapsed() < Duration::from_secs(20),
            "the requests never started"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    stop.send(()).unwrap();
    for client in clients {
        let answer = client.await.unwrap();
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
        assert_eq!(body_of(&answer), "done");
    }
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("the server stops once the requests are done")
        .unwrap()
        .unwrap();
    assert!(TcpStream::connect(addr).is_err(), "no longer accepting");
}
