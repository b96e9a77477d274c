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
use hyper_util::rt::TokioIo;
use tower::Service;

use crate::error::HttpError;

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

/// The most headers hyper reads unless told otherwise.
const HYPER_MAX_HEADERS: usize = 100;

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_uri: 16 * 1024,
            max_header_line: 16 * 1024,
            max_headers: HYPER_MAX_HEADERS,
            max_head: 64 * 1024,
            header_read_timeout: Some(Duration::from_secs(10)),
            body_read_timeout: Some(Duration::from_secs(30)),
            keep_alive_timeout: Some(Duration::from_secs(5)),
            grace_period: Duration::from_secs(30),
            max_connections: None,
        }
    }
}

/// Serves `routing` on `listener` until `signal`, then stops accepting, lets the requests in
/// flight and the `background` tasks finish within the grace period, and returns.
pub(crate) async fn serve(
    listener: tokio::net::TcpListener,
    router: crate::middleware::AppService,
    app: &crate::context::AppContext,
    signal: impl Future<Output = ()> + Send + 'static,
    limits: Limits,
) -> std::io::Result<()> {
    // Every connection holds a receiver: `closed()` resolves once the last one is done.
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let mut builder = hyper::server::conn::http1::Builder::new();
    // The header read timeout is kept by each connection's watch (`serve_idle`), not by a
    // timer hyper would set for every request.
    builder
        .header_read_timeout(None)
        .max_header_size(limits.max_head);
    // Set only when it differs from hyper's own default: hyper then parses into a list
    // allocated per request, rather than into an array on the stack.
    if limits.max_headers != HYPER_MAX_HEADERS {
        builder.max_headers(limits.max_headers);
    }
    // The metrics' histograms take their samples into buckets every few seconds, also when
    // nobody scrapes them.
    #[cfg(feature = "metrics")]
    if let Some(metering) = router.metering() {
        let mut stopped = stopping.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(5));
            loop {
                tokio::select! {
                    _ = every.tick() => metering.upkeep(),
                    _ = stopped.wait_for(|stop| *stop) => break,
                }
            }
        });
    }
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
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: wait, then accept again.
                    crate::say::say_warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut signal => break,
        };
        let (stream, peer) = stream;
        let _ = stream.set_nodelay(true);
        // Held by the stream: by hyper until the connection ends, or by an upgrade (a
        // websocket) until it closes.
        let held = crate::serve_idle::Held {
            _slot: slot,
            _serving: stopping.clone(),
        };
        let (io, phase, watch) = crate::serve_idle::watched(
            stream,
            held,
            limits.keep_alive_timeout,
            limits.header_read_timeout,
        );
        let service = hyper_util::service::TowerToHyperService::new(Checked {
            router: router.clone(),
            limits: limits.clone(),
            phase,
            // The request's span (feature `tracing`) names the client too.
            client: (app.client_addr || cfg!(feature = "tracing")).then_some(peer),
        });
        let connection = builder
            .serve_connection(TokioIo::new(io), service)
            .with_upgrades();
        // The connection's watch runs beside it, and tells it when to end: the connection's
        // own task then polls one channel per wake-up, not the watch's timer.
        let (mut tell, told) = tokio::sync::oneshot::channel::<Ending>();
        let mut watching = stopping.clone();
        tokio::spawn(async move {
            tokio::select! {
                expired = watch => {
                    let _ = tell.send(match expired {
                        crate::serve_idle::Expired::Idle => Ending::Graceful,
                        crate::serve_idle::Expired::Head => Ending::Now,
                    });
                }
                _ = watching.wait_for(|stop| *stop) => {
                    let _ = tell.send(Ending::Graceful);
                }
                () = tell.closed() => {}
            }
        });
        tokio::spawn(async move {
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                // Idle past the keep-alive timeout, or the server stops: the connection is
                // closed once its request in flight (if any) is answered. A head slower than
                // the header timeout closes it at once.
                ending = told => if ending == Ok(Ending::Graceful) {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                },
            }
        });
    }
    drop(listener);
    drop(stopping);
    let _ = stop.send(true);
    // The open websockets are sent a close frame with 1001 (going away).
    app.closing.start();
    let grace = tokio::time::sleep(limits.grace_period);
    tokio::pin!(grace);
    tokio::select! {
        () = stop.closed() => {}
        () = &mut grace => {
            crate::say::say_warn!(
                "the grace period ({:?}) is over; closing the connections still open",
                limits.grace_period
            );
        }
    }
    // The answers are sent: the background tasks they started finish, within the same period.
    tokio::select! {
        () = app.background.idle() => {}
        () = &mut grace => {
            for abandoned in app.background.abandoned() {
                crate::say::say_warn!(
                    "the grace period ({:?}) is over; abandoning the background tasks of {abandoned}",
                    limits.grace_period
                );
            }
        }
    }
    // The spans not exported yet are sent (OpenTelemetry), off the runtime's threads: the
    // exporter blocks until its collector answers.
    #[cfg(feature = "otel")]
    let _ = tokio::task::spawn_blocking(crate::observability::shutdown).await;
    Ok(())
}

/// How a connection's watch ends it.
#[derive(Debug, PartialEq, Eq)]
enum Ending {
    /// After its request in flight, if any.
    Graceful,
    /// At once.
    Now,
}

/// The routing behind the checks hyper does not make: the length of the request target and
/// of each header line.
#[derive(Clone)]
struct Checked {
    router: crate::middleware::AppService,
    limits: Limits,
    /// The connection's phase, marked as serving once a head is read.
    phase: std::sync::Arc<crate::serve_idle::Phase>,
    /// The client's address, when a route reads it (`ClientAddr`).
    client: Option<std::net::SocketAddr>,
}

impl Service<Request<Incoming>> for Checked {
    type Response = Response;
    type Error = Infallible;
    type Future = CheckedAnswer;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request<Incoming>) -> CheckedAnswer {
        self.phase.serving();
        if let Some(refused) = refuse(&req, &self.limits) {
            return CheckedAnswer::Refused(Some(refused));
        }
        // RFC 9112 §6.3: a chunked request may also have carried a Content-Length (the parser
        // drops it); its connection is closed after the answer, so nothing can be smuggled. A
        // body of unknown length is a chunked one.
        let has_body = !http_body::Body::is_end_stream(req.body());
        let chunked = has_body && http_body::Body::size_hint(req.body()).exact().is_none();
        let answer = match self.limits.body_read_timeout {
            Some(timeout) if has_body => self.router.answer_from(
                req.map(|body| Body::new(crate::serve_body::Timed::new(body, timeout))),
                self.client,
            ),
            _ => self.router.answer_from(req.map(Body::new), self.client),
        };
        CheckedAnswer::Routed { answer, chunked }
    }
}

/// The answer of [`Checked`]: refused at once, or the router's, closing the connection after
/// a chunked request. A plain enum rather than a boxed future: one allocation less per request
/// (hence the size difference, which boxing the larger variant would cost every request).
#[allow(clippy::large_enum_variant)]
enum CheckedAnswer {
    Refused(Option<Response>),
    Routed {
        answer: crate::middleware::AppFuture,
        chunked: bool,
    },
}

impl Future for CheckedAnswer {
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Nothing here is pinned structurally but the router's future, which is `Unpin`.
        match self.get_mut() {
            CheckedAnswer::Refused(response) => {
                Poll::Ready(Ok(response.take().expect("polled after completion")))
            }
            CheckedAnswer::Routed { answer, chunked } => {
                let Poll::Ready(Ok(mut response)) = Pin::new(answer).poll(cx) else {
                    return Poll::Pending;
                };
                if *chunked {
                    response.headers_mut().insert(
                        http::header::CONNECTION,
                        http::HeaderValue::from_static("close"),
                    );
                }
                Poll::Ready(Ok(response))
            }
        }
    }
}

/// The answer to a request over the limits hyper does not check, if it is.
fn refuse(req: &Request<Incoming>, limits: &Limits) -> Option<Response> {
    let target = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if target > limits.max_uri {
        return Some(closing(HttpError::from_status(StatusCode::URI_TOO_LONG)));
    }
    // One pass over the headers: the longest line, and how many `Host`s.
    let mut longest = 0;
    let mut hosts = 0;
    for (name, value) in req.headers() {
        longest = longest.max(name.as_str().len() + value.len());
        hosts += usize::from(name == http::header::HOST);
    }
    if longest > limits.max_header_line {
        return Some(closing(HttpError::from_status(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        )));
    }
    // RFC 9112 §3.2: an HTTP/1.1 request has exactly one `Host`; without it, or with two, a
    // proxy and the app could disagree about the host.
    if hosts != 1 && req.version() == http::Version::HTTP_11 {
        return Some(closing(HttpError::new(
            StatusCode::BAD_REQUEST,
            "Invalid host header",
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
    crate::say::say_info!("shutting down, finishing the requests in flight");
}
