//! Serving: hyper's HTTP/1 connections with fastrs' limits and timeouts, and graceful
//! shutdown.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::{Request, StatusCode};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tower::Service;

use crate::HttpError;

/// How the server reads requests and holds connections; every default can be changed on the
/// [`App`](crate::App).
#[derive(Debug, Clone)]
pub(crate) struct Limits {
    /// Longest request target (path and query), in bytes: 414 beyond.
    pub(crate) max_uri: usize,
    /// Longest header line (name and value), in bytes: 431 beyond.
    pub(crate) max_header_line: usize,
    /// Most header lines: 431 beyond.
    pub(crate) max_headers: usize,
    /// Largest request head (request line and headers), in bytes: 431 beyond.
    pub(crate) max_head: usize,
    /// Time to receive a request's head once its connection is waiting for one; the
    /// connection is closed after it (slowloris).
    pub(crate) header_read_timeout: Option<Duration>,
    /// Time a request's body has to arrive, from its head: 408 after it, and the connection
    /// is closed (slow POST).
    pub(crate) body_read_timeout: Option<Duration>,
    /// Time an idle keep-alive connection is kept.
    pub(crate) keep_alive_timeout: Option<Duration>,
    /// Time given to the requests in flight after the shutdown signal.
    pub(crate) grace_period: Duration,
    /// Most connections open at once; the next waits in the listen backlog.
    pub(crate) max_connections: Option<usize>,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_uri: 16 * 1024,
            max_header_line: 16 * 1024,
            max_headers: 100,
            max_head: 64 * 1024,
            header_read_timeout: Some(Duration::from_secs(10)),
            body_read_timeout: Some(Duration::from_secs(30)),
            keep_alive_timeout: Some(Duration::from_secs(5)),
            grace_period: Duration::from_secs(30),
            max_connections: None,
        }
    }
}

/// Serves `router` on `listener` until `signal`, then stops accepting, lets the requests in
/// flight finish within the grace period, and returns.
pub(crate) async fn serve(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    signal: impl Future<Output = ()> + Send + 'static,
    limits: Limits,
) -> std::io::Result<()> {
    // Every connection holds a receiver: `closed()` resolves once the last one is done.
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .max_headers(limits.max_headers)
        .max_header_size(limits.max_head);
    let slots = limits
        .max_connections
        .map(|max| std::sync::Arc::new(tokio::sync::Semaphore::new(max)));
    tokio::pin!(signal);
    loop {
        // At the connection cap, nothing is accepted until a connection closes.
        let slot = match &slots {
            Some(slots) => tokio::select! {
                slot = std::sync::Arc::clone(slots).acquire_owned() => slot.ok(),
                () = &mut signal => break,
            },
            None => None,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait, then accept again.
                    eprintln!("fastrs: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut signal => break,
        };
        let _ = stream.set_nodelay(true);
        let (io, idle) = crate::serve_idle::watched(stream, limits.keep_alive_timeout);
        let service = hyper_util::service::TowerToHyperService::new(Checked {
            router: router.clone(),
            limits: limits.clone(),
        });
        let connection = builder.serve_connection(TokioIo::new(io), service);
        let mut stopping = stopping.clone();
        tokio::spawn(async move {
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {
                    drop(slot);
                    return;
                }
                // Idle past the keep-alive timeout, or the server stops: the connection is
                // closed once its request in flight (if any) is answered.
                () = idle => {}
                _ = stopping.wait_for(|stop| *stop) => {}
            }
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
            drop(stopping);
            drop(slot);
        });
    }
    drop(listener);
    drop(stopping);
    let _ = stop.send(true);
    tokio::select! {
        () = stop.closed() => {}
        () = tokio::time::sleep(limits.grace_period) => {
            eprintln!(
                "fastrs: the grace period ({:?}) is over; closing the connections still open",
                limits.grace_period
            );
        }
    }
    Ok(())
}

/// The router behind the checks hyper does not make: the length of the request target and
/// of each header line.
#[derive(Clone)]
struct Checked {
    router: axum::Router,
    limits: Limits,
}

impl Service<Request<Incoming>> for Checked {
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request<Incoming>) -> Self::Future {
        if let Some(refused) = refuse(&req, &self.limits) {
            return Box::pin(std::future::ready(Ok(refused)));
        }
        // RFC 9112 §6.3: a chunked request may also have carried a Content-Length (the parser
        // drops it); its connection is closed after the answer, so nothing can be smuggled.
        let chunked = req.headers().contains_key(http::header::TRANSFER_ENCODING);
        let answer = match self.limits.body_read_timeout {
            Some(timeout) if !http_body::Body::is_end_stream(req.body()) => self
                .router
                .call(req.map(|body| Body::new(crate::serve_body::Timed::new(body, timeout)))),
            _ => self.router.call(req.map(Body::new)),
        };
        Box::pin(async move {
            let mut response = answer.await?;
            if chunked {
                response.headers_mut().insert(
                    http::header::CONNECTION,
                    http::HeaderValue::from_static("close"),
                );
            }
            Ok(response)
        })
    }
}

/// The answer to a request over the limits hyper does not check, if it is.
fn refuse(req: &Request<Incoming>, limits: &Limits) -> Option<Response> {
    let target = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if target > limits.max_uri {
        return Some(closing(HttpError::from_status(StatusCode::URI_TOO_LONG)));
    }
    let longest = req
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .max()
        .unwrap_or(0);
    if longest > limits.max_header_line {
        return Some(closing(HttpError::from_status(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        )));
    }
    None
}

/// An error answer after which the connection is closed.
fn closing(error: HttpError) -> Response {
    let mut response = error.into_response();
    response.headers_mut().insert(
        http::header::CONNECTION,
        http::HeaderValue::from_static("close"),
    );
    response
}

/// Resolves on Ctrl-C, or on SIGTERM on Unix.
pub(crate) async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    eprintln!("fastrs: shutting down, finishing the requests in flight");
}
