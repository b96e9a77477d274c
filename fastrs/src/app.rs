//! `App`: the routes of a program, checked at start-up and served.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::routing::MethodRouter;
use bytes::Bytes;
use fastrs_openapi::OperationIds;
use fastrs_openapi::model::{Contact, Info, License, OpenApi, Server, Tag};

use crate::depends::Dependency;
use crate::document::Metadata;
use crate::lifespan::Lifespan;

use crate::response::{method_not_allowed, not_found};
use crate::route::{RouteDef, registered};
use crate::router::{MountedRoute, Router, within};

/// The default limit of a request body: 2 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// What every handler of one app shares.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct Shared {
    pub(crate) body_limit: usize,
    pub(crate) states: crate::state::States,
    pub(crate) overrides: crate::depends::Overrides,
    pub(crate) dependencies: crate::depends::AppDependencies,
    /// Debug mode: a panic's answer carries its message.
    pub(crate) debug: bool,
    /// The values of the app-scoped dependencies, built once for the app.
    pub(crate) app_values: Arc<crate::depends::AppValues>,
    /// The dependencies reached more than once in the route's graph: their values are
    /// cached in a request. Empty for most routes.
    pub(crate) shared_dependencies: Vec<std::any::TypeId>,
    /// The route and its dependencies read several body parameters between them: each is a
    /// key of the body object (FastAPI's embedding).
    pub(crate) embed_bodies: bool,
}

impl Shared {
    /// What an app with no settings shares, for reading outside a served app.
    #[cfg(any(test, feature = "fuzz"))]
    pub(crate) fn standalone() -> Self {
        Self {
            body_limit: DEFAULT_BODY_LIMIT,
            states: crate::state::States::default(),
            overrides: crate::depends::Overrides::default(),
            dependencies: crate::depends::AppDependencies::default(),
            shared_dependencies: Vec::new(),
            embed_bodies: false,
            app_values: Arc::default(),
            debug: false,
        }
    }

    /// Whether the app runs dependencies before every route.
    pub fn has_dependencies(&self) -> bool {
        !self.dependencies.is_empty()
    }

    /// Builds the app-scoped dependencies, before the first request.
    pub(crate) async fn warm(&self) -> Result<(), StartupError> {
        self.app_values.warm(self).await.map_err(StartupError)
    }

    /// Whether dependency `id` is asked for more than once in a request of this route.
    pub(crate) fn shares(&self, id: std::any::TypeId) -> bool {
        !self.shared_dependencies.is_empty() && self.shared_dependencies.contains(&id)
    }
}

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
    body_limit: usize,
    states: crate::state::States,
    overrides: crate::depends::Overrides,
    dependencies: crate::depends::AppDependencies,
    lifespan: Option<crate::lifespan::LifespanFn>,
    metadata: Metadata,
    openapi_url: Option<String>,
    trailing_slash: crate::TrailingSlash,
    docs_url: Option<String>,
    redoc_url: Option<String>,
    limits: crate::serve::Limits,
    request_timeout: Option<std::time::Duration>,
    debug: bool,
}

/// Why an app could not start: two routes that cannot both be served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartupError(String);

impl StartupError {
    pub(crate) fn new(message: String) -> Self {
        Self(message)
    }
}

impl std::fmt::Display for StartupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartupError {}

impl Default for App {
    fn default() -> Self {
        Self::new()
    }
}

impl App {
    /// An app with every route of the program.
    pub fn new() -> Self {
        Self::empty().mount(registered())
    }

    /// An app with no routes; add them with [`App::mount`].
    pub fn empty() -> Self {
        Self {
            routes: Vec::new(),
            nested: Vec::new(),
            body_limit: crate::app::DEFAULT_BODY_LIMIT,
            states: crate::state::States::default(),
            overrides: crate::depends::Overrides::default(),
            dependencies: crate::depends::AppDependencies::default(),
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
            },
            openapi_url: Some("/openapi.json".to_owned()),
            trailing_slash: crate::TrailingSlash::Redirect,
            docs_url: Some("/docs".to_owned()),
            redoc_url: Some("/redoc".to_owned()),
            limits: crate::serve::Limits::default(),
            request_timeout: None,
            debug: false,
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
    pub fn trailing_slash(mut self, policy: crate::TrailingSlash) -> Self {
        self.trailing_slash = policy;
        self
    }

    /// Runs dependency `F` before every route, for its effect (FastAPI's
    /// `FastAPI(dependencies=[Depends(f)])`): its errors join each 422, its answer ends the
    /// request, its parameters are documented on every operation.
    #[must_use]
    pub fn dependency<F: Dependency>(mut self) -> Self {
        self.dependencies.push::<F>();
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
                states: crate::state::States::default(),
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
            overrides: &mut crate::depends::Overrides,
            _: G,
        ) {
            overrides.insert::<F, G>();
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

    /// The largest request body read, in bytes; a larger one answers 413 without being read.
    /// Default: 2 MiB.
    #[must_use]
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// The longest request target (path and query) served, in bytes; a longer one answers 414.
    /// Default: 16 KiB.
    #[must_use]
    pub fn max_uri_length(mut self, bytes: usize) -> Self {
        self.limits.max_uri = bytes;
        self
    }

    /// The longest header line (name and value) read, in bytes; a longer one answers 431.
    /// Default: 16 KiB.
    #[must_use]
    pub fn max_header_line(mut self, bytes: usize) -> Self {
        self.limits.max_header_line = bytes;
        self
    }

    /// The most header lines a request may have; more answer 431. Default: 100.
    #[must_use]
    pub fn max_headers(mut self, count: usize) -> Self {
        self.limits.max_headers = count;
        self
    }

    /// The largest request head (request line and every header), in bytes; a larger one
    /// answers 431. Default: 64 KiB.
    #[must_use]
    pub fn max_head_size(mut self, bytes: usize) -> Self {
        self.limits.max_head = bytes;
        self
    }

    /// How long a connection may take to send a request's head once the server waits for
    /// one; it is closed after that (slow clients, slowloris). `None` waits forever.
    /// Default: 10 s.
    #[must_use]
    pub fn header_read_timeout(mut self, timeout: Option<std::time::Duration>) -> Self {
        self.limits.header_read_timeout = timeout;
        self
    }

    /// How long an idle keep-alive connection is kept; it is closed after that (between
    /// requests, never during one). `None` keeps it. Default: 5 s.
    #[must_use]
    pub fn keep_alive_timeout(mut self, timeout: Option<std::time::Duration>) -> Self {
        self.limits.keep_alive_timeout = timeout;
        self
    }

    /// The most connections served at once; further clients wait in the listen backlog until
    /// one closes (uvicorn's `--limit-concurrency`, without its 503). No cap by default.
    #[must_use]
    pub fn max_connections(mut self, count: usize) -> Self {
        self.limits.max_connections = Some(count.max(1));
        self
    }

    /// How long the requests in flight may still run after the shutdown signal; the
    /// connections still open then are closed. Default: 30 s.
    #[must_use]
    pub fn grace_period(mut self, period: std::time::Duration) -> Self {
        self.limits.grace_period = period;
        self
    }

    /// The longest a request may take, from the handler's start to its answer (dependencies
    /// and cleanups included); a slower one answers 504 `{"detail":"Gateway Timeout"}` and its
    /// work is dropped. Off by default.
    #[must_use]
    pub fn request_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.request_timeout = Some(timeout);
        self
    }

    /// Debug mode: a panic's answer (500) carries its message and place, as FastAPI's
    /// `debug=True` shows the traceback. Off by default; never on in production.
    #[must_use]
    pub fn debug(mut self, debug: bool) -> Self {
        self.debug = debug;
        self
    }

    /// The API's title (FastAPI's default is `FastAPI`).
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.metadata.info.title = title.into();
        self
    }

    /// The API's version (default `0.1.0`).
    #[must_use]
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.metadata.info.version = version.into();
        self
    }

    /// A one-line summary of the API.
    #[must_use]
    pub fn summary(mut self, summary: impl Into<String>) -> Self {
        self.metadata.info.summary = Some(summary.into());
        self
    }

    /// A description of the API (Markdown).
    #[must_use]
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.metadata.info.description = Some(description.into());
        self
    }

    /// A URL to the terms of service.
    #[must_use]
    pub fn terms_of_service(mut self, url: impl Into<String>) -> Self {
        self.metadata.info.terms_of_service = Some(url.into());
        self
    }

    /// Who to contact about the API.
    #[must_use]
    pub fn contact(mut self, contact: Contact) -> Self {
        self.metadata.info.contact = Some(contact);
        self
    }

    /// The API's license.
    #[must_use]
    pub fn license(mut self, license: License) -> Self {
        self.metadata.info.license = Some(license);
        self
    }

    /// Adds a server the API is reachable at.
    #[must_use]
    pub fn server(mut self, server: Server) -> Self {
        self.metadata.servers.push(server);
        self
    }

    /// Describes a tag (FastAPI's `openapi_tags`); tags are listed in the order described.
    #[must_use]
    pub fn tag(mut self, tag: Tag) -> Self {
        self.metadata.tags.push(tag);
        self
    }

    /// Where the OpenAPI document is served (default `/openapi.json`); `None` switches it off.
    #[must_use]
    pub fn openapi_url(mut self, url: Option<&str>) -> Self {
        self.openapi_url = url.map(str::to_owned);
        self
    }

    /// Where Swagger UI is served (default `/docs`); `None` switches it off. It needs the
    /// document, so it is off too when [`App::openapi_url`] is `None`.
    #[must_use]
    pub fn docs_url(mut self, url: Option<&str>) -> Self {
        self.docs_url = url.map(str::to_owned);
        self
    }

    /// Where the second documentation page (an API reference by Scalar) is served (default
    /// `/redoc`, as FastAPI's ReDoc); `None` switches it off.
    #[must_use]
    pub fn redoc_url(mut self, url: Option<&str>) -> Self {
        self.redoc_url = url.map(str::to_owned);
        self
    }

    /// How operation ids are made for routes that give none: the function's name (default),
    /// or FastAPI's generated ids for clients generated against a FastAPI app.
    #[must_use]
    pub fn operation_ids(mut self, ids: OperationIds) -> Self {
        self.metadata.operation_ids = ids;
        self
    }

    /// The OpenAPI 3.1 document of the app, as `/openapi.json` serves it.
    pub fn openapi(&self) -> Result<OpenApi, StartupError> {
        let routes = self.routes();
        check_routes(&routes)?;
        crate::document::document(&self.metadata, &self.dependencies, &routes)
            .map_err(|e| StartupError(e.to_string()))
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
        routes.into_iter().map(|(_, route)| route).collect()
    }

    /// Checks the routes and builds the axum router.
    pub fn try_into_router(self) -> Result<axum::Router, StartupError> {
        self.build().map(|(router, _)| router)
    }

    /// Checks the routes and builds the axum router, with what its handlers share (to build
    /// the app-scoped dependencies before serving).
    pub(crate) fn build(self) -> Result<(axum::Router, Arc<Shared>), StartupError> {
        let request_timeout = self.request_timeout;
        let routes = self.routes();
        check_routes(&routes)?;
        let openapi = match &self.openapi_url {
            Some(url) => Some((url.clone(), Bytes::from(self.openapi()?.to_json()))),
            None => None,
        };
        let needs: Vec<crate::state::Requirements> = routes
            .iter()
            .map(|route| requirements(route, &self.dependencies, &self.overrides))
            .collect();
        for (route, needs) in routes.iter().zip(&needs) {
            check_path_params(route, needs)?;
            check_states(route, needs, &self.states)?;
        }
        let app_values =
            crate::depends::AppValues::new(needs.iter().flat_map(|n| n.app_scoped.iter().copied()));
        let shared = Arc::new(Shared {
            body_limit: self.body_limit,
            states: self.states.clone(),
            overrides: self.overrides.clone(),
            dependencies: self.dependencies.clone(),
            shared_dependencies: Vec::new(),
            embed_bodies: false,
            app_values: Arc::new(app_values),
            debug: self.debug,
        });
        let mut by_path: BTreeMap<String, MethodRouter> = BTreeMap::new();
        let mut by_path_extra: Vec<(String, MethodRouter)> = Vec::new();
        for (route, needs) in routes.iter().zip(&needs) {
            let path = route.axum_path();
            let method_router = by_path.remove(&path).unwrap_or_default();
            // A route inside routers with dependencies runs them after the app's, and one
            // whose graph reaches a dependency twice shares its value.
            let shared_dependencies = needs.shared_dependencies();
            let embed_bodies = needs.bodies > 1;
            let shared = if route.dependencies().is_empty()
                && shared_dependencies.is_empty()
                && !embed_bodies
            {
                Arc::clone(&shared)
            } else {
                Arc::new(Shared {
                    dependencies: shared.dependencies.then(route.dependencies()),
                    shared_dependencies,
                    embed_bodies,
                    ..Shared::clone(&shared)
                })
            };
            by_path.insert(path, (route.def().mount)(method_router, &shared));
        }
        let declared: Vec<String> = by_path.keys().cloned().collect();
        if self.trailing_slash == crate::TrailingSlash::MatchBoth {
            let extra: Vec<(String, MethodRouter)> = by_path
                .iter()
                .filter_map(|(path, method_router)| {
                    let other = crate::trailing_slash::toggled(path)?;
                    (!by_path.contains_key(&other)).then(|| (other, method_router.clone()))
                })
                .collect();
            for (path, method_router) in extra {
                by_path_extra.push((path, method_router));
            }
        }
        let fallback_paths = declared;
        let mut router = axum::Router::new();
        if let Some((url, document)) = openapi {
            let serve = move || {
                let document = document.clone();
                async move { ([(http::header::CONTENT_TYPE, "application/json")], document) }
            };
            router = router.route(&url, axum::routing::get(serve));
            if let Some(docs_url) = &self.docs_url {
                let title = &self.metadata.info.title;
                router = router.merge(crate::document::swagger::router(docs_url, &url, title));
            }
            if let Some(redoc_url) = &self.redoc_url {
                let title = &self.metadata.info.title;
                router = router.merge(crate::document::scalar::router(redoc_url, &url, title));
            }
        }
        for (path, method_router) in by_path {
            router = router.route(&path, method_router.fallback(method_not_allowed));
        }
        for (path, method_router) in by_path_extra {
            router = router.route(&path, method_router.fallback(method_not_allowed));
        }
        for (prefix, nested) in self.nested {
            router = match prefix.trim_end_matches('/') {
                "" => router.merge(nested),
                prefix => router.nest(prefix, nested),
            };
        }
        let router = match self.trailing_slash {
            crate::TrailingSlash::Redirect => {
                let paths: Vec<&str> = fallback_paths.iter().map(String::as_str).collect();
                router.fallback(crate::trailing_slash::redirecting_fallback(&paths))
            }
            _ => router.fallback(not_found),
        };
        let router = match request_timeout {
            Some(after) => router.layer(crate::timeout::TimeoutLayer(after)),
            None => router,
        };
        Ok((router, shared))
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

    /// The program's entry point: serves on `addr`, or, when the program is called with
    /// `openapi [FILE]`, writes the OpenAPI document (indented JSON) to `FILE` or to standard
    /// output and returns. `cargo run -p my-app -- openapi > openapi.json` lets a CI diff the
    /// document.
    pub async fn run(self, addr: impl tokio::net::ToSocketAddrs) -> std::io::Result<()> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        match args.first().map(String::as_str) {
            Some("openapi") => {
                let document = self.openapi().map_err(std::io::Error::other)?;
                let json = format!("{}\n", document.to_pretty_json());
                match args.get(1) {
                    Some(file) => std::fs::write(file, json),
                    None => std::io::Write::write_all(&mut std::io::stdout(), json.as_bytes()),
                }
            }
            Some(other) => Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "unknown command `{other}`; run with no argument to serve, or `openapi [FILE]` to write the OpenAPI document"
                ),
            )),
            None => self.serve(addr).await,
        }
    }

    /// Serves the app on `addr` until SIGTERM or Ctrl-C, then finishes in-flight requests.
    pub async fn serve(self, addr: impl tokio::net::ToSocketAddrs) -> std::io::Result<()> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        self.serve_on(listener).await
    }

    /// Serves the app on a bound listener, as [`App::serve`] does.
    pub async fn serve_on(self, listener: tokio::net::TcpListener) -> std::io::Result<()> {
        self.serve_with_shutdown(listener, crate::serve::shutdown_signal())
            .await
    }

    /// Serves the app on a bound listener until `signal` completes, then stops accepting and
    /// finishes the requests in flight before returning.
    pub async fn serve_with_shutdown(
        self,
        listener: tokio::net::TcpListener,
        signal: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let banner = format!(
            "{} {}",
            self.metadata.info.title, self.metadata.info.version
        );
        let limits = self.limits.clone();
        let (app, lifespan) = self.start().await.map_err(std::io::Error::other)?;
        let (router, shared) = app.build().map_err(std::io::Error::other)?;
        shared.warm().await.map_err(std::io::Error::other)?;
        eprintln!(
            "fastrs: {banner} serving on http://{}",
            listener.local_addr()?
        );
        let served = crate::serve::serve(listener, router, signal, limits).await;
        // The last request is done: the lifespan's shut-down work runs.
        lifespan.shut_down().await;
        served
    }
}

/// Refuses two routes with the same method and path, and paths that differ only by the
/// names of their parameters, naming both places.
fn check_routes(routes: &[MountedRoute]) -> Result<(), StartupError> {
    let mut seen: BTreeMap<(String, crate::route::Method), &MountedRoute> = BTreeMap::new();
    let mut shapes: BTreeMap<String, &MountedRoute> = BTreeMap::new();
    for route in routes {
        if route.axum_path().is_empty() {
            return Err(StartupError(format!(
                "`{}` at {} has the path `\"\"`, which only a router's prefix can complete; mount it inside a router with a prefix",
                route.name(),
                route.location()
            )));
        }
        let shape = shape_of(&route.axum_path());
        let method = route.def().method;
        if let Some(first) = seen.insert((shape.clone(), method), route) {
            return Err(StartupError(format!(
                "two routes answer `{} {}`: `{}` at {} and `{}` at {}",
                method,
                route.path(),
                first.name(),
                first.location(),
                route.name(),
                route.location()
            )));
        }
        if let Some(first) = shapes.get(&shape)
            && first.axum_path() != route.axum_path()
        {
            return Err(StartupError(format!(
                "the paths `{}` ({} at {}) and `{}` ({} at {}) differ only by parameter names; use the same names",
                first.path(),
                first.name(),
                first.location(),
                route.path(),
                route.name(),
                route.location()
            )));
        }
        shapes.entry(shape).or_insert(route);
    }
    Ok(())
}

/// What `route` requires, with the app's and its routers' dependencies, as served.
fn requirements(
    route: &MountedRoute,
    dependencies: &crate::depends::AppDependencies,
    overrides: &crate::depends::Overrides,
) -> crate::state::Requirements {
    let mut requirements = crate::state::Requirements {
        overrides: overrides.clone(),
        ..Default::default()
    };
    dependencies.require(&mut requirements);
    route.dependencies().require(&mut requirements);
    (route.def().requires)(&mut requirements);
    requirements
}

/// Refuses a route that reads a `State<T>` the app was not given, naming the route.
fn check_states(
    route: &MountedRoute,
    requirements: &crate::state::Requirements,
    states: &crate::state::States,
) -> Result<(), StartupError> {
    if let Some((_, name)) = requirements
        .states
        .iter()
        .find(|(id, _)| !states.contains(*id))
    {
        return Err(StartupError(format!(
            "`{}` ({} {} at {}) reads `State<{name}>`, but the app has no such state; add it with `App::state(...)`",
            route.name(),
            route.def().method,
            route.path(),
            route.location()
        )));
    }
    Ok(())
}

/// Refuses a `<name>` of the path that neither the route nor a dependency reads, and a
/// dependency's `#[path]` parameter the path does not have.
fn check_path_params(
    route: &MountedRoute,
    requirements: &crate::state::Requirements,
) -> Result<(), StartupError> {
    let in_path = path_params_of(route.def().axum_path);
    if let Some(unread) = in_path
        .iter()
        .find(|name| !requirements.path_params.contains(name))
    {
        return Err(StartupError(format!(
            "`<{unread}>` in the path of `{}` ({} {} at {}) is read by no argument and no dependency; add an argument `{unread}` or a dependency with `#[path] {unread}`",
            route.name(),
            route.def().method,
            route.path(),
            route.location()
        )));
    }
    if let Some(missing) = requirements
        .path_params
        .iter()
        .find(|name| !in_path.contains(name))
    {
        return Err(StartupError(format!(
            "a dependency of `{}` ({} {} at {}) reads the path parameter `{missing}`, but the path has no `<{missing}>`",
            route.name(),
            route.def().method,
            route.path(),
            route.location()
        )));
    }
    Ok(())
}

/// The parameter names of an axum path: `/files/{id}/{*rest}` gives `id` and `rest`.
fn path_params_of(path: &'static str) -> Vec<&'static str> {
    path.split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
        .map(|name| name.trim_start_matches('*'))
        .collect()
}

/// A path with its parameter names erased: `/items/{}`.
fn shape_of(path: &str) -> String {
    let mut shape = String::with_capacity(path.len());
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                shape.push('{');
            }
            '}' => {
                in_param = false;
                shape.push('}');
            }
            '*' if in_param => shape.push('*'),
            _ if in_param => {}
            c => shape.push(c),
        }
    }
    shape
}
