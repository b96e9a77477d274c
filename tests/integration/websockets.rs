//! WebSockets: `#[websocket]` routes read their parameters and dependencies before the
//! handshake is accepted, refuse it as FastAPI does, and close as the handler's outcome says.
//! In process through the `TestClient`; on a socket for the server's own limits and shutdown.

use std::time::Duration;

use fastrs::http::StatusCode;
use fastrs::prelude::*;
use fastrs::testing::TestClient;
use fastrs::websocket::{Message, WebSocketConfig, WebSocketError, close_code};

#[derive(Debug, Clone)]
struct Greeting(&'static str);

#[depends]
async fn token(
    #[query] token: Option<String>,
    #[cookie] session: Option<String>,
) -> Result<String, WebSocketException> {
    session
        .or(token)
        .ok_or_else(|| WebSocketException::new(close_code::POLICY_VIOLATION, "no token"))
}

#[depends]
fn teapot(#[header] x_tea: Option<String>) -> Result<(), HttpError> {
    match x_tea {
        Some(_) => Err(HttpError::new(StatusCode::IM_A_TEAPOT, "I am a teapot")),
        None => Ok(()),
    }
}

/// Every kind of parameter, read before the handshake: says what it read, then ends.
#[websocket("/items/<item_id>/ws")]
async fn item_ws(
    ws: WebSocket,
    item_id: String,
    q: Option<i32>,
    cookie_or_token: Depends<token>,
    _tea: Depends<teapot>,
    greeting: State<Greeting>,
    #[header] x_client: Option<String>,
) -> Result<(), WebSocketException> {
    ws.send_text(format!(
        "{} {}: item {item_id}, q {q:?}, token {}",
        greeting.0,
        x_client.unwrap_or_default(),
        *cookie_or_token
    ))
    .await?;
    Ok(())
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
struct Chat {
    #[schemars(length(min = 1))]
    text: String,
    count: u32,
}

/// Echoes JSON messages validated by `Chat`; an invalid one gets its errors back.
#[websocket("/json")]
async fn json_echo(mut ws: WebSocket) -> Result<(), WebSocketException> {
    loop {
        match ws.recv_json::<Chat>().await {
            Ok(chat) => ws.send_json(&chat).await?,
            Err(WebSocketError::Invalid(errors)) => {
                ws.send_json(&json!({ "errors": errors })).await?;
            }
            Err(other) => return Err(other.into()),
        }
    }
}

/// Closes as told by the first message.
#[websocket("/close")]
async fn close_as_told(mut ws: WebSocket) -> Result<(), WebSocketException> {
    match ws.recv_text().await?.as_str() {
        "return" => Ok(()),
        "exception" => Err(WebSocketException::new(4001, "told to")),
        "invalid" => {
            let chat = ws.recv_json::<Chat>().await?;
            ws.send_json(&chat).await?;
            Ok(())
        }
        "close" => {
            ws.close(4002, "closed by the handler").await?;
            // Closed: sending fails with the handler's own close.
            let again = ws.send_text("late").await.unwrap_err();
            assert_eq!(again.code, 4002);
            Ok(())
        }
        "error" => Err(WebSocketException::from(
            WebSocketError::UnexpectedMessage { expected: "bytes" },
        )),
        "panic" => panic!("the handler panicked"),
        other => Err(WebSocketException::new(4000, other)),
    }
}

/// An HTTP error returned after the handshake: closed with 1011.
#[websocket("/http-error")]
async fn http_error_after(mut ws: WebSocket) -> Result<(), HttpError> {
    let _ = ws.recv().await;
    Err(HttpError::new(StatusCode::CONFLICT, "too late"))
}

/// Binary messages echoed; a sender on another task.
#[websocket("/split")]
async fn split(ws: WebSocket) -> Result<(), WebSocketException> {
    let (sender, mut receiver) = ws.split();
    let (tx, mut rx) = tokio::sync::mpsc::channel::<bytes_of::Bytes>(4);
    let forward = tokio::spawn(async move {
        while let Some(bytes) = rx.recv().await {
            if sender.send_bytes(bytes).await.is_err() {
                break;
            }
        }
    });
    loop {
        match receiver.recv_bytes().await {
            Ok(bytes) => {
                let _ = tx.send(bytes).await;
            }
            Err(WebSocketError::Disconnected(_)) => break,
            Err(other) => return Err(other.into()),
        }
    }
    drop(tx);
    let _ = forward.await;
    Ok(())
}

mod bytes_of {
    pub(crate) use fastrs::axum::body::Bytes;
}

#[get("/http")]
async fn http_only() -> &'static str {
    "http"
}

#[websocket("/need")]
async fn need(ws: WebSocket, n: u32) -> Result<(), WebSocketException> {
    ws.send_text(n.to_string()).await?;
    Ok(())
}

fn app() -> App {
    App::scoped(module_path!()).state(Greeting("hello"))
}

fn client() -> TestClient {
    TestClient::new(app())
}

#[tokio::test]
async fn the_tutorial_endpoint_answers_as_in_fastapis_tutorial() {
    let client = TestClient::new(fastrs_tests::ws_tutorial::app());
    let mut ws = client
        .websocket("/items/foo/ws?token=abc&q=3")
        .connect()
        .await
        .unwrap();
    assert_eq!(ws.response().status(), 101);
    ws.send_text("hi").await;
    assert_eq!(
        ws.recv_text().await.unwrap(),
        "Session cookie or query token value is: abc"
    );
    assert_eq!(ws.recv_text().await.unwrap(), "Query parameter q is: 3");
    assert_eq!(
        ws.recv_text().await.unwrap(),
        "Message text was: hi, for item ID: foo"
    );
    ws.close(1000, "").await;
    let mut echo = client.websocket("/ws").connect().await.unwrap();
    echo.send_text("there").await;
    assert_eq!(echo.recv_text().await.unwrap(), "Message text was: there");
}

#[tokio::test]
async fn every_kind_of_parameter_is_read_before_accepting() {
    let client = client();
    let mut ws = client
        .websocket("/items/foo/ws?token=abc&q=3")
        .header("x-client", "tests")
        .connect()
        .await
        .unwrap();
    assert_eq!(
        ws.recv_text().await.unwrap(),
        "hello tests: item foo, q Some(3), token abc"
    );
    assert_eq!(ws.closed().await.code, 1000);
    // A cookie is read too.
    let mut ws = client
        .websocket("/items/bar/ws")
        .cookie("session", "from-cookie")
        .connect()
        .await
        .unwrap();
    assert_eq!(
        ws.recv_text().await.unwrap(),
        "hello : item bar, q None, token from-cookie"
    );
}

#[tokio::test]
async fn invalid_parameters_refuse_the_handshake_with_1008_and_the_errors_as_json() {
    let refused = client()
        .websocket("/items/foo/ws?token=abc&q=x")
        .connect()
        .await
        .unwrap_err();
    assert_eq!(refused.status(), 403);
    assert_eq!(refused.response().text(), "");
    assert_eq!(
        refused.response().header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(refused.close_code(), Some(1008));
    let errors: Value = serde_json::from_str(refused.close_reason().unwrap()).unwrap();
    assert_eq!(
        errors,
        json!([{
            "type": "int_parsing",
            "loc": ["query", "q"],
            "msg": "Input should be a valid integer, unable to parse string as an integer",
            "input": "x"
        }])
    );
    let refused = client().websocket("/need").connect().await.unwrap_err();
    assert_eq!(refused.status(), 403);
    assert_eq!(
        serde_json::from_str::<Value>(refused.close_reason().unwrap()).unwrap(),
        json!([{"type": "missing", "loc": ["query", "n"], "msg": "Field required", "input": null}])
    );
}

#[tokio::test]
async fn a_dependency_refuses_with_its_close_code_or_answers_its_http_error() {
    let refused = client()
        .websocket("/items/foo/ws")
        .connect()
        .await
        .unwrap_err();
    assert_eq!(refused.status(), 403);
    assert_eq!(refused.close_code(), Some(1008));
    assert_eq!(refused.close_reason(), Some("no token"));
    let refused = client()
        .websocket("/items/foo/ws?token=a")
        .header("x-tea", "1")
        .connect()
        .await
        .unwrap_err();
    assert_eq!(refused.status(), 418);
    assert_eq!(refused.close_code(), None);
    crate::assert_answer(refused.response(), 418, r#"{"detail":"I am a teapot"}"#);
}

#[tokio::test]
async fn messages_are_validated_as_a_body_and_the_handler_decides() {
    let client = client();
    let mut ws = client.websocket("/json").connect().await.unwrap();
    ws.send_json(&json!({"text": "hi", "count": 2})).await;
    assert_eq!(
        ws.recv_json::<Value>().await.unwrap(),
        json!({"text": "hi", "count": 2})
    );
    ws.send_json(&json!({"text": "", "count": "x"})).await;
    assert_eq!(
        ws.recv_json::<Value>().await.unwrap(),
        json!({"errors": [
            {
                "type": "string_too_short",
                "loc": ["body", "text"],
                "msg": "String should have at least 1 character",
                "input": "",
                "ctx": {"min_length": 1}
            },
            {
                "type": "int_parsing",
                "loc": ["body", "count"],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "x"
            }
        ]})
    );
    ws.send_text("{not json").await;
    let answer = ws.recv_json::<Value>().await.unwrap();
    assert_eq!(answer["errors"][0]["type"], "json_invalid");
    assert_eq!(answer["errors"][0]["loc"], json!(["body", 1]));
    // Binary messages are JSON too.
    ws.send_bytes(br#"{"text":"b","count":1}"#.to_vec()).await;
    assert_eq!(
        ws.recv_json::<Value>().await.unwrap(),
        json!({"text": "b", "count": 1})
    );
}

/// The close code of `/close` told `what` (and, for `invalid`, sent `then`).
async fn closed_with(what: &str, then: Option<Value>) -> (u16, String) {
    let client = client();
    let mut ws = client.websocket("/close").connect().await.unwrap();
    ws.send_text(what).await;
    if let Some(then) = then {
        ws.send_json(&then).await;
    }
    let closed = ws.closed().await;
    (closed.code, closed.reason)
}

#[tokio::test]
async fn the_handler_outcome_is_the_close_code() {
    assert_eq!(closed_with("return", None).await, (1000, String::new()));
    assert_eq!(
        closed_with("exception", None).await,
        (4001, "told to".to_owned())
    );
    assert_eq!(
        closed_with("close", None).await,
        (4002, "closed by the handler".to_owned())
    );
    assert_eq!(
        closed_with("error", None).await,
        (1003, "expected a bytes message".to_owned())
    );
    assert_eq!(closed_with("panic", None).await, (1011, String::new()));
    // An invalid message with `?`: 1008 and the errors as JSON, cut to 123 bytes on the wire.
    let (code, reason) = closed_with("invalid", Some(json!({"count": 1}))).await;
    assert_eq!(code, 1008);
    assert_eq!(
        reason,
        r#"[{"type":"missing","loc":["body","text"],"msg":"Field required","input":{"count":1}}]"#
    );
    let client = client();
    let mut ws = client.websocket("/http-error").connect().await.unwrap();
    ws.send_text("x").await;
    assert_eq!(ws.closed().await.code, close_code::INTERNAL_ERROR);
}

#[tokio::test]
async fn a_split_websocket_sends_from_another_task() {
    let client = client();
    let mut ws = client.websocket("/split").connect().await.unwrap();
    for i in 0..5u8 {
        ws.send_bytes(vec![i; 3]).await;
    }
    for i in 0..5u8 {
        assert_eq!(ws.recv().await.unwrap(), Message::Binary(vec![i; 3].into()));
    }
    ws.send_text("text").await;
    assert_eq!(ws.closed().await.code, 1003);
}

#[tokio::test]
async fn requests_that_are_not_handshakes_do_not_reach_websocket_routes() {
    let client = client();
    // As FastAPI: a websocket path is not found by HTTP requests.
    crate::assert_answer(
        &client.get("/need").send().await,
        404,
        r#"{"detail":"Not Found"}"#,
    );
    crate::assert_answer(
        &client.post("/need").send().await,
        404,
        r#"{"detail":"Not Found"}"#,
    );
    // A handshake to a path with no websocket route is refused.
    for path in ["/nowhere", "/http"] {
        let refused = client.websocket(path).connect().await.unwrap_err();
        assert_eq!(refused.status(), 403, "{path}");
        assert_eq!(refused.response().text(), "");
        assert_eq!(refused.close_code(), None);
    }
    crate::assert_answer(&client.get("/http").send().await, 200, "http");
}

#[tokio::test]
async fn a_bad_handshake_answers_400_in_the_words_of_uvicorn() {
    let client = client();
    let handshake = |version: &'static str, key: Option<&'static str>| {
        let mut request = client
            .get("/need?n=1")
            .header("upgrade", "websocket")
            .header("connection", "Upgrade")
            .header("sec-websocket-version", version);
        if let Some(key) = key {
            request = request.header("sec-websocket-key", key);
        }
        request.send()
    };
    crate::assert_answer(
        &handshake("12", Some("dGhlIHNhbXBsZSBub25jZQ==")).await,
        400,
        "Failed to open a WebSocket connection: invalid Sec-WebSocket-Version header: 12.\n",
    );
    crate::assert_answer(
        &handshake("13", None).await,
        400,
        "Failed to open a WebSocket connection: missing Sec-WebSocket-Key header.\n",
    );
    crate::assert_answer(
        &handshake("13", Some("abc")).await,
        400,
        "Failed to open a WebSocket connection: invalid Sec-WebSocket-Key header: abc.\n",
    );
    // A good one sent as a plain request: accepted, though nothing takes the connection.
    let accepted = handshake("13", Some("dGhlIHNhbXBsZSBub25jZQ==")).await;
    assert_eq!(accepted.status(), 101);
    assert_eq!(
        accepted.header("sec-websocket-accept"),
        Some("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    );
    crate::assert_answer(&client.get("/http").send().await, 200, "http");
}

#[test]
fn websocket_routes_are_listed_but_not_documented() {
    let app = app();
    let routes: Vec<String> = app
        .routes()
        .iter()
        .map(|r| format!("{} {}", r.def().method, r.path()))
        .collect();
    assert!(
        routes.contains(&"WEBSOCKET /items/<item_id>/ws".to_owned()),
        "{routes:?}"
    );
    let document = app.openapi().unwrap().to_pretty_json();
    assert!(document.contains("\"/http\""));
    assert!(!document.contains("/items/{item_id}/ws"), "{document}");
    assert!(!document.contains("\"/json\""));
}

#[tokio::test]
async fn the_message_size_limit_closes_with_1009() {
    let client =
        TestClient::new(app().websocket_config(WebSocketConfig::new().max_message_size(1024)));
    let mut ws = client.websocket("/split").connect().await.unwrap();
    ws.send_bytes(vec![1u8; 1024]).await;
    assert_eq!(ws.recv_bytes().await.unwrap().len(), 1024);
    ws.send_bytes(vec![1u8; 1025]).await;
    assert_eq!(ws.closed().await.code, close_code::MESSAGE_TOO_BIG);
}

#[tokio::test]
async fn a_client_that_does_not_answer_pings_is_closed_with_1011() {
    let config = WebSocketConfig::new()
        .ping_interval(Some(Duration::from_millis(50)))
        .ping_timeout(Some(Duration::from_millis(100)));
    let client = TestClient::new(app().websocket_config(config));
    // A client that reads answers the pings: still open after many intervals.
    let mut ws = client.websocket("/json").connect().await.unwrap();
    let reading = tokio::time::timeout(Duration::from_millis(400), ws.recv()).await;
    assert!(
        reading.is_err(),
        "closed while answering pings: {reading:?}"
    );
    ws.send_json(&json!({"text": "still", "count": 1})).await;
    assert_eq!(ws.recv_json::<Value>().await.unwrap()["text"], "still");
    // One that reads nothing for longer than the timeout does not: closed.
    let mut ws = client.websocket("/json").connect().await.unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let closed = ws.closed().await;
    assert_eq!(
        (closed.code, closed.reason.as_str()),
        (1011, "keepalive ping timeout")
    );
}

/// On a socket, with a real client: the keep-alive timer does not touch an open websocket,
/// and the server's shutdown closes it with 1001, then waits for it.
#[tokio::test]
async fn on_a_socket_the_shutdown_closes_open_websockets_with_1001() {
    use futures_util::{SinkExt as _, StreamExt as _};
    use tokio_tungstenite::tungstenite::Message as Frame;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = app()
        .keep_alive_timeout(Some(Duration::from_millis(100)))
        .grace_period(Duration::from_secs(5));
    let server = tokio::spawn(app.serve_with_shutdown(listener, async {
        let _ = stopped.await;
    }));
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut ws, response) = tokio_tungstenite::client_async(format!("ws://{addr}/json"), stream)
        .await
        .unwrap();
    assert_eq!(response.status(), 101);
    assert_eq!(
        response.headers()["sec-websocket-accept"].len(),
        28,
        "{response:?}"
    );
    // Well past the keep-alive timeout: still open.
    tokio::time::sleep(Duration::from_millis(350)).await;
    ws.send(Frame::text(r#"{"text":"late","count":3}"#))
        .await
        .unwrap();
    let echoed = ws.next().await.unwrap().unwrap();
    assert_eq!(echoed, Frame::text(r#"{"text":"late","count":3}"#));
    let started = std::time::Instant::now();
    stop.send(()).unwrap();
    let close = ws.next().await.unwrap().unwrap();
    let Frame::Close(Some(frame)) = close else {
        panic!("expected a close frame, got {close:?}");
    };
    assert_eq!(u16::from(frame.code), 1001);
    // The client's reply ends the connection; the server stops well within its grace.
    while let Some(Ok(_)) = ws.next().await {}
    tokio::time::timeout(Duration::from_secs(3), server)
        .await
        .expect("the server stops once the websocket closed")
        .unwrap()
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(3));
}

/// The refusals on the wire, byte for byte where uvicorn's are pinned.
#[tokio::test]
async fn on_a_socket_refusals_are_uvicorns() {
    let (addr, _server) = crate::socket::serve(app()).await;
    let handshake = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
    let answers = tokio::task::spawn_blocking(move || {
        [
            format!("GET /nowhere HTTP/1.1\r\nHost: x\r\n{handshake}\r\n"),
            format!("GET /need HTTP/1.1\r\nHost: x\r\n{handshake}\r\n"),
            format!("GET /items/a/ws?token=t HTTP/1.1\r\nHost: x\r\nX-Tea: 1\r\n{handshake}\r\n"),
        ]
        .map(|request| crate::socket::raw_request(addr, &request))
    })
    .await
    .unwrap();
    for answer in &answers[..2] {
        assert!(answer.starts_with("HTTP/1.1 403 Forbidden\r\n"), "{answer}");
        assert!(answer.contains("content-length: 0\r\n"), "{answer}");
        assert!(
            answer.contains("content-type: text/plain; charset=utf-8\r\n"),
            "{answer}"
        );
        assert!(answer.ends_with("\r\n\r\n"), "{answer}");
    }
    assert!(
        answers[2].starts_with("HTTP/1.1 418 I'm a teapot\r\n"),
        "{}",
        answers[2]
    );
    assert!(
        answers[2].ends_with(r#"{"detail":"I am a teapot"}"#),
        "{}",
        answers[2]
    );
}
