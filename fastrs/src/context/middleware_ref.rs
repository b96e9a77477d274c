//! A middleware of a router or a route as data, until the app binds it: `router!(middleware =
//! [...])`, `#[get(..., middleware = [...])]` and `Router::middleware`/`Router::layer` make
//! one; the middleware layer reads what it binds to.

use std::any::Any;
use std::sync::Arc;

use super::AppContext;
use crate::error::StartupError;

/// What binding a middleware gives: the middleware layer's own type, behind `Any`.
pub type BoundAny = Box<dyn Any + Send + Sync>;

/// A middleware of a router or a route: how to bind it (its states read from the app) once
/// the app is built, for each route it wraps.
#[doc(hidden)]
#[derive(Clone)]
pub struct MiddlewareRef(Source);

/// Binds a middleware for one route of the app.
type BindFn = dyn Fn(&AppContext) -> Result<BoundAny, StartupError> + Send + Sync;

#[derive(Clone)]
enum Source {
    /// A function named in a macro's list.
    Static(fn(&AppContext) -> Result<BoundAny, StartupError>),
    /// A function or a layer given to a `Router` value.
    Shared(Arc<BindFn>),
}

impl MiddlewareRef {
    /// A middleware named in a macro's `middleware = [...]` list.
    pub const fn of(bind: fn(&AppContext) -> Result<BoundAny, StartupError>) -> Self {
        MiddlewareRef(Source::Static(bind))
    }

    /// A middleware given to a `Router` value.
    pub(crate) fn shared(
        bind: impl Fn(&AppContext) -> Result<BoundAny, StartupError> + Send + Sync + 'static,
    ) -> Self {
        MiddlewareRef(Source::Shared(Arc::new(bind)))
    }

    /// Binds it for one route of `app`.
    pub(crate) fn bind(&self, app: &AppContext) -> Result<BoundAny, StartupError> {
        match &self.0 {
            Source::Static(bind) => bind(app),
            Source::Shared(bind) => bind(app),
        }
    }
}

impl std::fmt::Debug for MiddlewareRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MiddlewareRef")
    }
}
