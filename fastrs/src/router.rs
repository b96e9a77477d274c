//! Routers: a prefix, tags, dependencies and responses shared by a group of routes, declared
//! for a module with `router!` or built as a [`Router`] value, composed like FastAPI's
//! `include_router`.

use std::sync::Arc;

use crate::context::{AppDependencies, DependencyRef, Fact, Meta, MiddlewareRef};
use crate::depends::Dependency;
use crate::error::{ExceptionHandlers, HandlerRef};
use crate::route::{ExtraResponse, RouteDef};

/// A module's router, as `router!` declared it.
#[doc(hidden)]
#[derive(Debug)]
pub struct RouterDef {
    /// `module_path!()` of the module it applies to (with its submodules).
    pub module: &'static str,
    /// The path prefix: `/items`, or `""`.
    pub prefix: &'static str,
    /// Tags added before each route's own.
    pub tags: &'static [&'static str],
    /// Dependencies run before each route's own.
    pub dependencies: &'static [DependencyRef],
    /// Answers each route documents unless it documents the same status itself.
    pub responses: &'static [ExtraResponse],
    /// Marks every route deprecated.
    pub deprecated: bool,
    /// `false` hides every route from the documentation.
    pub include_in_schema: bool,
    /// `middleware = [...]`: middleware functions around each route, after routing.
    pub middleware: &'static [MiddlewareRef],
    /// `exception_handlers = [...]`: handlers of error types for its routes, before the
    /// app's.
    pub exception_handlers: &'static [HandlerRef],
    /// `rate_limit = "100/minute"`: the requests each client may make to all its routes
    /// together.
    pub rate_limit: Option<crate::ratelimit::Rate>,
    /// `rate_limit_headers = false` leaves its `X-RateLimit-*` headers out.
    pub rate_limit_headers: bool,
    /// `file!()` of the `router!`.
    pub file: &'static str,
    /// `line!()` of the `router!`.
    pub line: u32,
}

/// A module router submitted to `inventory` by `router!`.
#[doc(hidden)]
pub struct RouterRegistration(pub &'static RouterDef);

inventory::collect!(RouterRegistration);

/// What one router adds to the routes inside it.
#[derive(Debug, Clone, Default)]
struct Layer {
    prefix: String,
    tags: Vec<String>,
    dependencies: AppDependencies,
    responses: Vec<ExtraResponse>,
    deprecated: bool,
    hidden: bool,
    /// Around each route, first added innermost.
    middleware: Vec<MiddlewareRef>,
    handlers: ExceptionHandlers,
    /// One count per client for all its routes: the rate, whether its headers are sent, and
    /// whose it is.
    rate_limit: Option<(crate::ratelimit::Rate, bool, LimitOwner)>,
}

/// A router's `rate_limit`, as a route inside it has it: one count per client, which the
/// router's routes share (one per app built).
#[derive(Debug, Clone)]
pub(crate) struct SharedLimit {
    pub(crate) rate: crate::ratelimit::Rate,
    pub(crate) headers: bool,
    owner: LimitOwner,
    /// Its name in Redis, the same in every instance of the app: `router <module>`, or
    /// `router <prefix>` for a `Router` value.
    pub(crate) name: String,
}

/// Whose limit it is: the routes of one owner share its counts.
#[derive(Debug, Clone)]
enum LimitOwner {
    /// A `router!`, by its module.
    Module(&'static str),
    /// A `Router` value (and its clones), by this allocation.
    Value(Arc<()>),
}

impl SharedLimit {
    /// What tells it from the other limits of an app: its counts are shared under it.
    pub(crate) fn key(&self) -> (usize, &'static str) {
        match &self.owner {
            LimitOwner::Module(module) => (0, module),
            LimitOwner::Value(id) => (Arc::as_ptr(id) as usize, ""),
        }
    }
}

impl Layer {
    fn of(def: &RouterDef) -> Self {
        let mut dependencies = AppDependencies::default();
        dependencies.after(def.dependencies.iter().copied());
        Self {
            prefix: def.prefix.to_owned(),
            tags: def.tags.iter().map(|t| (*t).to_owned()).collect(),
            dependencies,
            responses: def.responses.to_vec(),
            deprecated: def.deprecated,
            hidden: !def.include_in_schema,
            middleware: def.middleware.to_vec(),
            handlers: {
                let mut handlers = ExceptionHandlers::default();
                for register in def.exception_handlers {
                    (register.0)(&mut handlers);
                }
                handlers
            },
            rate_limit: def
                .rate_limit
                .map(|rate| (rate, def.rate_limit_headers, LimitOwner::Module(def.module))),
        }
    }
}

/// A route as an app serves it: its declaration, with what the routers around it add.
#[derive(Debug, Clone)]
pub struct MountedRoute {
    def: &'static RouteDef,
    prefix: String,
    tags: Vec<String>,
    dependencies: AppDependencies,
    responses: Vec<ExtraResponse>,
    deprecated: bool,
    hidden: bool,
    /// The route's middleware, then its routers', innermost first.
    middleware: Vec<MiddlewareRef>,
    /// Its routers' exception handlers, the innermost router's first.
    handlers: ExceptionHandlers,
    /// Its routers' `rate_limit`s, the innermost router's first.
    router_limits: Vec<SharedLimit>,
    /// The app's `rate_limit`, which counts the route's requests too.
    app_limit: Option<crate::ratelimit::Rate>,
}

impl MountedRoute {
    /// Route `def` inside the `router!`s of its module and the modules around it.
    pub(crate) fn declared(def: &'static RouteDef) -> Self {
        let mut route = Self {
            def,
            prefix: String::new(),
            tags: def.options.tags.iter().map(|t| (*t).to_owned()).collect(),
            dependencies: AppDependencies::default(),
            responses: def.options.responses.to_vec(),
            deprecated: def.options.deprecated,
            hidden: !def.options.include_in_schema,
            middleware: def.options.middleware.to_vec(),
            handlers: ExceptionHandlers::default(),
            router_limits: Vec::new(),
            app_limit: None,
        };
        let mut routers: Vec<&RouterDef> = module_routers()
            .filter(|r| within(def.module, r.module))
            .collect();
        // The innermost router wraps the route first.
        routers.sort_by_key(|r| std::cmp::Reverse(r.module.len()));
        for router in routers {
            route.wrap(&Layer::of(router));
        }
        route
    }

    fn wrap(&mut self, layer: &Layer) {
        self.prefix.insert_str(0, &layer.prefix);
        let mut tags = layer.tags.clone();
        tags.extend(self.tags.drain(..).filter(|t| !layer.tags.contains(t)));
        self.tags = tags;
        self.dependencies
            .after(layer.dependencies.entries().iter().copied());
        for extra in &layer.responses {
            if !self.responses.iter().any(|r| r.status == extra.status) {
                self.responses.push(*extra);
            }
        }
        self.deprecated |= layer.deprecated;
        self.hidden |= layer.hidden;
        self.middleware.extend(layer.middleware.iter().cloned());
        self.handlers.fill_from(&layer.handlers);
        if let Some((rate, headers, owner)) = &layer.rate_limit {
            let name = match owner {
                LimitOwner::Module(module) => format!("router {module}"),
                LimitOwner::Value(_) => format!("router {}", layer.prefix),
            };
            self.router_limits.push(SharedLimit {
                rate: *rate,
                headers: *headers,
                owner: owner.clone(),
                name,
            });
        }
    }

    /// Its middleware and its routers', innermost first.
    pub(crate) fn middleware(&self) -> &[MiddlewareRef] {
        &self.middleware
    }

    /// Its routers' exception handlers.
    pub(crate) fn handlers(&self) -> &ExceptionHandlers {
        &self.handlers
    }

    /// The limit its 429 names: the route's own `rate_limit`, or else its innermost
    /// router's, or else the app's.
    pub(crate) fn rate_limit(&self) -> Option<crate::ratelimit::Rate> {
        self.def
            .options
            .rate_limit
            .or_else(|| self.router_limits.first().map(|limit| limit.rate))
            .or(self.app_limit)
    }

    /// Its routers' `rate_limit`s, the innermost router's first.
    pub(crate) fn router_limits(&self) -> &[SharedLimit] {
        &self.router_limits
    }

    /// The route inside an app limited to `rate` per client.
    pub(crate) fn within_app_limit(mut self, rate: Option<crate::ratelimit::Rate>) -> Self {
        self.app_limit = rate;
        self
    }

    /// The route's declaration.
    pub fn def(&self) -> &'static RouteDef {
        self.def
    }

    /// The handler function's name.
    pub fn name(&self) -> &'static str {
        self.def.name
    }

    /// The path served, in the template syntax: the routers' prefixes, then the route's
    /// template (`/users/items/<id>`).
    pub fn path(&self) -> String {
        format!("{}{}", self.prefix, self.def.template)
    }

    /// axum's form of the path: `/users/items/{id}`.
    pub fn axum_path(&self) -> String {
        format!("{}{}", self.prefix, self.def.axum_path)
    }

    /// OpenAPI's form of the path.
    pub fn openapi_path(&self) -> String {
        format!("{}{}", self.prefix, self.def.openapi_path)
    }

    /// The tags: the outermost router's first, the route's own last, each once.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// The answers documented besides the success: the route's, then its routers' for other
    /// statuses.
    pub fn responses(&self) -> &[ExtraResponse] {
        &self.responses
    }

    /// Whether the route or one of its routers is deprecated.
    pub fn deprecated(&self) -> bool {
        self.deprecated
    }

    /// Whether the route is in the OpenAPI document (neither it nor a router hides it).
    pub fn include_in_schema(&self) -> bool {
        // FastAPI leaves websocket routes out of the document too.
        !self.hidden && self.def().method != crate::route::Method::WebSocket
    }

    /// The routers' dependencies, outermost first (the app's and the route's own are not
    /// included).
    pub(crate) fn dependencies(&self) -> &AppDependencies {
        &self.dependencies
    }

    /// `file:line` of the handler.
    pub fn location(&self) -> String {
        self.def.location()
    }

    /// The route's facts as served in an app whose dependencies are `app`: the app's and the
    /// routers' dependencies, the route's scopes and `dependencies = [...]`, then its own.
    pub(crate) fn meta(&self, app: &AppDependencies) -> Meta {
        let mut meta = Meta::default();
        app.describe(&mut meta);
        self.dependencies.describe(&mut meta);
        let options = &self.def.options;
        if !options.scopes.is_empty() {
            meta.push(Fact::Scopes(options.scopes));
        }
        for dependency in options.dependencies {
            dependency.describe(&mut meta);
        }
        (self.def.describe)(&mut meta);
        meta
    }
}

/// The module routers of the program.
fn module_routers() -> impl Iterator<Item = &'static RouterDef> {
    inventory::iter::<RouterRegistration>().map(|r| r.0)
}

/// Whether `module` is `ancestor` or inside it.
pub(crate) fn within(module: &str, ancestor: &str) -> bool {
    module == ancestor
        || module
            .strip_prefix(ancestor)
            .is_some_and(|rest| rest.starts_with("::"))
}

/// A group of routes with a prefix, tags, dependencies and responses in common: FastAPI's
/// `APIRouter`, as a value. Include it in an app with [`App::include`](crate::App::include),
/// or in another router with [`Router::include`]; the outer one's prefix, tags and
/// dependencies come first.
///
/// ```
/// use fastrs::prelude::*;
///
/// #[depends]
/// async fn admin_key(#[header] x_key: String) -> Result<(), HttpError> {
///     if x_key == "secret" { Ok(()) } else { Err(HttpError::new(fastrs::http::StatusCode::FORBIDDEN, "Forbidden")) }
/// }
///
/// #[get("/stats")]
/// async fn stats() -> &'static str { "ok" }
///
/// let admin = fastrs::Router::new()
///     .prefix("/admin")
///     .tags(["admin"])
///     .dependency::<admin_key>()
///     .mount(fastrs::routes![stats]);
/// let app = App::empty().include(admin); // GET /admin/stats, with an `x-key` header
/// # let _ = app;
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct Router {
    layer: Layer,
    routes: Vec<MountedRoute>,
}

impl Router {
    /// A router with no prefix and no routes.
    pub fn new() -> Self {
        Self::default()
    }

    /// The prefix of every path (`/items`): it starts with `/`, does not end with one, and
    /// has no parameter.
    ///
    /// # Panics
    ///
    /// When `prefix` is not of that form.
    pub fn prefix(mut self, prefix: &str) -> Self {
        if let Err(message) = check_prefix(prefix) {
            panic!("fastrs::Router::prefix({prefix:?}): {message}");
        }
        self.layer.prefix = prefix.to_owned();
        self
    }

    /// Tags added before each route's own.
    pub fn tags<T: Into<String>>(mut self, tags: impl IntoIterator<Item = T>) -> Self {
        self.layer.tags.extend(tags.into_iter().map(Into::into));
        self
    }

    /// Runs dependency `F` before each route of the router, for its effect.
    pub fn dependency<F: Dependency>(mut self) -> Self {
        self.layer.dependencies.push(DependencyRef::of::<F>());
        self
    }

    /// Documents another answer on each route that does not document the same status.
    pub fn response(mut self, response: ExtraResponse) -> Self {
        self.layer.responses.push(response);
        self
    }

    /// Marks each route deprecated.
    pub fn deprecated(mut self, deprecated: bool) -> Self {
        self.layer.deprecated = deprecated;
        self
    }

    /// `false` leaves each route out of the OpenAPI document.
    pub fn include_in_schema(mut self, include: bool) -> Self {
        self.layer.hidden = !include;
        self
    }

    /// Limits each client to `rate` requests to all the router's routes together (a route's
    /// own `rate_limit` counts besides), with the `X-RateLimit-*` headers unless `headers` is
    /// `false`. The router and its clones share the counts (one set per app built); in Redis
    /// ([`App::rate_limit_store`](crate::App::rate_limit_store)) the limit is named by the
    /// router's prefix, the same in every instance.
    pub fn rate_limit(mut self, rate: crate::ratelimit::Rate, headers: bool) -> Self {
        self.layer.rate_limit = Some((rate, headers, LimitOwner::Value(Arc::new(()))));
        self
    }

    /// Answers every `Err(error)` of type `E` of the router's routes and their dependencies,
    /// before the app's handler of `E` (see
    /// [`App::exception_handler`](crate::App::exception_handler)).
    pub fn exception_handler<E: Send + 'static>(
        mut self,
        handler: impl crate::error::ExceptionHandlerFn<E>,
    ) -> Self {
        self.layer.handlers.register(handler);
        self
    }

    /// Replaces the answer of every `HttpError` with `status` of the router's routes, before
    /// the app's handler of the status (the built-in 404 and 405 belong to no router).
    pub fn status_handler(
        mut self,
        status: http::StatusCode,
        handler: impl Fn(crate::HttpError) -> axum::response::Response + Send + Sync + 'static,
    ) -> Self {
        self.layer
            .handlers
            .set_status(status, std::sync::Arc::new(handler));
        self
    }

    /// Replaces the 422 of the router's routes.
    pub fn validation_error_handler(
        mut self,
        handler: impl Fn(crate::RequestValidationError) -> axum::response::Response
        + Send
        + Sync
        + 'static,
    ) -> Self {
        self.layer
            .handlers
            .set_validation(std::sync::Arc::new(handler));
        self
    }

    /// Replaces the 500 of a panic of the router's routes.
    pub fn panic_handler(
        mut self,
        handler: impl Fn(&crate::error::Panic) -> axum::response::Response + Send + Sync + 'static,
    ) -> Self {
        self.layer.handlers.set_panic(std::sync::Arc::new(handler));
        self
    }

    /// Adds a middleware of the router, outside those added before (the middleware layer's
    /// `Router::middleware` and `Router::layer` make it).
    pub(crate) fn push_middleware(mut self, middleware: MiddlewareRef) -> Self {
        self.layer.middleware.push(middleware);
        self
    }

    /// Adds routes (inside their modules' `router!`s): `.mount(fastrs::routes![a, b])`.
    pub fn mount(mut self, routes: impl IntoIterator<Item = &'static RouteDef>) -> Self {
        self.routes
            .extend(routes.into_iter().map(MountedRoute::declared));
        self
    }

    /// Adds the routes of another router, inside this one.
    pub fn include(mut self, router: Router) -> Self {
        self.routes.extend(router.into_routes());
        self
    }

    /// The routes, wrapped in this router.
    pub(crate) fn into_routes(self) -> impl Iterator<Item = MountedRoute> {
        let layer = self.layer;
        self.routes.into_iter().map(move |mut route| {
            route.wrap(&layer);
            route
        })
    }
}

/// Why `prefix` cannot prefix paths, if it cannot.
pub(crate) fn check_prefix(prefix: &str) -> Result<(), &'static str> {
    if prefix.is_empty() {
        return Ok(());
    }
    if !prefix.starts_with('/') {
        return Err("a prefix starts with `/`");
    }
    if prefix.ends_with('/') {
        return Err("a prefix does not end with `/`");
    }
    if prefix.contains(['<', '>', '{', '}', '*']) {
        return Err("a prefix has no parameter; declare path parameters in the routes");
    }
    Ok(())
}
