//! Middleware of a [`Router`] value: functions and tower layers around each of its routes,
//! after routing.

use super::{MiddlewareFn, MiddlewareLayer, stack};
use crate::router::Router;

impl Router {
    /// Adds a middleware function around each route of the router, outside those added
    /// before: it runs after routing (the path is matched), inside the app's middleware.
    /// Functions and layers of a router form one list, the last added outermost, as the app's.
    /// See [`crate::middleware`].
    pub fn middleware<F: MiddlewareFn<Args>, Args>(self, f: F) -> Self {
        self.push_middleware(stack::function_ref(f))
    }

    /// Adds a tower layer around each route of the router (each route has its own service of
    /// it), outside the middleware added before.
    pub fn layer<L: MiddlewareLayer + Clone + Sync>(self, layer: L) -> Self {
        self.push_middleware(stack::layer_ref(layer))
    }
}
