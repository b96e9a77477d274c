//! Prometheus metrics (feature `metrics`): every request of an app counted and timed under the
//! names and labels of prometheus-fastapi-instrumentator, so that the Grafana dashboards made
//! for FastAPI work unchanged, and `/metrics`, which renders them in Prometheus's text format.
//!
//! ```no_run
//! #[tokio::main]
//! async fn main() -> std::io::Result<()> {
//!     fastrs::App::new()
//!         .metrics(fastrs::metrics::Metrics::new())
//!         .serve("127.0.0.1:8000")
//!         .await
//! }
//! ```
//!
//! The metrics, and their labels:
//!
//! - `http_requests_total{handler,method,status}`: a counter, the status grouped (`2xx`);
//! - `http_request_duration_seconds{handler,method}`: a histogram, buckets 0.1, 0.5 and 1;
//! - `http_request_duration_highr_seconds`: a histogram of 21 buckets from 0.01 to 60;
//! - `http_request_size_bytes{handler}` and `http_response_size_bytes{handler}`: summaries of
//!   the `Content-Length`s (0 without one);
//! - `http_requests_inprogress`: a gauge;
//! - `fastrs_rate_limit_exceeded_total{limit}`: the requests a rate limit refused (`limit` is
//!   the route, `POST /login`, the router, or `app`);
//! - `fastrs_rate_limit_store_failures_total`: the checks Redis could not answer.
//!
//! `handler` is the route's template (`/items/{item_id}`, a catch-all as Starlette writes it,
//! `/files/{path:path}`), the documentation's path (`/docs`), a mount's prefix, or `none` when
//! no route matches: never the raw path, which would make a series per item.

mod distribution;
mod exposition;
mod series;

use std::sync::Arc;

use ::metrics::{KeyName, Recorder as _, SharedString};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusRecorder};

use crate::context::DependencyRef;
use crate::depends::Dependency;

pub(crate) use exposition::route as exposition_route;
pub(crate) use series::{Meter, Metering, MeteringBuilder};

/// An app's metrics: where they are kept, and the route that shows them. Give it to
/// [`App::metrics`](crate::App::metrics); a clone shares the same metrics.
///
/// By default `GET /metrics` shows them, left out of the OpenAPI document. [`path`](Self::path)
/// moves it, [`dependency`](Self::dependency) protects it (a token a scraper sends), and
/// [`route`](Self::route)`(false)` leaves it to a route of your own, which takes
/// `State<Metrics>` and answers [`Metrics::render`]'s text.
#[derive(Clone)]
pub struct Metrics {
    registry: Arc<Registry>,
    path: Option<String>,
    dependencies: Vec<DependencyRef>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics")
            .field("path", &self.path)
            .field("dependencies", &self.dependencies.len())
            .finish_non_exhaustive()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// New metrics, shown at `GET /metrics`.
    pub fn new() -> Self {
        Self {
            registry: Arc::new(Registry::new()),
            path: Some("/metrics".to_owned()),
            dependencies: Vec::new(),
        }
    }

    /// Shows them at `path` rather than `/metrics`.
    #[must_use]
    pub fn path(mut self, path: &str) -> Self {
        self.path = Some(path.to_owned());
        self
    }

    /// Whether the app serves them itself (`true`, the default), or a route of yours does.
    #[must_use]
    pub fn route(mut self, served: bool) -> Self {
        if !served {
            self.path = None;
        } else if self.path.is_none() {
            self.path = Some("/metrics".to_owned());
        }
        self
    }

    /// Runs dependency `F` before showing them, for its effect: a dependency that answers
    /// (`Err(HttpError)`, 401 without the scraper's token) answers in their place, as the
    /// `dependencies=[Depends(f)]` of prometheus-fastapi-instrumentator's `expose`.
    #[must_use]
    pub fn dependency<F: Dependency>(mut self) -> Self {
        self.dependencies.push(DependencyRef::of::<F>());
        self
    }

    /// The metrics in Prometheus's text format (version 0.0.4), the families sorted by name
    /// and each family's series by their labels.
    pub fn render(&self) -> String {
        self.registry.render()
    }

    /// Where the metrics are kept, as a [`metrics::Recorder`](::metrics::Recorder): give it to
    /// `metrics::set_global_recorder` and the `metrics::counter!`s of your own code show at
    /// `/metrics` beside the app's.
    pub fn recorder(&self) -> impl ::metrics::Recorder + Send + Sync + 'static + use<> {
        SharedRecorder(Arc::clone(&self.registry))
    }

    /// The registry, for the app's metering.
    pub(crate) fn registry(&self) -> &Arc<Registry> {
        &self.registry
    }

    /// Where the app shows them, when it does, and the dependencies it runs first.
    pub(crate) fn served_at(&self) -> Option<(&str, &[DependencyRef])> {
        Some((self.path.as_deref()?, &self.dependencies))
    }
}

/// The recorder of an app's metrics (its counters and gauges, and the app's own metrics), the
/// requests' distributions, and what rendering them reads besides.
pub(crate) struct Registry {
    recorder: PrometheusRecorder,
    series: series::Series,
    handle: metrics_exporter_prometheus::PrometheusHandle,
    /// What counts outside the recorder (the rate limits' refusals, Redis's failures), read
    /// into it when the metrics are rendered.
    sources: std::sync::Mutex<Vec<Source>>,
}

/// Reads what counts outside the recorder into it.
pub(crate) type Source = Arc<dyn Fn(&PrometheusRecorder) + Send + Sync>;

impl Registry {
    fn new() -> Self {
        let recorder = PrometheusBuilder::new().build_recorder();
        // The exporter's own families: the distributions are written by `series`.
        for (name, help) in series::HELP {
            let (name, help) = (KeyName::from_const_str(name), SharedString::const_str(help));
            if name.as_str() == series::IN_PROGRESS {
                recorder.describe_gauge(name, None, help);
            } else if name.as_str().ends_with("_total") {
                recorder.describe_counter(name, None, help);
            }
        }
        let handle = recorder.handle();
        Self {
            series: series::Series::new(&recorder),
            recorder,
            handle,
            sources: std::sync::Mutex::default(),
        }
    }

    pub(crate) fn recorder(&self) -> &PrometheusRecorder {
        &self.recorder
    }

    /// The requests' series.
    pub(crate) fn series(&self) -> &series::Series {
        &self.series
    }

    /// Adds what rendering reads into the recorder first.
    pub(crate) fn read_at_render(&self, source: Source) {
        self.sources
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(source);
    }

    /// Moves the samples of the app's own histograms into their buckets: rendering does, and
    /// the server every few seconds, so that an app nobody scrapes keeps no samples.
    pub(crate) fn upkeep(&self) {
        self.handle.run_upkeep();
    }

    fn render(&self) -> String {
        let sources = self
            .sources
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        for source in sources {
            source(&self.recorder);
        }
        let mut text = self.handle.render();
        self.series.write(&mut text);
        exposition::sorted(&text)
    }
}

/// An app's registry as a [`metrics::Recorder`](::metrics::Recorder) of its own.
struct SharedRecorder(Arc<Registry>);

impl ::metrics::Recorder for SharedRecorder {
    fn describe_counter(&self, key: KeyName, unit: Option<::metrics::Unit>, text: SharedString) {
        self.0.recorder.describe_counter(key, unit, text);
    }

    fn describe_gauge(&self, key: KeyName, unit: Option<::metrics::Unit>, text: SharedString) {
        self.0.recorder.describe_gauge(key, unit, text);
    }

    fn describe_histogram(&self, key: KeyName, unit: Option<::metrics::Unit>, text: SharedString) {
        self.0.recorder.describe_histogram(key, unit, text);
    }

    fn register_counter(
        &self,
        key: &::metrics::Key,
        metadata: &::metrics::Metadata<'_>,
    ) -> ::metrics::Counter {
        self.0.recorder.register_counter(key, metadata)
    }

    fn register_gauge(
        &self,
        key: &::metrics::Key,
        metadata: &::metrics::Metadata<'_>,
    ) -> ::metrics::Gauge {
        self.0.recorder.register_gauge(key, metadata)
    }

    fn register_histogram(
        &self,
        key: &::metrics::Key,
        metadata: &::metrics::Metadata<'_>,
    ) -> ::metrics::Histogram {
        self.0.recorder.register_histogram(key, metadata)
    }
}
