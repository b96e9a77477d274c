//! Observability (feature `tracing`): a `tracing` span for every request, named by its route
//! template, never by its raw path, and [`init`], which logs the spans and events through
//! `tracing-subscriber`, as text or as JSON.
//!
//! Every request of an app is served inside a span `request` with the fields `method`,
//! `route` (`GET /items/{item_id}`, also as `otel.name`, the name OpenTelemetry exporters give
//! the span), `peer` (the client's address), `request_id` (with
//! [`App::request_ids`](crate::App::request_ids)), then `status` and `latency_ms` once the
//! answer is made, when an event `request finished` is logged at `INFO`. Without a subscriber
//! ever set, no span is made (one check of a flag).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;

use axum::response::Response;
use tracing::field::Empty;

/// The error [`try_init`] gives: a subscriber was already set, or `RUST_LOG` does not parse.
pub type InitError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Logs the requests' spans and events to standard error, filtered by `RUST_LOG` (`info` when
/// unset; targets and levels, `RUST_LOG=fastrs=debug,info`, as `tracing-subscriber`'s
/// `Targets` reads them, which needs no regular expression engine), as text, or as one JSON
/// object per line when `FASTRS_LOG_FORMAT=json`.
///
/// # Panics
///
/// When a subscriber is already set, or `RUST_LOG` does not parse ([`try_init`] says so
/// instead).
///
/// ```no_run
/// #[tokio::main]
/// async fn main() -> std::io::Result<()> {
///     fastrs::observability::init();
///     fastrs::App::new().request_ids().serve("127.0.0.1:8000").await
/// }
/// ```
pub fn init() {
    if let Err(error) = try_init() {
        panic!("fastrs::observability::init: {error}");
    }
}

/// [`init`], telling rather than panicking when it cannot.
pub fn try_init() -> Result<(), InitError> {
    use tracing_subscriber::layer::SubscriberExt as _;
    use tracing_subscriber::util::SubscriberInitExt as _;
    let filter: tracing_subscriber::filter::Targets = match std::env::var("RUST_LOG") {
        Ok(directives) if !directives.is_empty() => directives.parse()?,
        _ => "info".parse()?,
    };
    let json = std::env::var("FASTRS_LOG_FORMAT").is_ok_and(|format| format == "json");
    let registry = tracing_subscriber::registry().with(filter);
    // Colours only for a person reading a terminal: a file or a pipe gets plain text.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(ansi);
    if json {
        registry
            .with(layer.json().with_current_span(true))
            .try_init()?;
    } else {
        registry.with(layer).try_init()?;
    }
    Ok(())
}

/// The span of a request, disabled when nothing listens.
pub(crate) fn request_span(
    method: &http::Method,
    peer: Option<std::net::SocketAddr>,
) -> tracing::Span {
    tracing::info_span!(
        "request",
        method = %method,
        route = Empty,
        otel.name = Empty,
        peer = peer.map(display),
        request_id = Empty,
        status = Empty,
        latency_ms = Empty,
    )
}

/// Names the request being served by its route (`GET /items/{item_id}`), once routed.
pub(crate) fn record_route(route: &str) {
    // No subscriber was ever set: no span to name, and no dispatcher to ask.
    if !tracing::dispatcher::has_been_set() {
        return;
    }
    let span = tracing::Span::current();
    span.record("route", route);
    span.record("otel.name", route);
}

/// Notes the request's id on its span.
pub(crate) fn record_request_id(id: &str) {
    tracing::Span::current().record("request_id", id);
}

/// A request's answer on its way, polled inside its span; its status and latency are recorded
/// once it is made.
pub(crate) struct Traced<F> {
    pub(crate) answer: F,
    pub(crate) span: tracing::Span,
    pub(crate) started: Instant,
}

impl<F, E> Future for Traced<F>
where
    F: Future<Output = Result<Response, E>> + Unpin,
{
    type Output = Result<Response, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let _entered = this.span.enter();
        let Poll::Ready(answer) = Pin::new(&mut this.answer).poll(cx) else {
            return Poll::Pending;
        };
        if let Ok(response) = &answer {
            let latency = this.started.elapsed().as_secs_f64() * 1000.0;
            this.span.record("status", response.status().as_u16());
            this.span.record("latency_ms", latency);
            tracing::info!("request finished");
        }
        Poll::Ready(answer)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn without_a_subscriber_a_request_span_is_disabled() {
        let span = super::request_span(&http::Method::GET, None);
        assert!(span.is_disabled());
    }
}
