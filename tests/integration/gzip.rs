//! `GZip` (Starlette's `GZipMiddleware`; `tests/parity/gzipped.py` compares the two on every
//! case below and more), and a streamed answer readable chunk by chunk on a real socket.

use std::io::{BufRead, BufReader, Read, Write};

use fastrs::middleware::GZip;
use fastrs::prelude::*;
use fastrs::testing::TestClient;

mod routes {
    use fastrs::axum::body::Body;
    use fastrs::axum::response::Response;
    use fastrs::prelude::*;

    pub fn text(n: usize) -> String {
        "0123456789".repeat(n / 10 + 1)[..n].to_owned()
    }

    #[get("/text/<n>")]
    pub async fn plain(n: usize) -> String {
        text(n)
    }

    #[get("/png")]
    pub async fn png() -> Response {
        Response::builder()
            .header("content-type", "image/png")
            .body(Body::from(text(600)))
            .unwrap()
    }

    #[get("/vary")]
    pub async fn vary() -> Response {
        Response::builder()
            .header("vary", "Origin")
            .body(Body::from(text(600)))
            .unwrap()
    }

    /// Released by the test once it has read the first chunk.
    pub static GO_ON: tokio::sync::Notify = tokio::sync::Notify::const_new();

    /// `first`, then `second` once the test says so.
    #[get("/stream")]
    pub async fn stream() -> Response {
        let chunks = futures_util::stream::unfold(0, |n| async move {
            match n {
                0 => Some((Ok::<_, std::io::Error>("first chunk ".repeat(3)), 1)),
                1 => {
                    GO_ON.notified().await;
                    Some((Ok("second chunk".to_owned()), 2))
                }
                _ => None,
            }
        });
        Response::new(Body::from_stream(chunks))
    }
}

fn client(gzip: GZip) -> TestClient {
    TestClient::new(App::scoped(concat!(module_path!(), "::routes")).layer(gzip))
}

fn gunzip(bytes: &[u8]) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("a gzip stream");
    text
}

#[tokio::test]
async fn whole_bodies_from_500_bytes_are_compressed() {
    let c = client(GZip::new());
    let get = |path: &'static str| c.get(path).header("accept-encoding", "gzip, br");
    let small = get("/text/499").await;
    assert_eq!(small.text(), routes::text(499));
    assert_eq!(small.header("content-encoding"), None);
    assert_eq!(small.header("vary"), None);

    let large = get("/text/500").await;
    assert_eq!(large.status(), 200);
    assert_eq!(large.header("content-encoding"), Some("gzip"));
    assert_eq!(large.header("vary"), Some("Accept-Encoding"));
    assert_eq!(
        large.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(
        large.header("content-length"),
        Some(large.bytes().len().to_string().as_str())
    );
    assert!(large.bytes().len() < 100, "{} bytes", large.bytes().len());
    assert_eq!(gunzip(large.bytes()), routes::text(500));

    // Not asked for: sent as it is, but the answer varies with the header.
    let identity = c.get("/text/500").await;
    assert_eq!(identity.text(), routes::text(500));
    assert_eq!(identity.header("content-encoding"), None);
    assert_eq!(identity.header("vary"), Some("Accept-Encoding"));

    // Already compressed media types are left alone; an existing `Vary` is extended.
    let png = get("/png").await;
    assert_eq!(png.header("content-encoding"), None);
    assert_eq!(png.header("vary"), None);
    let vary = get("/vary").await;
    assert_eq!(vary.header("vary"), Some("Origin, Accept-Encoding"));
    assert_eq!(gunzip(vary.bytes()), routes::text(600));
}

#[tokio::test]
async fn the_minimum_size_level_and_exclusions_can_be_set() {
    let c = client(
        GZip::new()
            .minimum_size(10)
            .level(1)
            .exclude_content_types(["text/*"]),
    );
    let get = |path: &'static str| c.get(path).header("accept-encoding", "gzip");
    assert_eq!(get("/text/10").await.header("content-encoding"), None);
    assert_eq!(gunzip(get("/png").await.bytes()), routes::text(600));
    assert_eq!(gunzip(get("/vary").await.bytes()), routes::text(600));
    let c = client(GZip::new().minimum_size(10));
    let r = c.get("/text/10").header("accept-encoding", "gzip").await;
    assert_eq!(gunzip(r.bytes()), routes::text(10));
}

#[test]
fn a_level_above_9_stops_the_app() {
    let error = App::scoped(concat!(module_path!(), "::routes"))
        .layer(GZip::new().level(10))
        .try_into_router()
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("`GZip` level 10: the compression level goes from 0 to 9"),
        "{error}"
    );
}

/// Reads one chunk of a chunked body: its bytes, empty at the end.
fn read_chunk(reader: &mut impl BufRead) -> Vec<u8> {
    let mut size = String::new();
    reader.read_line(&mut size).unwrap();
    let size = usize::from_str_radix(size.trim_end(), 16).expect("a chunk size");
    let mut chunk = vec![0; size + 2];
    reader.read_exact(&mut chunk).unwrap();
    chunk.truncate(size);
    chunk
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_is_compressed_and_flushed_chunk_by_chunk() {
    let app = App::scoped(concat!(module_path!(), "::routes")).layer(GZip::new());
    let (addr, server) = crate::socket::serve(app).await;
    tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream
            .write_all(b"GET /stream HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
            .unwrap();
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        while !head.ends_with("\r\n\r\n") {
            reader.read_line(&mut head).unwrap();
        }
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(head.contains("content-encoding: gzip\r\n"), "{head}");
        assert!(head.contains("vary: Accept-Encoding\r\n"), "{head}");
        assert!(head.contains("transfer-encoding: chunked\r\n"), "{head}");
        assert!(!head.contains("content-length"), "{head}");
        // The first chunk decompresses on its own, before the second exists.
        let mut decoder = flate2::write::GzDecoder::new(Vec::new());
        decoder.write_all(&read_chunk(&mut reader)).unwrap();
        decoder.flush().unwrap();
        assert_eq!(
            String::from_utf8_lossy(decoder.get_ref()),
            "first chunk ".repeat(3)
        );
        routes::GO_ON.notify_one();
        loop {
            let chunk = read_chunk(&mut reader);
            if chunk.is_empty() {
                break;
            }
            decoder.write_all(&chunk).unwrap();
        }
        let text = decoder.finish().unwrap();
        assert_eq!(
            String::from_utf8(text).unwrap(),
            format!("{}second chunk", "first chunk ".repeat(3))
        );
    })
    .await
    .unwrap();
    server.abort();
}
