//! The series of an app's requests: which handler a request counts under (its route's template,
//! found in a tree of the app's templates), and the counters and histograms it updates when its
//! answer is made. Each series is registered the first time a request updates it, so that
//! `/metrics` lists only what happened, as prometheus_client does.

use std::sync::{Arc, OnceLock};

use std::fmt::Write as _;
use std::sync::{Mutex, PoisonError};

use ::metrics::{Counter, Gauge, Key, Label, Level, Metadata, Recorder as _};
use axum::response::Response;
use http_body::Body as _;
use metrics_exporter_prometheus::PrometheusRecorder;

use super::Registry;
use super::distribution::{Durations, HIGH_RESOLUTION, LOW_RESOLUTION, Sizes, escaped};

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

/// The extension methods (`PROPFIND`) a handler keeps series for; the requests of any other
/// count under `OTHER`, so that a client sending made-up methods cannot grow the series
/// without bound.
const MAX_EXTENSION_METHODS: usize = 16;

/// Where `method` is in [`METHODS`]; `None` for an extension method.
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

/// Every series of an app's requests, shared by the apps built with the same [`Metrics`]
/// (its registry holds them).
///
/// [`Metrics`]: super::Metrics
pub(crate) struct Series {
    handlers: Mutex<Vec<Arc<HandlerSeries>>>,
    /// The handler of the paths no route matches: `none`.
    none: Arc<HandlerSeries>,
    duration_highr: Durations<21>,
    in_progress: Gauge,
}

impl Series {
    pub(super) fn new(recorder: &PrometheusRecorder) -> Self {
        Self {
            handlers: Mutex::default(),
            none: Arc::new(HandlerSeries::new("none".to_owned())),
            duration_highr: Durations::new(&HIGH_RESOLUTION),
            in_progress: recorder.register_gauge(&Key::from_static_name(IN_PROGRESS), &METADATA),
        }
    }

    /// The series of handler `label`, made on first asking.
    fn handler(&self, label: String) -> Arc<HandlerSeries> {
        let mut handlers = self.handlers.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = handlers.iter().find(|h| h.label == label) {
            return Arc::clone(found);
        }
        let made = Arc::new(HandlerSeries::new(label));
        handlers.push(Arc::clone(&made));
        made
    }

    /// The distributions' families, in Prometheus's text format: what the exporter does not
    /// keep.
    pub(super) fn write(&self, out: &mut String) {
        let mut handlers = self
            .handlers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        handlers.push(Arc::clone(&self.none));
        let help = |out: &mut String, name: &str, kind: &str| {
            let text = HELP.iter().find(|(n, _)| *n == name).map_or("", |(_, h)| h);
            let _ = writeln!(out, "# HELP {name} {text}");
            let _ = writeln!(out, "# TYPE {name} {kind}");
        };
        if !self.duration_highr.is_empty() {
            help(out, DURATION_HIGHR, "histogram");
            self.duration_highr.write(out, DURATION_HIGHR, "");
            out.push('\n');
        }
        let mut durations = String::new();
        let mut request_sizes = String::new();
        let mut response_sizes = String::new();
        for handler in &handlers {
            let label = format!("handler=\"{}\"", escaped(&handler.label));
            handler.each_method(|method, series| {
                if !series.duration.is_empty() {
                    let labels = format!("{label},method=\"{}\"", escaped(method));
                    series.duration.write(&mut durations, DURATION, &labels);
                }
            });
            if !handler.request_size.is_empty() {
                handler
                    .request_size
                    .write(&mut request_sizes, REQUEST_SIZE, &label);
            }
            if !handler.response_size.is_empty() {
                handler
                    .response_size
                    .write(&mut response_sizes, RESPONSE_SIZE, &label);
            }
        }
        for (name, kind, lines) in [
            (DURATION, "histogram", durations),
            (REQUEST_SIZE, "summary", request_sizes),
            (RESPONSE_SIZE, "summary", response_sizes),
        ] {
            if !lines.is_empty() {
                help(out, name, kind);
                out.push_str(&lines);
                out.push('\n');
            }
        }
    }
}

/// The series of one handler label.
struct HandlerSeries {
    label: String,
    by_method: [MethodSeries; METHODS.len()],
    /// The extension methods' series, made on their first request.
    extensions: Mutex<Vec<(String, Arc<MethodSeries>)>>,
    request_size: Sizes,
    response_size: Sizes,
}

/// The series of one handler and method: its requests by status class (`1xx` to `5xx`, in
/// the exporter), its durations.
struct MethodSeries {
    requests: [OnceLock<Counter>; 5],
    duration: Durations<3>,
}

impl MethodSeries {
    fn new() -> Self {
        Self {
            requests: Default::default(),
            duration: Durations::new(&LOW_RESOLUTION),
        }
    }
}

impl HandlerSeries {
    fn new(label: String) -> Self {
        Self {
            label,
            by_method: std::array::from_fn(|_| MethodSeries::new()),
            extensions: Mutex::default(),
            request_size: Sizes::default(),
            response_size: Sizes::default(),
        }
    }

    /// The series of extension method `method` (or `OTHER`'s, past the cap), made on first
    /// asking.
    fn extension(&self, method: &http::Method) -> (String, Arc<MethodSeries>) {
        let mut extensions = self
            .extensions
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let name = if extensions.len() < MAX_EXTENSION_METHODS
            || extensions.iter().any(|(m, _)| m == method.as_str())
        {
            method.as_str()
        } else {
            "OTHER"
        };
        if let Some((m, series)) = extensions.iter().find(|(m, _)| m == name) {
            return (m.clone(), Arc::clone(series));
        }
        let made = Arc::new(MethodSeries::new());
        extensions.push((name.to_owned(), Arc::clone(&made)));
        (name.to_owned(), made)
    }

    /// Calls `f` with each method's series, the extension methods' after the others.
    fn each_method(&self, mut f: impl FnMut(&str, &MethodSeries)) {
        for (name, series) in METHODS.iter().zip(&self.by_method) {
            f(name, series);
        }
        let extensions = self
            .extensions
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        for (name, series) in extensions.iter() {
            f(name, series);
        }
    }
}

/// An app's metering: the tree of its templates, each leading to its handler's series.
pub(crate) struct Metering {
    registry: Arc<Registry>,
    paths: matchit::Router<Arc<HandlerSeries>>,
}

/// Builds a [`Metering`]: the app's templates, each with its handler's label.
pub(crate) struct MeteringBuilder {
    registry: Arc<Registry>,
    paths: matchit::Router<Arc<HandlerSeries>>,
}

impl MeteringBuilder {
    pub(crate) fn new(metrics: &super::Metrics) -> Self {
        Self {
            registry: Arc::clone(metrics.registry()),
            paths: matchit::Router::new(),
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

    /// Counts the requests of `other`, which the trailing-slash redirect sends to `template`
    /// (its slash added or removed), under `template`'s label with its slash toggled the same
    /// way (`/items/` for `/items`), as prometheus-fastapi-instrumentator labels a path that
    /// Starlette redirects. A template of its own keeps `other` (given first).
    pub(crate) fn redirected(&mut self, template: &str, other: &str) {
        let label = starlette_form(template);
        let label = match label.strip_suffix('/') {
            Some(without) => without.to_owned(),
            None => format!("{label}/"),
        };
        self.labelled(other, label);
    }

    /// Counts the requests of `template` under `label`.
    pub(crate) fn labelled(&mut self, template: &str, label: String) {
        let series = self.registry.series().handler(label);
        let _ = self.paths.insert(template, series);
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
        Box::leak(Box::new(Metering {
            registry: self.registry,
            paths: self.paths,
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
    #[inline]
    pub(crate) fn start(&'static self, req: &axum::extract::Request) -> Option<Meter> {
        if is_websocket(req) {
            return None;
        }
        let registry: &'static Registry = &self.registry;
        let series = registry.series();
        let handler: &'static HandlerSeries = match self.paths.at(req.uri().path()) {
            Ok(matched) => matched.value,
            Err(_) => &series.none,
        };
        let method = match method_index(req.method()) {
            Some(index) => Method::Known(index),
            None => {
                let (name, series) = handler.extension(req.method());
                Method::Extension(name, series)
            }
        };
        // The body's length, as its `Content-Length` tells it (0 for a chunked body).
        let request_size = req.body().size_hint().exact().unwrap_or(0);
        series.in_progress.increment(1.0);
        Some(Meter {
            registry,
            handler,
            method,
            request_size,
            started: crate::clock::Started::now(),
        })
    }

    /// Moves the samples of the app's own histograms (`metrics::histogram!`) into their
    /// buckets.
    pub(crate) fn upkeep(&self) {
        self.registry.upkeep();
    }
}

/// The length of an answer, as its `Content-Length` tells it (0 for a stream): its body's,
/// known without reading it, and for `HEAD` (whose body is left out) the header's.
fn response_size(response: &Response, method: &str) -> u64 {
    if method == "HEAD" {
        let length = response.headers().get(http::header::CONTENT_LENGTH);
        return length
            .and_then(|length| length.to_str().ok()?.parse().ok())
            .unwrap_or(0);
    }
    response.body().size_hint().exact().unwrap_or(0)
}

/// Whether `req` is a websocket handshake.
fn is_websocket(req: &axum::extract::Request) -> bool {
    req.headers()
        .get(http::header::UPGRADE)
        .is_some_and(|upgrade| upgrade.as_bytes().eq_ignore_ascii_case(b"websocket"))
}

/// A request's method, as its series know it.
enum Method {
    /// Its place in [`METHODS`].
    Known(usize),
    /// An extension method (or `OTHER`), with its series.
    Extension(String, Arc<MethodSeries>),
}

/// One request being metered.
pub(crate) struct Meter {
    registry: &'static Registry,
    handler: &'static HandlerSeries,
    method: Method,
    request_size: u64,
    started: crate::clock::Started,
}

impl Meter {
    /// Counts the request, answered with `response`.
    pub(crate) fn answered(&self, response: &Response) {
        let handler = self.handler;
        let nanos = self.started.nanos();
        let seconds = nanos as f64 / 1e9;
        let (method, series) = match &self.method {
            Method::Known(index) => (METHODS[*index], &handler.by_method[*index]),
            Method::Extension(name, series) => (name.as_str(), &**series),
        };
        let class = response.status().as_u16() / 100;
        let status = || format!("{class}xx");
        let register = || {
            self.registry
                .register_requests(&handler.label, method, status())
        };
        match series.requests.get(usize::from(class).wrapping_sub(1)) {
            Some(requests) => requests.get_or_init(register).increment(1),
            // A status past 599: counted, not kept.
            None => register().increment(1),
        }
        series.duration.record(seconds, nanos);
        self.registry.series().duration_highr.record(seconds, nanos);
        handler.request_size.record(self.request_size);
        handler
            .response_size
            .record(response_size(response, method));
    }
}

impl Registry {
    /// The counter of `http_requests_total` with these labels.
    fn register_requests(&self, handler: &str, method: &str, status: String) -> Counter {
        let labels = vec![
            Label::new("handler", handler.to_owned()),
            Label::new("method", method.to_owned()),
            Label::new("status", status),
        ];
        self.recorder()
            .register_counter(&Key::from_parts(REQUESTS, labels), &METADATA)
    }
}

impl Drop for Meter {
    /// No longer in progress: answered, or dropped with its connection.
    fn drop(&mut self) {
        self.registry.series().in_progress.decrement(1.0);
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
