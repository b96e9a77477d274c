//! App state: values given to `App::state` once, and read by any route or dependency with a
//! `State<T>` parameter.

use std::any::TypeId;
use std::ops::Deref;

use crate::context::{Fact, Meta};
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
///
/// `State<T>` derefs to `T`, with no field of its own in the way: for
/// `struct Store(Arc<Mutex<Vec<Item>>>)`, `store.0.lock()` reaches the mutex.
#[derive(Debug, Clone, Copy, Default)]
pub struct State<T>(T);

impl<T> Deref for State<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> State<T> {
    /// Wraps a value, as a route's `State<T>` parameter receives it (for calling a route's
    /// function directly, in a test).
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: Clone + Send + Sync + 'static> FromCx for State<T> {
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self> {
        // The app checked at start-up that every state a route asks for is there.
        cx.app.states.get::<T>().map(State)
    }

    fn describe(meta: &mut Meta) {
        meta.push(Fact::State {
            id: TypeId::of::<T>(),
            name: std::any::type_name::<T>(),
        });
    }
}
