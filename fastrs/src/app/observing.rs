//! What the app tells of itself while it serves: its metrics (feature `metrics`).

use std::sync::Arc;

use super::App;
use crate::ratelimit::RouteLimit;
use crate::router::MountedRoute;

impl App {
    /// Counts and times every request under prometheus-fastapi-instrumentator's names and
    /// labels, and shows them at `GET /metrics` (left out of the OpenAPI document), in
    /// Prometheus's text format: FastAPI's
    /// `Instrumentator(should_instrument_requests_inprogress=True).instrument(app).expose(app)`.
    /// A request counts once its answer is made, under its route's template (`none` when no
    /// route matches), whatever the answer: the 404s, the 422s, a middleware's, a panic's 500.
    /// See [`fastrs::metrics`](crate::metrics) for the metrics and how to protect the route.
    ///
    /// ```
    /// use fastrs::prelude::*;
    /// use fastrs::metrics::Metrics;
    ///
    /// let app = App::new().metrics(Metrics::new());
    /// # let _ = app;
    /// ```
    #[must_use]
    pub fn metrics(mut self, metrics: crate::metrics::Metrics) -> Self {
        if let Some((path, dependencies)) = metrics.served_at() {
            let route = crate::metrics::exposition_route(path, dependencies);
            self.routes.push(MountedRoute::declared(route));
        }
        self.metrics = Some(metrics.clone());
        self.state(metrics)
    }

    /// The app's metering, when it has metrics: its routes' templates (each labelled as
    /// Starlette writes it), the paths of the documentation, of nested axum routers and of
    /// static directories, and its rate limits.
    pub(super) fn metering(
        &self,
        routes: &[MountedRoute],
        limits: &[Arc<RouteLimit>],
    ) -> Option<&'static crate::metrics::Metering> {
        use crate::trailing_slash::{TrailingSlash, toggled};
        let mut metering = crate::metrics::MeteringBuilder::new(self.metrics.as_ref()?);
        // The templates whose other form (trailing slash toggled) is redirected to them.
        let mut redirected = Vec::new();
        for route in routes {
            let template = route.axum_path();
            metering.template(&template);
            // `<path..>` matches its empty rest too, and a trailing slash may be served.
            if let Some((prefix, _)) = template.rsplit_once("/{*") {
                metering.alias(&template, &format!("{prefix}/"));
            }
            if self.trailing_slash == TrailingSlash::MatchBoth
                && let Some(other) = toggled(&template)
            {
                metering.alias(&template, &other);
            }
            redirected.push(template);
        }
        if let Some(url) = &self.openapi_url {
            metering.template(url);
            redirected.push(url.clone());
            for docs in [&self.docs_url, &self.redoc_url].into_iter().flatten() {
                metering.template(docs);
                metering.template(&format!("{docs}/{{*rest}}"));
                redirected.push(docs.clone());
            }
        }
        // A mount is counted under its prefix, as Starlette's `Mount` of an app.
        let prefixes = self.nested.iter().map(|(prefix, _)| prefix);
        for prefix in prefixes.chain(self.statics.iter().map(|(prefix, _)| prefix)) {
            let prefix = prefix.trim_end_matches('/');
            if !prefix.is_empty() {
                for path in [prefix.to_owned(), format!("{prefix}/{{*rest}}")] {
                    metering.labelled(&path, prefix.to_owned());
                }
            }
        }
        // After every template: a path that is a template's too is counted as its own.
        if self.trailing_slash == TrailingSlash::Redirect {
            for template in &redirected {
                if let Some(other) = toggled(template) {
                    metering.redirected(template, &other);
                }
            }
        }
        for limit in limits {
            let counted = Arc::clone(limit);
            metering.rate_limit(limit.name().to_owned(), move || counted.refused());
        }
        #[cfg(feature = "redis")]
        if let Some(store) = &self.rate_limit_store {
            let store = store.clone();
            metering.store_failures(move || store.failures());
        }
        Some(metering.finish())
    }
}
