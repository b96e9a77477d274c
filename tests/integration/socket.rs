//! The app on a real socket: the same answers as in process, and the server goes on serving.

use std::io::{Read, Write};
use std::net::TcpStream;

fn raw_request(addr: std::net::SocketAddr, request: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.write_all(request.as_bytes()).expect("write");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    response
}

fn body_of(response: &str) -> &str {
    response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b)
        .unwrap_or("")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_items_example_over_tcp() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(items::app().serve_on(listener));

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
