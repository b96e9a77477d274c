//! HTTP upgrades (the start of a websocket): the upgraded connection gets its stream, outlives
//! the keep-alive timer, counts under `max_connections`, and is waited for at shutdown.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use fastrs::App;
use fastrs::axum::body::Body;
use fastrs::axum::extract::Request;
use fastrs::axum::response::Response;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Switches to a protocol that echoes every byte back.
async fn echo(mut req: Request) -> Response {
    let upgrade = hyper::upgrade::on(&mut req);
    tokio::spawn(async move {
        let Ok(upgraded) = upgrade.await else {
            return;
        };
        let mut io = TokioIo::new(upgraded);
        let mut buffer = [0u8; 1024];
        loop {
            let n = match io.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if io.write_all(&buffer[..n]).await.is_err() {
                break;
            }
        }
    });
    Response::builder()
        .status(101)
        .header("connection", "upgrade")
        .header("upgrade", "echo")
        .body(Body::empty())
        .unwrap()
}

#[fastrs::get("/plain")]
async fn plain() -> &'static str {
    "plain"
}

fn app() -> App {
    App::empty()
        .mount(fastrs::routes![plain])
        .nest_axum(
            "/raw",
            fastrs::axum::Router::new().route("/echo", fastrs::axum::routing::get(echo)),
        )
        .keep_alive_timeout(Some(Duration::from_millis(150)))
        .max_connections(1)
        .grace_period(Duration::from_secs(5))
}

/// Connects and upgrades; the stream, past the 101 answer.
fn upgraded(addr: SocketAddr) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream
        .write_all(
            b"GET /raw/echo HTTP/1.1\r\nHost: x\r\nConnection: upgrade\r\nUpgrade: echo\r\n\r\n",
        )
        .unwrap();
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    assert_eq!(status.trim_end(), "HTTP/1.1 101 Switching Protocols");
    let mut line = String::new();
    while line != "\r\n" {
        line.clear();
        reader.read_line(&mut line).unwrap();
    }
    reader
}

fn echoes(reader: &mut BufReader<TcpStream>, text: &str) -> bool {
    if reader.get_mut().write_all(text.as_bytes()).is_err() {
        return false;
    }
    let mut back = vec![0u8; text.len()];
    reader.read_exact(&mut back).is_ok() && back == text.as_bytes()
}

/// A plain GET on a new connection: its status line, or nothing within `wait`.
fn get_within(addr: SocketAddr, wait: Duration) -> Option<String> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(wait)).unwrap();
    stream
        .write_all(b"GET /plain HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    answer.lines().next().map(str::to_owned)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upgraded_connection_lives_on_and_is_counted() {
    let (addr, _server) = crate::socket::serve(app()).await;
    tokio::task::spawn_blocking(move || {
        let mut connection = upgraded(addr);
        assert!(echoes(&mut connection, "hello"));
        // Quiet for longer than the keep-alive timeout: a websocket is not an idle connection.
        std::thread::sleep(Duration::from_millis(600));
        assert!(echoes(&mut connection, "still here"));
        // The cap is one connection: the upgraded one holds it.
        assert_eq!(get_within(addr, Duration::from_millis(400)), None);
        drop(connection);
        assert_eq!(
            get_within(addr, Duration::from_secs(5)).as_deref(),
            Some("HTTP/1.1 200 OK")
        );
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_waits_for_an_upgraded_connection() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app().serve_with_shutdown(listener, async {
        let _ = stopped.await;
    }));
    let mut connection = tokio::task::spawn_blocking(move || upgraded(addr))
        .await
        .unwrap();
    stop.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        !server.is_finished(),
        "the server left an upgraded connection behind"
    );
    let connection = tokio::task::spawn_blocking(move || {
        assert!(echoes(&mut connection, "during shutdown"));
        connection
    })
    .await
    .unwrap();
    let closed = Instant::now();
    drop(connection);
    tokio::time::timeout(Duration::from_secs(3), server)
        .await
        .expect("the server ends once the connection closes")
        .unwrap()
        .unwrap();
    assert!(closed.elapsed() < Duration::from_secs(3));
}
