//! The series of an app's requests: which handler a request counts under (its route's template,
//! found in a tree of the app's templates), and the counters and histograms it updates when its
//! answer is made. Each series is registered the first time a request updates it, so that
//! `/metrics` lists only what happened, as prometheus_client does.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::Instant;

use ::metrics::{Counter, Gauge, Histogram, Key, Label, Level, Metadata, Recorder as _};
use axum::response::Response;
use http_body::Body as _;

use super::Registry;

pub(super) const REQUESTS: &str = "http_requests_total";
pub(super) const DURATION: &str = "http_request_duration_seconds";
pub(super) const DURATION_HIGHR: &str = "http_request_duration_highr_seconds";
pub(super) const REQUEST_SIZE: &str = "http_request_size_bytes";
pub(super) const RESPONSE_SIZE: &str = "http_response_size_bytes";
pub(super) const IN_PROGRESS: &str = "http_requests_inprogress";
pub(super) const RATE_LIMITED: &str = "fastrs_rate_limit_exceeded_total";
pub(super) const STORE_FAILURES: &str = "fastrs_rate_limit_store_failures_total";

/// The `# HELP` of each metric: prometheus-fastapi-instrumentator's words, trailing spaces
/// included.
pub(super) const HELP: [(&str, &str); 8] = [
    (
        REQUESTS,
        "Total number of requests by method, status and handler.",
    ),
    (
        REQUEST_SIZE,
        "Content length of incoming requests by handler. Only value of header is respected. \
         Otherwise ignored. No percentile calculated. ",
    ),
    (
        RESPONSE_SIZE,
        "Content length of outgoing responses by handler. Only value of header is respected. \
         Otherwise ignored. No percentile calculated. ",
    ),
    (
        DURATION_HIGHR,
        "Latency with many buckets but no API specific labels. Made for more accurate \
         percentile calculations. ",
    ),
    (
        DURATION,
        "Latency with only few buckets by handler. Made to be only used if aggregation by \
         handler is important. ",
    ),
    (IN_PROGRESS, "Number of HTTP requests in progress."),
    (RATE_LIMITED, "Requests refused by a rate limit, by limit."),
    (
        STORE_FAILURES,
        "Rate limit checks the store (Redis) could not answer.",
    ),
];

/// What the series are registered with.
const METADATA: Metadata<'static> = Metadata::new("fastrs", Level::INFO, Some("fastrs::metrics"));

/// The methods a handler's series are kept for, in the order of [`method_index`].
const METHODS: [&str; 8] = [
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE",
];

/// Where `method` is in [`METHODS`]; `None` for an extension method, whose series are looked
/// up each time.
fn method_index(method: &http::Method) -> Option<usize> {
    Some(match *method {
        http::Method::GET => 0,
        http::Method::HEAD => 1,
        http::Method::POST => 2,
        http::Method::PUT => 3,
        http::Method::PATCH => 4,
        http::Method::DELETE => 5,
        http::Method::OPTIONS => 6,
        http::Method::TRACE => 7,
        _ => return None,
    })
}

/// The series of one handler label.
struct HandlerSeries {
    label: String,
    by_method: [MethodSeries; METHODS.len()],
    request_size: OnceLock<Histogram>,
    response_size: OnceLock<Histogram>,
}

/// The series of one handler and method: its requests by status class (`1xx` to `5xx`), its
/// durations.
#[derive(Default)]
struct MethodSeries {
    requests: [OnceLock<Counter>; 5],
    duration: OnceLock<Histogram>,
}

impl HandlerSeries {
    fn new(label: String) -> Self {
        Self {
            label,
            by_method: Default::default(),
            request_size: OnceLock::new(),
            response_size: OnceLock::new(),
        }
    }
}

/// An app's metering: the tree of its templates, each leading to its handler's series.
pub(crate) struct Metering {
    registry: Arc<Registry>,
    paths: matchit::Router<usize>,
    handlers: Vec<HandlerSeries>,
    /// The handler of the paths no route matches: `none`.
    none: HandlerSeries,
    in_progress: Gauge,
    duration_highr: Histogram,
}

/// Builds a [`Metering`]: the app's templates, each with its handler's label.
pub(crate) struct MeteringBuilder {
    registry: Arc<Registry>,
    paths: matchit::Router<usize>,
    handlers: Vec<HandlerSeries>,
}

impl MeteringBuilder {
    pub(crate) fn new(metrics: &super::Metrics) -> Self {
        Self {
            registry: Arc::clone(metrics.registry()),
            paths: matchit::Router::new(),
            handlers: Vec::new(),
        }
    }

    /// Counts the requests of `template` (matchit's form, `/files/{*path}`) under its label:
    /// the template as Starlette writes it (`/files/{path:path}`). The first template given a
    /// path keeps it.
    pub(crate) fn template(&mut self, template: &str) {
        self.labelled(template, starlette_form(template));
    }

    /// Counts the requests of `other` (a trailing slash's alias of `template`, or its empty
    /// rest) under `template`'s label.
    pub(crate) fn alias(&mut self, template: &str, other: &str) {
        self.labelled(other, starlette_form(template));
    }

    /// Counts the requests of `template` under `label`.
    pub(crate) fn labelled(&mut self, template: &str, label: String) {
        let index = match self.handlers.iter().position(|h| h.label == label) {
            Some(index) => index,
            None => {
                self.handlers.push(HandlerSeries::new(label));
                self.handlers.len() - 1
            }
        };
        let _ = self.paths.insert(template, index);
    }

    /// Adds the refusals of a rate limit named `name` to what `/metrics` shows.
    pub(crate) fn rate_limit(
        &self,
        name: String,
        refused: impl Fn() -> u64 + Send + Sync + 'static,
    ) {
        let key = Key::from_parts(RATE_LIMITED, vec![Label::new("limit", name)]);
        let counter = OnceLock::new();
        self.registry.read_at_render(Arc::new(move |recorder| {
            let refused = refused();
            // Listed once a request was refused, as the other series once they count.
            if refused > 0 {
                counter
                    .get_or_init(|| recorder.register_counter(&key, &METADATA))
                    .absolute(refused);
            }
        }));
    }

    /// Adds the failures of the rate limits' store to what `/metrics` shows.
    #[cfg(feature = "redis")]
    pub(crate) fn store_failures(&self, failures: impl Fn() -> u64 + Send + Sync + 'static) {
        self.registry.read_at_render(Arc::new(move |recorder| {
            recorder
                .register_counter(&Key::from_static_name(STORE_FAILURES), &METADATA)
                .absolute(failures());
        }));
    }

    /// The metering, kept for the program's life as the routes are.
    pub(crate) fn finish(self) -> &'static Metering {
        let recorder = self.registry.recorder();
        let in_progress = recorder.register_gauge(&Key::from_static_name(IN_PROGRESS), &METADATA);
        let duration_highr =
            recorder.register_histogram(&Key::from_static_name(DURATION_HIGHR), &METADATA);
        Box::leak(Box::new(Metering {
            paths: self.paths,
            handlers: self.handlers,
            none: HandlerSeries::new("none".to_owned()),
            in_progress,
            duration_highr,
            registry: self.registry,
        }))
    }
}

/// `/files/{path:path}` for matchit's `/files/{*path}`.
fn starlette_form(template: &str) -> String {
    match template.rsplit_once("/{*") {
        Some((prefix, rest)) => {
            let name = rest.trim_end_matches('}');
            format!("{prefix}/{{{name}:path}}")
        }
        None => template.to_owned(),
    }
}

impl Metering {
    /// Starts metering `req`: it is in progress until its answer is made. A websocket's
    /// handshake is not counted, as prometheus-fastapi-instrumentator counts HTTP requests only.
    pub(crate) fn start(&'static self, req: &axum::extract::Request) -> Option<Meter> {
        if is_websocket(req) {
            return None;
        }
        let handler = match self.paths.at(req.uri().path()) {
            Ok(matched) => &self.handlers[*matched.value],
            Err(_) => &self.none,
        };
        // The body's length, as its `Content-Length` tells it (0 for a chunked body).
        let request_size = req.body().size_hint().exact().unwrap_or(0);
        self.in_progress.increment(1.0);
        Some(Meter {
            metering: self,
            handler,
            method: method_index(req.method()).ok_or_else(|| req.method().to_string()),
            request_size,
            started: Instant::now(),
        })
    }

    /// Moves the histograms' samples into their buckets.
    pub(crate) fn upkeep(&self) {
        self.registry.upkeep();
    }

    fn register_counter(&self, handler: &str, method: &str, status: String) -> Counter {
        let labels = vec![
            Label::new("handler", handler.to_owned()),
            Label::new("method", method.to_owned()),
            Label::new("status", status),
        ];
        self.registry
            .recorder()
            .register_counter(&Key::from_parts(REQUESTS, labels), &METADATA)
    }

    fn register_histogram(&self, name: &'static str, labels: Vec<Label>) -> Histogram {
        self.registry
            .recorder()
            .register_histogram(&Key::from_parts(name, labels), &METADATA)
    }
}

/// Whether `req` is a websocket handshake.
fn is_websocket(req: &axum::extract::Request) -> bool {
    req.headers()
        .get(http::header::UPGRADE)
        .is_some_and(|upgrade| upgrade.as_bytes().eq_ignore_ascii_case(b"websocket"))
}

/// One request being metered.
pub(crate) struct Meter {
    metering: &'static Metering,
    handler: &'static HandlerSeries,
    /// The method's place in [`METHODS`], or an extension method's name.
    method: Result<usize, String>,
    request_size: u64,
    started: Instant,
}

impl Meter {
    /// Counts the request, answered with `response`.
    fn answered(&self, response: &Response) {
        let metering = self.metering;
        let handler = self.handler;
        let seconds = self.started.elapsed().as_secs_f64();
        let status = response.status().as_u16();
        let class = usize::from(status / 100);
        match &self.method {
            Ok(index) => {
                let method = METHODS[*index];
                let series = &handler.by_method[*index];
                let status = || format!("{class}xx");
                match series.requests.get(class.wrapping_sub(1)) {
                    Some(requests) => requests
                        .get_or_init(|| metering.register_counter(&handler.label, method, status()))
                        .increment(1),
                    None => metering
                        .register_counter(&handler.label, method, status())
                        .increment(1),
                }
                series
                    .duration
                    .get_or_init(|| {
                        metering.register_histogram(DURATION, handler_method(handler, method))
                    })
                    .record(seconds);
            }
            Err(method) => {
                metering
                    .register_counter(&handler.label, method, format!("{class}xx"))
                    .increment(1);
                metering
                    .register_histogram(DURATION, handler_method(handler, method))
                    .record(seconds);
            }
        }
        metering.duration_highr.record(seconds);
        let by_handler = || vec![Label::new("handler", handler.label.clone())];
        handler
            .request_size
            .get_or_init(|| metering.register_histogram(REQUEST_SIZE, by_handler()))
            .record(self.request_size as f64);
        let response_size = response.body().size_hint().exact().unwrap_or(0);
        handler
            .response_size
            .get_or_init(|| metering.register_histogram(RESPONSE_SIZE, by_handler()))
            .record(response_size as f64);
    }
}

/// The labels `handler` and `method`.
fn handler_method(handler: &HandlerSeries, method: &str) -> Vec<Label> {
    vec![
        Label::new("handler", handler.label.clone()),
        Label::new("method", method.to_owned()),
    ]
}

impl Drop for Meter {
    /// No longer in progress: answered, or dropped with its connection.
    fn drop(&mut self) {
        self.metering.in_progress.decrement(1.0);
    }
}

/// A request's answer on its way, counted once it is made.
pub(crate) struct Metered<F> {
    pub(crate) answer: F,
    pub(crate) meter: Meter,
}

impl<F, E> Future for Metered<F>
where
    F: Future<Output = Result<Response, E>> + Unpin,
{
    type Output = Result<Response, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let Poll::Ready(answer) = Pin::new(&mut this.answer).poll(cx) else {
            return Poll::Pending;
        };
        if let Ok(response) = &answer {
            this.meter.answered(response);
        }
        Poll::Ready(answer)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_catch_all_is_labelled_as_starlette_writes_it() {
        assert_eq!(
            super::starlette_form("/files/{*path}"),
            "/files/{path:path}"
        );
        assert_eq!(
            super::starlette_form("/items/{item_id}"),
            "/items/{item_id}"
        );
    }
}
