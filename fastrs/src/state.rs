//! App state: values given to `App::state` once, and read by any route or dependency with a
//! `State<T>` parameter.

use std::any::{Any, TypeId};
use std::ops::Deref;
use std::sync::Arc;

use crate::extract::{Cx, FromCx};

/// A value of the app's state, cloned for each request that asks for it (wrap large or
/// mutable state in an `Arc`).
///
/// ```
/// use fastrs::prelude::*;
/// use fastrs::State;
///
/// #[derive(Clone)]
/// struct Config { greeting: &'static str }
///
/// #[get("/hello")]
/// async fn hello(config: State<Config>) -> String {
///     config.greeting.to_owned()
/// }
///
/// let app = App::empty().mount(fastrs::routes![hello]).state(Config { greeting: "hi" });
/// # let _ = app;
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct State<T>(pub T);

impl<T> Deref for State<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> State<T> {
    /// The value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

/// The app's state values, by type.
#[derive(Default, Clone)]
pub(crate) struct States {
    values: Vec<(TypeId, &'static str, Arc<dyn Any + Send + Sync>)>,
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

    fn get<T: Clone + Send + Sync + 'static>(&self) -> Option<T> {
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

impl<T: Clone + Send + Sync + 'static> FromCx for State<T> {
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self> {
        // The app checked at start-up that every state a route asks for is there.
        cx.app.states.get::<T>().map(State)
    }

    fn require(requirements: &mut Requirements) {
        requirements.state::<T>();
    }
}

/// What a route needs from the app to be served: the state types it reads, and how often
/// each dependency is reached in its graph.
#[derive(Debug, Default)]
pub struct Requirements {
    pub(crate) states: Vec<(TypeId, &'static str)>,
    pub(crate) dependencies: Vec<(TypeId, u32)>,
    pub(crate) overrides: crate::depends::Overrides,
    pub(crate) path_params: Vec<&'static str>,
    pub(crate) bodies: usize,
    pub(crate) app_scoped: Vec<(TypeId, crate::depends::WarmFn)>,
}

impl Requirements {
    /// The route reaches app-scoped dependency `id`.
    pub(crate) fn app_scoped(&mut self, id: TypeId, warm: crate::depends::WarmFn) {
        self.app_scoped.push((id, warm));
    }

    /// The route or a dependency reads path parameter `name`.
    #[doc(hidden)]
    pub fn path_param(&mut self, name: &'static str) {
        if !self.path_params.contains(&name) {
            self.path_params.push(name);
        }
    }

    /// The route or a dependency reads `count` body parameters.
    #[doc(hidden)]
    pub fn bodies(&mut self, count: usize) {
        self.bodies += count;
    }

    /// Counts dependency `id` as reached once more; how often it has been, this time included.
    pub(crate) fn reach(&mut self, id: TypeId) -> u32 {
        match self.dependencies.iter_mut().find(|(key, _)| *key == id) {
            Some((_, count)) => {
                *count += 1;
                *count
            }
            None => {
                self.dependencies.push((id, 1));
                1
            }
        }
    }

    /// The dependencies reached more than once: their values are shared in a request.
    pub(crate) fn shared_dependencies(&self) -> Vec<TypeId> {
        self.dependencies
            .iter()
            .filter(|(_, count)| *count > 1)
            .map(|(id, _)| *id)
            .collect()
    }

    /// The route reads `State<T>`.
    pub fn state<T: 'static>(&mut self) {
        self.states
            .push((TypeId::of::<T>(), std::any::type_name::<T>()));
    }
}
