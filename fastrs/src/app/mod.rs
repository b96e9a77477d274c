//! `App`: the routes of a program, checked at start-up and served.

mod checks;
mod clients;
mod handlers;
mod limits;
mod metadata;
mod middleware;
#[cfg(feature = "metrics")]
mod observing;
mod serving;

pub use crate::context::DEFAULT_BODY_LIMIT;

use std::sync::Arc;

use axum::response::IntoResponse as _;
use fastrs_openapi::OperationIds;
use fastrs_openapi::model::{Info, OpenApi};

use crate::context::{AppContext, AppDependencies, AppValues, DependencyRef, Overrides, States};
use crate::depends::Dependency;
use crate::document::Metadata;
use crate::error::StartupError;
use crate::lifespan::Lifespan;

use crate::response::not_found;
use crate::route::{RouteDef, registered};
use crate::router::{MountedRoute, Router, within};

use checks::{check_path_params, check_routes, check_rules, check_states, requirements};

/// Why `App::new()` found nothing, and where routes come from.
const NO_ROUTES: &str = "`App::new()` found no routes in this program. Routes register themselves \
where their `#[get]`, `#[post]`, ... functions are compiled: a route in a library crate counts \
only once the program uses that crate (add `use my_routes as _;`), and a route in a binary \
is not seen by an integration test (keep an app's routes in its `lib.rs`). Use `App::empty()` \
for an app without routes.";

/// An API: its routes, its settings, and how to serve it.
///
/// `App::new()` mounts every route of the program. Routes register themselves: a route in a
/// library crate counts once the program uses that crate (a `use my_routes as _;` is enough
/// when nothing else refers to it).
///
/// ```no_run
/// use fastrs::prelude::*;
///
/// #[get("/")]
/// async fn root() -> &'static str {
///     "Hello"
/// }
///
/// #[tokio::main]
/// async fn main() -> std::io::Result<()> {
///     App::new().title("Shop").serve("127.0.0.1:8000").await
/// }
/// ```
#[derive(Debug)]
pub struct App {
    routes: Vec<MountedRoute>,
    nested: Vec<(String, axum::Router)>,
    /// `static_files`: directories served under prefixes.
    statics: Vec<(String, crate::static_files::StaticFiles)>,
    body_limit: usize,
    form_limits: crate::form::FormLimits,
    states: States,
    overrides: Overrides,
    dependencies: AppDependencies,
    lifespan: Option<crate::lifespan::LifespanFn>,
    metadata: Metadata,
    openapi_url: Option<String>,
    trailing_slash: crate::trailing_slash::TrailingSlash,
    docs_url: Option<String>,
    redoc_url: Option<String>,
    limits: crate::serve::Limits,
    request_timeout: Option<std::time::Duration>,
    debug: bool,
    /// Made by `App::new()`, which found no route in the program: starting it is an error,
    /// unless routes were added since.
    found_none: bool,
    /// `App::middleware` and `App::layer`, in the order added.
    middleware: crate::middleware::Stack,
    /// `App::status_handler`, `App::validation_error_handler`, `App::panic_handler`.
    handlers: crate::error::ExceptionHandlers,
    /// `App::websocket_config`.
    websocket: crate::context::WebSocketConfig,
    /// `App::trusted_proxies`, or why they were refused.
    proxies: Option<Result<crate::proxies::TrustedProxies, StartupError>>,
    /// `App::request_ids`.
    request_ids: bool,
    /// `App::rate_limit_algorithm`: how the app's limits count.
    rate_limit_algorithm: crate::ratelimit::Algorithm,
    /// `App::rate_limit_header_style`: the headers the app's limits write.
    rate_limit_header_style: crate::ratelimit::HeaderStyle,
    /// `App::rate_limit`: every request of a client counts against it; whether its answers
    /// carry the `X-RateLimit-*` headers.
    rate_limit: Option<(crate::ratelimit::Rate, bool)>,
    /// `App::rate_limit_store`: where the routes' `rate_limit`s count.
    #[cfg(feature = "redis")]
    rate_limit_store: Option<crate::ratelimit::RedisStore>,
    /// `App::metrics`.
    #[cfg(feature = "metrics")]
    metrics: Option<crate::metrics::Metrics>,
}

impl Default for App {
    fn default() -> Self {
        Self::new()
    }
}

impl App {
    /// An app with every route of the program.
    ///
    /// A program with no route at all cannot start such an app: the routes of a library crate
    /// count only once the program uses that crate (see [`App`]). [`App::empty`] is the app
    /// that is meant to have no routes.
    ///
    /// ```
    /// // This program declares no route.
    /// let error = fastrs::App::new().try_into_router().unwrap_err();
    /// assert!(error.to_string().starts_with("`App::new()` found no routes in this program"));
    /// assert!(fastrs::App::empty().try_into_router().is_ok());
    /// ```
    pub fn new() -> Self {
        let mut app = Self::empty().mount(registered());
        app.found_none = app.routes.is_empty();
        app
    }

    /// An app with no routes; add them with [`App::mount`].
    pub fn empty() -> Self {
        Self {
            routes: Vec::new(),
            nested: Vec::new(),
            statics: Vec::new(),
            body_limit: DEFAULT_BODY_LIMIT,
            form_limits: crate::form::FormLimits::new(),
            states: States::default(),
            overrides: Overrides::default(),
            dependencies: AppDependencies::default(),
            lifespan: None,
            metadata: Metadata {
                info: Info {
                    title: "FastAPI".to_owned(),
                    version: "0.1.0".to_owned(),
                    ..Info::default()
                },
                servers: Vec::new(),
                tags: Vec::new(),
                operation_ids: OperationIds::Function,
                style: crate::OpenApiStyle::Fastrs,
            },
            openapi_url: Some("/openapi.json".to_owned()),
            trailing_slash: crate::trailing_slash::TrailingSlash::Redirect,
            docs_url: Some("/docs".to_owned()),
            redoc_url: Some("/redoc".to_owned()),
            limits: crate::serve::Limits::default(),
            request_timeout: None,
            debug: false,
            found_none: false,
            middleware: crate::middleware::Stack::default(),
            handlers: crate::error::ExceptionHandlers::default(),
            websocket: crate::context::WebSocketConfig::new(),
            proxies: None,
            request_ids: false,
            rate_limit_algorithm: crate::ratelimit::Algorithm::FixedWindow,
            rate_limit_header_style: crate::ratelimit::HeaderStyle::XRateLimit,
            rate_limit: None,
            #[cfg(feature = "redis")]
            rate_limit_store: None,
            #[cfg(feature = "metrics")]
            metrics: None,
        }
    }

    /// An app with the routes declared in module `module` and its submodules, such as
    /// `module_path!()`. Several apps can live in one program this way, tests among them.
    pub fn scoped(module: &str) -> Self {
        Self::empty().mount(registered().filter(|r| within(r.module, module)))
    }

    /// Adds routes: `app.mount(fastrs::routes![read_item, create_item])`. Each is served
    /// inside the `router!`s of its module and the modules around it.
    #[must_use]
    pub fn mount(mut self, routes: impl IntoIterator<Item = &'static RouteDef>) -> Self {
        self.routes
            .extend(routes.into_iter().map(MountedRoute::declared));
        self
    }

    /// Adds the routes of a [`Router`], with its prefix, tags, dependencies and responses
    /// (FastAPI's `app.include_router(router)`).
    #[must_use]
    pub fn include(mut self, router: Router) -> Self {
        self.routes.extend(router.into_routes());
        self
    }

    /// Serves a plain axum `Router` under `prefix` (`"/"` merges it at the root).
    #[must_use]
    pub fn nest_axum(mut self, prefix: &str, router: axum::Router) -> Self {
        self.nested.push((prefix.to_owned(), router));
        self
    }

    /// Serves the files of a directory under `prefix`, as FastAPI's
    /// `app.mount("/static", StaticFiles(directory="static"))`: a path or a
    /// [`StaticFiles`](crate::StaticFiles) (`StaticFiles::new(dir).html(true)` for a site,
    /// `.frontend()` for a front end's build). The app's routes come first; at `/`, the files
    /// answer what no route does. A directory that does not exist stops the app at start-up.
    #[must_use]
    pub fn static_files(
        mut self,
        prefix: &str,
        files: impl Into<crate::static_files::StaticFiles>,
    ) -> Self {
        self.statics.push((prefix.to_owned(), files.into()));
        self
    }

    /// The app's templates, rendered by routes with a
    /// [`Page`](crate::templates::Page) parameter: `App::templates(Templates::new("templates")?)`.
    #[cfg(feature = "templates")]
    #[must_use]
    pub fn templates(self, templates: crate::templates::Templates) -> Self {
        self.state(templates)
    }

    /// Adds a state value, read by routes and dependencies with a `State<T>` parameter (one
    /// value per type; a second replaces the first).
    #[must_use]
    pub fn state<T: Clone + Send + Sync + 'static>(mut self, value: T) -> Self {
        self.states.insert(value);
        self
    }

    /// What a path that differs from a route's only by a trailing slash does: FastAPI's 307
    /// redirect (the default), a 404, or the route itself.
    #[must_use]
    pub fn trailing_slash(mut self, policy: crate::trailing_slash::TrailingSlash) -> Self {
        self.trailing_slash = policy;
        self
    }

    /// Runs dependency `F` before every route, for its effect (FastAPI's
    /// `FastAPI(dependencies=[Depends(f)])`): its errors join each 422, its answer ends the
    /// request, its parameters are documented on every operation.
    #[must_use]
    pub fn dependency<F: Dependency>(mut self) -> Self {
        self.dependencies.push(DependencyRef::of::<F>());
        self
    }

    /// Runs `startup` before the first request: it may build state (a database pool) and
    /// register work for after the last request. It returns a [`Lifespan`], or a
    /// `Result<Lifespan, E>` when it can fail: the app then does not start. `serve` runs both
    /// halves; in tests, `TestClient::start(app).await` and `client.shutdown().await` do.
    #[must_use]
    pub fn lifespan<F, Fut>(mut self, startup: F) -> Self
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: std::future::Future + Send + 'static,
        Fut::Output: crate::lifespan::IntoLifespan,
    {
        use crate::lifespan::IntoLifespan as _;
        self.lifespan = Some(crate::lifespan::LifespanFn(Box::new(move || {
            Box::pin(async move { startup().await.into_lifespan() })
        })));
        self
    }

    /// Runs the start-up of the lifespan (if any): its state joins the app's.
    pub(crate) async fn start(mut self) -> Result<(Self, Lifespan), StartupError> {
        let lifespan = match self.lifespan.take() {
            Some(startup) => (startup.0)().await?,
            None => Lifespan::default(),
        };
        let Lifespan { states, shutdown } = lifespan;
        self.states.extend(states);
        Ok((
            self,
            Lifespan {
                states: States::default(),
                shutdown,
            },
        ))
    }

    /// Replaces dependency `F` with `replacement`, another `#[depends]` function with the same
    /// output (its own parameters are read instead), everywhere `F` is asked for: FastAPI's
    /// `app.dependency_overrides[f] = replacement`, for tests.
    ///
    /// ```
    /// use fastrs::prelude::*;
    ///
    /// #[depends]
    /// async fn current_user(#[header] authorization: String) -> String { authorization }
    ///
    /// #[depends]
    /// fn test_user() -> String { "tester".into() }
    ///
    /// let app = App::new().override_dependency::<current_user>(test_user {});
    /// # let _ = app;
    /// ```
    #[must_use]
    pub fn override_dependency<F: Dependency>(
        mut self,
        replacement: impl Dependency<Output = F::Output>,
    ) -> Self {
        fn insert<F: Dependency, G: Dependency<Output = F::Output>>(
            overrides: &mut Overrides,
            _: G,
        ) {
            crate::depends::override_with::<F, G>(overrides);
        }
        insert::<F, _>(&mut self.overrides, replacement);
        self
    }

    /// Removes every dependency override.
    #[must_use]
    pub fn clear_dependency_overrides(mut self) -> Self {
        self.overrides.clear();
        self
    }

    /// The OpenAPI 3.1 document of the app, as `/openapi.json` serves it.
    pub fn openapi(&self) -> Result<OpenApi, StartupError> {
        let routes = self.routes();
        check_routes(&routes)?;
        crate::document::document(&self.metadata, &self.dependencies, &routes)
            .map_err(|e| StartupError::new(e.to_string()))
    }

    /// The routes as served (with their routers' prefixes), sorted by path, method, then
    /// place in the source. A route mounted twice at one path is listed once.
    pub fn routes(&self) -> Vec<MountedRoute> {
        let mut routes: Vec<(String, MountedRoute)> = self
            .routes
            .iter()
            .map(|r| (r.axum_path(), r.clone()))
            .collect();
        routes.sort_by(|(a_path, a), (b_path, b)| {
            let (a, b) = (a.def(), b.def());
            (a_path, a.method, a.file, a.line).cmp(&(b_path, b.method, b.file, b.line))
        });
        routes.dedup_by(|(a_path, a), (b_path, b)| {
            a_path == b_path && std::ptr::eq(a.def(), b.def())
        });
        let app_limit = self.rate_limit.map(|(rate, _)| rate);
        routes
            .into_iter()
            .map(|(_, route)| route.within_app_limit(app_limit))
            .collect()
    }

    /// Checks the routes and builds the axum router: its fallback is the app's own routing,
    /// so that it nests and merges in an axum app.
    pub fn try_into_router(self) -> Result<axum::Router, StartupError> {
        self.build()
            .map(|(service, _)| axum::Router::new().fallback_service(service))
    }

    /// Checks the routes and gives the app as a tower service, to serve with a server of your
    /// own (hyper's, or `axum::serve` through a make-service): it skips what an axum router
    /// adds to each request, which [`App::into_router`] keeps for embedding. As with
    /// `into_router`, the lifespan and app-scoped dependencies are not started: `serve` and
    /// `TestClient::start` do that.
    pub fn try_into_service(
        self,
    ) -> Result<
        impl tower::Service<
            axum::extract::Request,
            Response = axum::response::Response,
            Error = std::convert::Infallible,
            Future = impl std::future::Future<
                Output = Result<axum::response::Response, std::convert::Infallible>,
            > + Send
                     + 'static,
        > + Clone
        + Send
        + Sync
        + 'static,
        StartupError,
    > {
        self.build().map(|(service, _)| service)
    }

    /// The rate limits of `route`, in the order they count: its own `rate_limit` (its counts
    /// shared by its paths, a trailing slash's alias too), then its routers', innermost first,
    /// each shared by the router's routes (kept in `shared` as they are made).
    fn route_limits(
        &self,
        route: &MountedRoute,
        shared: &mut Vec<((usize, &'static str), Arc<crate::ratelimit::RouteLimit>)>,
    ) -> Arc<[Arc<crate::ratelimit::RouteLimit>]> {
        let def = route.def();
        let mut limits = Vec::new();
        if let Some(rate) = def.options.rate_limit {
            // In Redis under the route's method and path, which every instance shares.
            let name = format!("{} {}", def.method.as_str(), route.axum_path());
            limits.push(self.limit(rate, def.options.rate_limit_headers, &name));
        }
        for router in route.router_limits() {
            let key = router.key();
            let limit = match shared.iter().find(|(k, _)| *k == key) {
                Some((_, limit)) => Arc::clone(limit),
                None => {
                    let limit = self.limit(router.rate, router.headers, &router.name);
                    shared.push((key, Arc::clone(&limit)));
                    limit
                }
            };
            limits.push(limit);
        }
        limits.into()
    }

    /// A rate limit of the app (its own, or a route's), counted where the app's store is:
    /// in memory, or in Redis under `name`.
    fn limit(
        &self,
        rate: crate::ratelimit::Rate,
        headers: bool,
        name: &str,
    ) -> Arc<crate::ratelimit::RouteLimit> {
        let limit = crate::ratelimit::RouteLimit::new(
            rate,
            self.rate_limit_algorithm,
            headers,
            self.rate_limit_header_style,
            name,
        );
        #[cfg(feature = "redis")]
        let limit = match &self.rate_limit_store {
            Some(store) => limit.in_redis(store),
            None => limit,
        };
        Arc::new(limit)
    }

    /// Checks the routes and builds the axum router, with what its handlers share (to build
    /// the app-scoped dependencies before serving).
    pub(crate) fn build(
        mut self,
    ) -> Result<(crate::middleware::AppService, Arc<AppContext>), StartupError> {
        let middleware = std::mem::take(&mut self.middleware);
        // Kept for the program's life, as the routes are: a request reads them by reference.
        let handlers: Option<&'static crate::error::ExceptionHandlers> =
            match std::mem::take(&mut self.handlers) {
                handlers if handlers.is_empty() => None,
                handlers => Some(Box::leak(Box::new(handlers))),
            };
        let request_timeout = self.request_timeout;
        let app_limit = self
            .rate_limit
            .map(|(rate, headers)| self.limit(rate, headers, "app"));
        if self.found_none
            && self.routes.is_empty()
            && self.nested.is_empty()
            && self.statics.is_empty()
        {
            return Err(StartupError::new(NO_ROUTES.to_owned()));
        }
        let routes = self.routes();
        check_routes(&routes)?;
        for (_, files) in &self.statics {
            files.check().map_err(StartupError::new)?;
        }
        let openapi = match &self.openapi_url {
            Some(url) => {
                crate::document::check_operation_ids(&self.metadata, &routes)
                    .map_err(|e| StartupError::new(e.to_string()))?;
                let document = crate::document::LazyDocument::new(
                    self.metadata.clone(),
                    self.dependencies.clone(),
                    routes.clone(),
                );
                Some((url.clone(), Arc::new(document)))
            }
            None => None,
        };
        let needs: Vec<checks::Requirements> = routes
            .iter()
            .map(|route| requirements(route, &self.dependencies, &self.overrides))
            .collect();
        for (route, needs) in routes.iter().zip(&needs) {
            check_path_params(route, needs)?;
            check_states(route, needs, &self.states)?;
            check_rules(route, needs)?;
        }
        let app_values = AppValues::new(needs.iter().flat_map(|n| n.app_scoped.iter().copied()));
        let shared = Arc::new(AppContext {
            body_limit: self.body_limit,
            form_limits: self.form_limits,
            states: self.states.clone(),
            overrides: self.overrides.clone(),
            dependencies: self.dependencies.clone(),
            shared_dependencies: Vec::new(),
            embed_bodies: false,
            app_values: Arc::new(app_values),
            debug: self.debug,
            handlers,
            background: Arc::default(),
            ranged: false,
            websocket: self.websocket,
            closing: Arc::default(),
            // A route that reads the address, or a rate limit that counts it.
            client_addr: needs.iter().any(|n| n.client)
                || self.rate_limit.is_some()
                || routes.iter().any(|r| r.rate_limit().is_some()),
            urls: Arc::new(crate::context::UrlTable {
                routes: routes
                    .iter()
                    .map(|route| (route.name(), route.openapi_path()))
                    .collect(),
                statics: self
                    .statics
                    .iter()
                    .map(|(prefix, _)| {
                        let prefix = prefix.trim_end_matches('/');
                        let name = prefix.rsplit('/').next().unwrap_or("");
                        let name = if name.is_empty() { "static" } else { name };
                        (name.to_owned(), prefix.to_owned())
                    })
                    .collect(),
            }),
        });
        let mut routing = crate::routing::RoutingBuilder::new();
        // The routers' limits made so far, each shared by the router's routes.
        let mut router_limits = Vec::new();
        // Every limit, once, for the metrics.
        #[cfg(feature = "metrics")]
        let mut all_limits: Vec<Arc<crate::ratelimit::RouteLimit>> =
            app_limit.iter().cloned().collect();
        for (route, needs) in routes.iter().zip(&needs) {
            // A route inside routers with dependencies runs them after the app's, and one
            // whose graph reaches a dependency twice shares its value.
            let shared_dependencies = needs.shared_dependencies();
            let embed_bodies = needs.bodies > 1;
            let route_handlers = route_handlers(route, handlers);
            // A route that may answer a file keeps its requests' `Range`.
            let ranged = crate::context::Meta::of(route.def().describe)
                .facts()
                .iter()
                .any(|fact| matches!(fact, crate::context::Fact::Ranged));
            let shared = if route.dependencies().is_empty()
                && shared_dependencies.is_empty()
                && !embed_bodies
                && !ranged
                && route_handlers.is_none()
            {
                Arc::clone(&shared)
            } else {
                Arc::new(AppContext {
                    dependencies: shared.dependencies.then(route.dependencies()),
                    shared_dependencies,
                    embed_bodies,
                    ranged,
                    handlers: route_handlers.or(handlers),
                    ..AppContext::clone(&shared)
                })
            };
            let def = route.def();
            let limits = self.route_limits(route, &mut router_limits);
            #[cfg(feature = "metrics")]
            for limit in limits.iter() {
                if !all_limits.iter().any(|l| Arc::ptr_eq(l, limit)) {
                    all_limits.push(Arc::clone(limit));
                }
            }
            let wrapped =
                crate::middleware::route_service(route.middleware(), def, &shared, &limits)?;
            routing.route(&route.axum_path(), def, shared, limits, wrapped);
        }
        let declared = routing.templates();
        if self.trailing_slash == crate::trailing_slash::TrailingSlash::MatchBoth {
            for template in &declared {
                if let Some(other) = crate::trailing_slash::toggled(template) {
                    routing.alias(template, other);
                }
            }
        }
        #[cfg(feature = "metrics")]
        let metering = self.metering(&routes, &all_limits);
        // The paths that a slash more or less redirects to: the routes' and the documents'.
        let mut fallback_paths = declared;
        let mut router = axum::Router::new();
        if let Some((url, document)) = openapi {
            let serve = move || {
                let document = Arc::clone(&document);
                async move {
                    match document.json() {
                        Ok(json) => (
                            [(http::header::CONTENT_TYPE, "application/json")],
                            json.clone(),
                        )
                            .into_response(),
                        Err(why) => {
                            crate::say::say_error!(
                                "the OpenAPI document could not be built: {why}"
                            );
                            crate::response::internal_error()
                        }
                    }
                }
            };
            router = router.route(&url, axum::routing::get(serve));
            routing.rest(&url);
            fallback_paths.push(url.clone());
            if let Some(docs_url) = &self.docs_url {
                let title = &self.metadata.info.title;
                router = router.merge(crate::document::swagger::router(docs_url, &url, title));
                routing.rest(docs_url);
                routing.rest(&format!("{docs_url}/{{*rest}}"));
                fallback_paths.push(docs_url.clone());
            }
            if let Some(redoc_url) = &self.redoc_url {
                let title = &self.metadata.info.title;
                router = router.merge(crate::document::scalar::router(redoc_url, &url, title));
                routing.rest(redoc_url);
                routing.rest(&format!("{redoc_url}/{{*rest}}"));
                fallback_paths.push(redoc_url.clone());
            }
        }
        // An axum router merged at the root serves what no route of the app matches.
        for (prefix, nested) in self.nested {
            router = match prefix.trim_end_matches('/') {
                "" => router.merge(nested),
                prefix => {
                    routing.rest(prefix);
                    routing.rest(&format!("{prefix}/{{*rest}}"));
                    router.nest(prefix, nested)
                }
            };
        }
        // Static files under a prefix, and at the root what nothing else answers.
        let mut root_files = None;
        for (prefix, files) in std::mem::take(&mut self.statics) {
            let service = files.service(&prefix);
            match prefix.trim_end_matches('/') {
                "" => root_files = Some(service),
                prefix => {
                    let (slash, rest) = (format!("{prefix}/"), format!("{prefix}/{{*rest}}"));
                    for path in [prefix, &slash, &rest] {
                        routing.rest(path);
                        router = router.route_service(path, service.clone());
                    }
                }
            }
        }
        let router = match (root_files, self.trailing_slash) {
            (Some(files), _) => router.fallback_service(files),
            (None, crate::trailing_slash::TrailingSlash::Redirect) => {
                let paths: Vec<&str> = fallback_paths.iter().map(String::as_str).collect();
                router.fallback(crate::trailing_slash::redirecting_fallback(&paths))
            }
            (None, _) => router.fallback(not_found),
        };
        let routing = routing.finish(router, request_timeout, app_limit)?;
        // The requests' spans and metrics are timed on a clock calibrated before the first.
        #[cfg(any(feature = "tracing", feature = "metrics"))]
        crate::clock::calibrate();
        let around = crate::middleware::Around {
            proxies: self.proxies.transpose()?.map(Arc::new),
            request_ids: self.request_ids,
            #[cfg(feature = "metrics")]
            metering,
        };
        let service = middleware.apply(routing, &shared, around)?;
        Ok((service, shared))
    }

    /// Builds the axum router, to serve it yourself or embed it in an axum app.
    ///
    /// # Panics
    ///
    /// When two routes cannot both be served; the message names both places.
    pub fn into_router(self) -> axum::Router {
        self.try_into_router()
            .unwrap_or_else(|e| panic!("fastrs: cannot start: {e}"))
    }
}

/// The exception handlers of a route inside routers that have some: theirs, then the app's
/// (kept for the program's life); `None` when its routers have none.
fn route_handlers(
    route: &crate::router::MountedRoute,
    app: Option<&'static crate::error::ExceptionHandlers>,
) -> Option<&'static crate::error::ExceptionHandlers> {
    if route.handlers().is_empty() {
        return None;
    }
    let mut handlers = route.handlers().clone();
    if let Some(app) = app {
        handlers.fill_from(app);
    }
    Some(Box::leak(Box::new(handlers.for_route())))
}
