//! Streamed answers: bytes as produced (`Stream`), JSON Lines and Server-Sent Events, on the
//! wire and in the document.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use fastrs::http::{HeaderName, HeaderValue, StatusCode};
use fastrs::prelude::*;
use fastrs::response::{Event, JsonLines, Sse, Stream};
use fastrs::testing::TestClient;
use futures_util::stream;
use serde_json::{Value, json};

use crate::assert_answer;
use crate::socket::serve;

#[derive(Serialize, JsonSchema)]
struct Item {
    name: String,
    price: f64,
}

#[get("/text")]
async fn text() -> Stream {
    Stream::new(stream::iter(["a", "b", "c"])).media_type("text/plain")
}

#[get("/bytes")]
async fn raw_bytes() -> Stream {
    let pieces = vec![Ok::<_, std::io::Error>(vec![0u8, 1]), Ok(vec![2])];
    Stream::new(stream::iter(pieces))
        .status(StatusCode::CREATED)
        .header(
            HeaderName::from_static("x-kind"),
            HeaderValue::from_static("raw"),
        )
}

#[get("/csv")]
async fn csv() -> Stream {
    Stream::new(stream::iter([String::from("a,b\n")])).media_type("text/csv; charset=latin-1")
}

#[get("/items/stream")]
async fn stream_items() -> JsonLines<Item> {
    let items = [("a", 1.0), ("b\nc", 2.5)].map(|(name, price)| Item {
        name: name.to_owned(),
        price,
    });
    JsonLines::new(stream::iter(items))
}

#[get("/sse/items")]
async fn sse_items() -> Sse<Item> {
    Sse::new(stream::iter([Item {
        name: "a".to_owned(),
        price: 1.0,
    }]))
}

#[get("/sse/events")]
async fn sse_events(#[header] last_event_id: Option<u32>) -> Sse<Event> {
    let events = vec![
        Event::json(&json!({"x": "y\nz"}))
            .and_then(|e| e.event("upd"))
            .and_then(|e| e.id("7"))
            .map(|e| e.retry(Duration::from_millis(100)).with_comment("c1\nc2")),
        Ok(Event::raw("line1\r\nline2\rline3")),
        Ok(Event::comment("only")),
        Event::json("hello"),
        Event::raw(format!("after {last_event_id:?}")).id("8"),
    ];
    Sse::events(stream::iter(events))
}

#[get("/sse/idle")]
async fn sse_idle() -> Sse<Event> {
    let events = stream::iter([0u64, 400]).then(|wait| async move {
        tokio::time::sleep(Duration::from_millis(wait)).await;
        Event::raw(format!("after {wait}"))
    });
    Sse::events(events).keep_alive(Some(Duration::from_millis(60)))
}

use futures_util::StreamExt;

fn client() -> TestClient {
    TestClient::new(App::empty().mount(fastrs::routes![
        text,
        raw_bytes,
        csv,
        stream_items,
        sse_items,
        sse_events,
        sse_idle
    ]))
}

#[tokio::test]
async fn a_stream_of_bytes_has_no_length_and_text_gets_a_charset() {
    let c = client();
    let r = c.get("/text").await;
    assert_answer(&r, 200, "abc");
    assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
    assert_eq!(r.header("content-length"), None);
    let r = c.get("/bytes").await;
    assert_eq!(r.status(), 201);
    assert_eq!(r.bytes().as_ref(), [0, 1, 2]);
    assert_eq!(r.header("content-type"), None);
    assert_eq!(r.header("x-kind"), Some("raw"));
    let r = c.get("/csv").await;
    assert_eq!(r.header("content-type"), Some("text/csv; charset=latin-1"));
}

#[tokio::test]
async fn a_stream_of_models_is_json_lines() {
    let r = client().get("/items/stream").await;
    assert_answer(
        &r,
        200,
        "{\"name\":\"a\",\"price\":1.0}\n{\"name\":\"b\\nc\",\"price\":2.5}\n",
    );
    assert_eq!(r.header("content-type"), Some("application/jsonl"));
}

#[tokio::test]
async fn events_are_written_in_fastapis_order_and_format() {
    let c = client();
    let r = c.get("/sse/events").header("last-event-id", "6").await;
    assert_answer(
        &r,
        200,
        concat!(
            ": c1\n: c2\nevent: upd\ndata: {\"x\":\"y\\nz\"}\nid: 7\nretry: 100\n\n",
            "data: line1\ndata: line2\ndata: line3\n\n",
            ": only\n\n",
            "data: \"hello\"\n\n",
            "data: after Some(6)\nid: 8\n\n",
        ),
    );
    assert_eq!(
        r.header("content-type"),
        Some("text/event-stream; charset=utf-8")
    );
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    assert_eq!(r.header("x-accel-buffering"), Some("no"));
    let r = c.get("/sse/items").await;
    assert_answer(&r, 200, "data: {\"name\":\"a\",\"price\":1.0}\n\n");
    // The Last-Event-ID header is a header parameter like any.
    let r = c.get("/sse/events").header("last-event-id", "x").await;
    assert_eq!(r.status(), 422);
}

#[tokio::test]
async fn an_idle_event_stream_pings() {
    let r = client().get("/sse/idle").await;
    let text = r.text();
    assert!(text.starts_with("data: after 0\n\n: ping\n\n"), "{text}");
    assert!(text.ends_with(": ping\n\ndata: after 400\n\n"), "{text}");
    assert_eq!(fastrs::response::KEEP_ALIVE, Duration::from_secs(15));
}

#[test]
fn a_newline_in_an_events_type_or_id_is_refused_when_built() {
    let error = Event::raw("x").event("a\nb").unwrap_err();
    assert_eq!(error.to_string(), "SSE 'event' must be a single line");
    let error = Event::raw("x").id("a\rb").unwrap_err();
    assert_eq!(error.to_string(), "SSE 'id' must be a single line");
    let error = Event::raw("x").id("a\0b").unwrap_err();
    assert_eq!(
        error.to_string(),
        "SSE 'id' must not contain null characters"
    );
}

#[test]
fn streams_are_documented_by_their_items() {
    let app = App::empty().mount(fastrs::routes![stream_items, sse_items, sse_events, text]);
    let document: Value = serde_json::from_slice(&app.openapi().unwrap().to_json()).unwrap();
    let ok = |path: &str| document["paths"][path]["get"]["responses"]["200"]["content"].clone();
    assert_eq!(
        ok("/items/stream"),
        json!({"application/jsonl": {"itemSchema": {"$ref": "#/components/schemas/Item"}}})
    );
    assert_eq!(
        serde_json::to_string(&ok("/sse/items")).unwrap(),
        r##"{"text/event-stream":{"itemSchema":{"type":"object","properties":{"data":{"type":"string","contentMediaType":"application/json","contentSchema":{"$ref":"#/components/schemas/Item"}},"event":{"type":"string"},"id":{"type":"string"},"retry":{"type":"integer","minimum":0}},"required":["data"]}}}"##
    );
    assert_eq!(
        serde_json::to_string(&ok("/sse/events")).unwrap(),
        r#"{"text/event-stream":{"itemSchema":{"type":"object","properties":{"data":{"type":"string"},"event":{"type":"string"},"id":{"type":"string"},"retry":{"type":"integer","minimum":0}}}}}"#
    );
    // A stream of bytes is any content, as FastAPI documents a `StreamingResponse`.
    assert_eq!(ok("/text"), json!({"application/json": {"schema": {}}}));
    assert!(document["components"]["schemas"]["Item"].is_object());
}

/// The pieces produced so far by `/endless`, and whether its stream was dropped.
static PRODUCED: AtomicUsize = AtomicUsize::new(0);
static DROPPED: AtomicBool = AtomicBool::new(false);
/// Pieces `/gated` may produce.
static GATE: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(0);
static GATED_DROPPED: AtomicBool = AtomicBool::new(false);

/// Sets its flag when dropped, with the stream that owns it.
struct OnDrop(&'static AtomicBool);

impl Drop for OnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// 64 KiB pieces for as long as the client reads them.
#[get("/endless")]
async fn endless() -> Stream {
    let guard = OnDrop(&DROPPED);
    Stream::new(stream::repeat_with(move || {
        let _ = &guard;
        PRODUCED.fetch_add(1, Ordering::SeqCst);
        vec![b'x'; 64 * 1024]
    }))
}

/// An event each time the test opens the gate.
#[get("/gated")]
async fn gated() -> Sse<Event> {
    let guard = OnDrop(&GATED_DROPPED);
    let events = stream::unfold(0u32, move |n| {
        let _ = &guard;
        async move {
            GATE.acquire().await.unwrap().forget();
            Some((Event::raw(format!("event {n}")), n + 1))
        }
    });
    Sse::events(events).keep_alive(None)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_waits_for_a_slow_client_and_ends_when_it_leaves() {
    let (addr, _server) = serve(App::empty().mount(fastrs::routes![endless, gated])).await;
    // Backpressure: a client that reads nothing holds the producer back.
    let produced = tokio::task::spawn_blocking(move || {
        let mut socket = TcpStream::connect(addr).unwrap();
        socket
            .write_all(b"GET /endless HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        std::thread::sleep(Duration::from_millis(400));
        let before = PRODUCED.load(Ordering::SeqCst);
        let mut buffer = vec![0; 1 << 20];
        let mut read = 0;
        while read < 8 << 20 {
            read += socket.read(&mut buffer).unwrap();
        }
        std::thread::sleep(Duration::from_millis(100));
        (before, PRODUCED.load(Ordering::SeqCst))
    })
    .await
    .unwrap();
    eprintln!(
        "a client that reads nothing: {} pieces of 64 KiB produced",
        produced.0
    );
    // The socket's buffers hold a few MiB at most; the rest waits for the client.
    assert!(produced.0 < 160, "{} pieces produced unread", produced.0);
    assert!(
        produced.1 > produced.0 + 100,
        "reading resumes the producer"
    );
    // The client went away: the stream is dropped.
    let started = std::time::Instant::now();
    while !DROPPED.load(Ordering::SeqCst) {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the stream lives on"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // An event stream whose client leaves is dropped at the next write.
    let reader = tokio::task::spawn_blocking(move || {
        let socket = TcpStream::connect(addr).unwrap();
        (&socket)
            .write_all(b"GET /gated HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let mut reader = BufReader::new(socket);
        let mut line = String::new();
        while !line.starts_with("data: event 0") {
            line.clear();
            reader.read_line(&mut line).unwrap();
        }
    });
    GATE.add_permits(1);
    reader.await.unwrap();
    let mut writes = 0;
    while !GATED_DROPPED.load(Ordering::SeqCst) {
        assert!(writes < 3, "still alive after {writes} writes");
        GATE.add_permits(1);
        writes += 1;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    eprintln!("an event stream whose client left: dropped after {writes} write(s)");
    assert!(writes <= 1, "dropped after {writes} writes");
}
