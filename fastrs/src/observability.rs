//! Observability (feature `tracing`): a `tracing` span for every request, named by its route
//! template, never by its raw path, and [`init`], which logs the spans and events through
//! `tracing-subscriber`, as text or as JSON.
//!
//! Every request of an app is served inside a span `request` with the fields `method`,
//! `route` (`GET /items/{item_id}`, also as `otel.name`, the name OpenTelemetry exporters give
//! the span), `peer` (the client's address), `request_id` (with
//! [`App::request_ids`](crate::App::request_ids)), then `status` and `latency_ms` once the
//! answer is made, when an event `request finished` is logged at `INFO` (the access log:
//! [`init`] turns it on, [`access_log`] with a subscriber of your own). Without a subscriber
//! ever set, no span is made (one check of a flag).

#[cfg(feature = "otel")]
mod otel;

#[cfg(feature = "otel")]
pub use otel::shutdown;
#[cfg(feature = "otel")]
pub(crate) use otel::{caller, exporting};

use std::sync::atomic::{AtomicBool, Ordering};

use axum::response::Response;
use tracing::field::{Empty, Field};

/// The error [`try_init`] gives: a subscriber was already set, or `RUST_LOG` does not parse.
pub type InitError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Logs the requests' spans and events (the access log among them) to standard error, filtered by `RUST_LOG` (`info` when
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
    // With the `otel` feature, the spans are exported too when an OTLP endpoint is set.
    #[cfg(feature = "otel")]
    let registry = registry.with(otel::layer()?);
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
    access_log(true);
    Ok(())
}

/// The span of a request, disabled when nothing listens: its route and its id given when they
/// are known (the routing names it otherwise, once it routes). A root: a request is no part of
/// whatever span the server's task may be in (an OpenTelemetry parent comes from the request's
/// `traceparent`), and the subscriber need not look for one.
pub(crate) fn request_span(
    method: &http::Method,
    peer: Option<std::net::SocketAddr>,
    route: Option<&str>,
    request_id: Option<&str>,
) -> tracing::Span {
    tracing::info_span!(
        parent: None,
        "request",
        method = method.as_str(),
        route = route,
        otel.name = route,
        peer = peer.map(display),
        request_id = request_id,
        status = Empty,
        latency_ms = Empty,
    )
}

/// Names the request being served by its route (`GET /items/{item_id}`), once routed, when
/// its span was made before the routing (middleware, or a rate limit counted in Redis, stood
/// between).
pub(crate) fn record_route(route: &'static str) {
    // No subscriber was ever set: no span to name, and no dispatcher to ask.
    if !tracing::dispatcher::has_been_set() {
        return;
    }
    let span = tracing::Span::current();
    span.record("route", route);
    span.record("otel.name", route);
}

/// Whether each answer logs `request finished` ([`access_log`]).
static ACCESS_LOG: AtomicBool = AtomicBool::new(false);

/// Logs an event `request finished` at `INFO` inside each request's span once its answer is
/// made (its status and latency recorded): the access log, as uvicorn writes one. [`init`]
/// turns it on; with a subscriber of your own, turn it on here. Off, a request costs its span
/// alone.
pub fn access_log(on: bool) {
    ACCESS_LOG.store(on, Ordering::Relaxed);
}

/// A request's span, entered each time its answer is polled, with when the request came.
pub(crate) struct Traced {
    span: tracing::Span,
    started: crate::clock::Started,
}

impl Traced {
    /// The span of a request that came at `started`, unless nothing listens to it.
    #[inline(always)]
    pub(crate) fn new(span: tracing::Span, started: crate::clock::Started) -> Option<Self> {
        (!span.is_disabled()).then_some(Self { span, started })
    }

    /// Makes the span a child of the caller's (OpenTelemetry).
    #[cfg(feature = "otel")]
    pub(crate) fn adopt(&self, caller: opentelemetry::Context) {
        otel::adopt(&self.span, caller);
    }

    /// Enters the span, until the guard is dropped.
    pub(crate) fn enter(&self) -> tracing::span::Entered<'_> {
        self.span.enter()
    }

    /// Records the answer's status and the latency, and logs `request finished` when the
    /// access log is on; called inside the span. With OpenTelemetry, the answer carries the
    /// span's `traceparent`.
    pub(crate) fn finish(&self, response: &mut Response) {
        #[cfg(feature = "otel")]
        if otel::exporting() {
            otel::tell(&self.span, response.headers_mut());
        }
        let latency = self.started.nanos() as f64 / 1e6;
        // The fields by handle, found once (by name, each would be looked for among the
        // span's eight), recorded in one call.
        static FIELDS: std::sync::OnceLock<Option<(Field, Field)>> = std::sync::OnceLock::new();
        let fields = FIELDS.get_or_init(|| {
            let fields = self.span.metadata()?.fields();
            Some((fields.field("status")?, fields.field("latency_ms")?))
        });
        if let (Some((status, latency_ms)), Some(metadata)) = (fields, self.span.metadata()) {
            let code = response.status().as_u16();
            self.span.record_all(&metadata.fields().value_set(&[
                (status, Some(&code as &dyn tracing::Value)),
                (latency_ms, Some(&latency as &dyn tracing::Value)),
            ]));
        }
        if ACCESS_LOG.load(Ordering::Relaxed) {
            tracing::info!("request finished");
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn without_a_subscriber_a_request_span_is_disabled() {
        let span = super::request_span(&http::Method::GET, None, None, None);
        assert!(span.is_disabled());
    }
}
