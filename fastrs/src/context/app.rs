//! What a request may see of the app: its state, its dependencies (the app's and routers'
//! list, overrides, app-scoped values), and what start-up counted for the route. Built by
//! `App`, read through `Cx`; every value is stored by `TypeId`, so that this layer does not
//! know the traits above it.

use std::any::{Any, TypeId};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use axum::response::Response;

use super::Cx;
use super::meta::{DescribeFn, Meta};

/// The default limit of a request body: 2 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// What the requests of one mounted route see of the app.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct AppContext {
    pub(crate) body_limit: usize,
    /// The app's form limits (FastAPI's `form_limits`); a route's own come first.
    pub(crate) form_limits: crate::form::FormLimits,
    pub(crate) states: States,
    pub(crate) overrides: Overrides,
    /// The app's and the routers' dependencies, run before the route's.
    pub(crate) dependencies: AppDependencies,
    /// Debug mode: a panic's answer carries its message.
    pub(crate) debug: bool,
    /// The values of the app-scoped dependencies, built once for the app.
    pub(crate) app_values: Arc<AppValues>,
    /// The dependencies reached more than once in the route's graph: their values are
    /// cached in a request. Empty for most routes.
    pub(crate) shared_dependencies: Vec<TypeId>,
    /// The route and its dependencies read several body parameters between them: each is a
    /// key of the body object (FastAPI's embedding).
    pub(crate) embed_bodies: bool,
    /// The app's exception handlers, when it has any (kept for the program's life).
    pub(crate) handlers: Option<&'static crate::error::ExceptionHandlers>,
    /// The background tasks running, for graceful shutdown to wait for.
    pub(crate) background: Arc<super::Running>,
    /// The route may answer a file: its requests' `Range` is kept to cut the answer.
    pub(crate) ranged: bool,
    /// The paths of the app's routes and static directories by name, for `url_for`.
    #[cfg_attr(not(feature = "templates"), allow(dead_code))]
    pub(crate) urls: Arc<UrlTable>,
    /// The limits and keep-alive of the app's websockets.
    #[cfg_attr(not(feature = "ws"), allow(dead_code))]
    pub(crate) websocket: super::WebSocketConfig,
    /// The server's shutdown, watched by the open websockets.
    pub(crate) closing: Arc<super::Closing>,
    /// Some route or dependency reads the client's address (`ClientAddr`): the server puts
    /// it in each request's extensions, which the others are spared.
    pub(crate) client_addr: bool,
}

/// The app's paths by name, for `url_for`: each route's template under its function's name,
/// and each static directory's prefix under its last segment (`static` for `/static`).
#[derive(Debug, Default)]
#[cfg_attr(not(feature = "templates"), allow(dead_code))]
pub struct UrlTable {
    pub(crate) routes: Vec<(&'static str, String)>,
    pub(crate) statics: Vec<(String, String)>,
}

impl AppContext {
    /// What an app with no settings shares, for reading outside a served app (a websocket's
    /// message).
    #[cfg(any(test, feature = "fuzz", feature = "ws"))]
    pub(crate) fn standalone() -> Self {
        Self {
            body_limit: DEFAULT_BODY_LIMIT,
            form_limits: crate::form::FormLimits::new(),
            states: States::default(),
            overrides: Overrides::default(),
            dependencies: AppDependencies::default(),
            shared_dependencies: Vec::new(),
            embed_bodies: false,
            app_values: Arc::default(),
            debug: false,
            handlers: None,
            background: Arc::default(),
            ranged: false,
            urls: Arc::default(),
            websocket: super::WebSocketConfig::new(),
            closing: Arc::default(),
            client_addr: false,
        }
    }

    /// Whether the app runs dependencies before every route.
    pub fn has_dependencies(&self) -> bool {
        !self.dependencies.is_empty()
    }

    /// Builds the app-scoped dependencies, before the first request: `Err` says why one
    /// could not be.
    pub(crate) async fn warm(&self) -> Result<(), String> {
        self.app_values.warm(self).await
    }

    /// Whether dependency `id` is asked for more than once in a request of this route.
    pub(crate) fn shares(&self, id: TypeId) -> bool {
        !self.shared_dependencies.is_empty() && self.shared_dependencies.contains(&id)
    }
}

/// A value stored by type.
type Value = Arc<dyn Any + Send + Sync>;

/// The app's state values, by type.
#[derive(Default, Clone)]
pub(crate) struct States {
    values: Vec<(TypeId, &'static str, Value)>,
}

impl std::fmt::Debug for States {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.values.iter().map(|(_, name, _)| name))
            .finish()
    }
}

impl States {
    pub(crate) fn insert<T: Clone + Send + Sync + 'static>(&mut self, value: T) {
        let id = TypeId::of::<T>();
        self.values.retain(|(key, _, _)| *key != id);
        self.values
            .push((id, std::any::type_name::<T>(), Arc::new(value)));
    }

    pub(crate) fn get<T: Clone + Send + Sync + 'static>(&self) -> Option<T> {
        let id = TypeId::of::<T>();
        self.values
            .iter()
            .find(|(key, _, _)| *key == id)
            .and_then(|(_, _, value)| value.downcast_ref::<T>())
            .cloned()
    }

    pub(crate) fn extend(&mut self, other: States) {
        for (id, name, value) in other.values {
            self.values.retain(|(key, _, _)| *key != id);
            self.values.push((id, name, value));
        }
    }

    pub(crate) fn contains(&self, id: TypeId) -> bool {
        self.values.iter().any(|(key, _, _)| *key == id)
    }
}

/// Builds an app-scoped dependency ahead of the first request: `Err` says why it could not.
pub(crate) type WarmFn =
    for<'a> fn(&'a AppContext) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

/// The values of an app's app-scoped dependencies, each built once.
#[derive(Default)]
pub(crate) struct AppValues {
    cells: Vec<(TypeId, WarmFn, tokio::sync::OnceCell<Value>)>,
}

impl std::fmt::Debug for AppValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} app-scoped dependencies", self.cells.len())
    }
}

impl AppValues {
    /// A cell for each dependency of `scoped`, empty until built.
    pub(crate) fn new(scoped: impl IntoIterator<Item = (TypeId, WarmFn)>) -> Self {
        let mut cells: Vec<(TypeId, WarmFn, tokio::sync::OnceCell<Value>)> = Vec::new();
        for (id, warm) in scoped {
            if !cells.iter().any(|(key, _, _)| *key == id) {
                cells.push((id, warm, tokio::sync::OnceCell::new()));
            }
        }
        Self { cells }
    }

    /// The cell of dependency `id`, if the app's routes reach it.
    pub(crate) fn cell(&self, id: TypeId) -> Option<&tokio::sync::OnceCell<Value>> {
        self.cells
            .iter()
            .find(|(key, _, _)| *key == id)
            .map(|(_, _, cell)| cell)
    }

    /// Builds every app-scoped dependency of the app, in the order the routes reach them.
    async fn warm(&self, app: &AppContext) -> Result<(), String> {
        for (_, warm, _) in &self.cells {
            warm(app).await?;
        }
        Ok(())
    }
}

/// The app's dependency overrides (`App::override_dependency`): the replaced dependency's
/// `TypeId`, the replacement's resolver (stored by type), and the replacement's facts.
#[derive(Default, Clone)]
pub(crate) struct Overrides {
    entries: Vec<(TypeId, Value, DescribeFn)>,
}

impl std::fmt::Debug for Overrides {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} override(s)", self.entries.len())
    }
}

impl Overrides {
    /// Replaces dependency `id` with `resolver`, whose facts `describe` writes.
    pub(crate) fn insert(&mut self, id: TypeId, resolver: Value, describe: DescribeFn) {
        self.entries.retain(|(key, _, _)| *key != id);
        self.entries.push((id, resolver, describe));
    }

    /// The replacement's facts, if dependency `id` is replaced.
    pub(crate) fn describe_of(&self, id: TypeId) -> Option<DescribeFn> {
        self.entries
            .iter()
            .find(|(key, _, _)| *key == id)
            .map(|(_, _, describe)| *describe)
    }

    /// The replacement's resolver, if dependency `id` is replaced.
    pub(crate) fn resolver(&self, id: TypeId) -> Option<&(dyn Any + Send + Sync)> {
        self.entries
            .iter()
            .find(|(key, _, _)| *key == id)
            .map(|(_, resolver, _)| &**resolver)
    }

    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The dependencies resolved in one request, by type. Empty (and allocation-free) when a
/// route has none.
#[derive(Default)]
pub(crate) struct Resolved {
    values: Vec<(TypeId, Value)>,
    units: u32,
}

impl Resolved {
    /// The value of dependency `id`, if resolved.
    pub(crate) fn get(&self, id: TypeId) -> Option<Value> {
        self.values
            .iter()
            .find(|(key, _)| *key == id)
            .map(|(_, value)| Arc::clone(value))
    }

    /// Keeps the value of dependency `id` for the rest of the request.
    pub(crate) fn insert(&mut self, id: TypeId, value: Value) {
        self.values.push((id, value));
    }

    /// The next resolution unit, for ordering errors.
    pub(crate) fn next_unit(&mut self) -> u32 {
        self.units += 1;
        self.units - 1
    }
}

/// Work deferred until the handler is done.
pub(crate) type Deferred = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The list a request's `Cleanup` handles share.
pub(crate) type CleanupList = Arc<Mutex<Vec<Deferred>>>;

/// Runs a dependency for its effect: `Err` when it answered the request.
pub(crate) type EffectFn =
    for<'a, 'r> fn(
        &'a mut Cx<'r>,
    ) -> Pin<Box<dyn Future<Output = Result<(), Response>> + Send + 'a>>;

/// A dependency named in a `dependencies = [...]` list of a route, a router or an app: how to
/// run it for its effect, and its facts.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct DependencyRef {
    pub(crate) run: EffectFn,
    pub(crate) describe: DescribeFn,
}

impl DependencyRef {
    /// Runs it for its effect: `Err` when it answered the request.
    pub(crate) fn run<'a, 'r>(
        &self,
        cx: &'a mut Cx<'r>,
    ) -> Pin<Box<dyn Future<Output = Result<(), Response>> + Send + 'a>> {
        (self.run)(cx)
    }

    /// Writes its fact (a dependency).
    pub(crate) fn describe(&self, meta: &mut Meta) {
        (self.describe)(meta);
    }
}

impl std::fmt::Debug for DependencyRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DependencyRef")
    }
}

/// Dependencies the app (and a route's routers) run before every route.
#[derive(Default, Clone)]
pub(crate) struct AppDependencies {
    entries: Vec<DependencyRef>,
}

impl std::fmt::Debug for AppDependencies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} app dependencies", self.entries.len())
    }
}

impl AppDependencies {
    pub(crate) fn push(&mut self, dependency: DependencyRef) {
        self.entries.push(dependency);
    }

    /// `outer`'s dependencies, then these: an enclosing router's run first.
    pub(crate) fn after(&mut self, outer: impl IntoIterator<Item = DependencyRef>) {
        let mut entries: Vec<DependencyRef> = outer.into_iter().collect();
        entries.append(&mut self.entries);
        self.entries = entries;
    }

    /// These, then `inner`'s.
    pub(crate) fn then(&self, inner: &AppDependencies) -> AppDependencies {
        let mut entries = self.entries.clone();
        entries.extend_from_slice(&inner.entries);
        AppDependencies { entries }
    }

    pub(crate) fn entries(&self) -> &[DependencyRef] {
        &self.entries
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Their facts, in order.
    pub(crate) fn describe(&self, meta: &mut Meta) {
        for entry in &self.entries {
            entry.describe(meta);
        }
    }
}
