//! The app's lifespan: async start-up before the first request, shut-down after the last.

use std::future::Future;
use std::pin::Pin;

use crate::context::States;
use crate::error::StartupError;

type Work = Pin<Box<dyn Future<Output = ()> + Send>>;
type Startup = Box<
    dyn FnOnce() -> Pin<Box<dyn Future<Output = Result<Lifespan, StartupError>> + Send>> + Send,
>;

/// What start-up produced: state for the app, and work to run at shut-down.
///
/// ```
/// use fastrs::prelude::*;
/// use fastrs::Lifespan;
///
/// #[derive(Clone)]
/// struct Pool(&'static str);
///
/// let app = App::new().lifespan(|| async {
///     let pool = Pool("connected");
///     Lifespan::new().state(pool).on_shutdown(async { /* close the pool */ })
/// });
/// # let _ = app;
/// ```
#[derive(Default)]
pub struct Lifespan {
    pub(crate) states: States,
    pub(crate) shutdown: Vec<Work>,
}

impl Lifespan {
    /// Nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Gives the app a state value (as `App::state`), built at start-up.
    #[must_use]
    pub fn state<T: Clone + Send + Sync + 'static>(mut self, value: T) -> Self {
        self.states.insert(value);
        self
    }

    /// Runs `work` after the last request, in reverse order of registration.
    #[must_use]
    pub fn on_shutdown(mut self, work: impl Future<Output = ()> + Send + 'static) -> Self {
        self.shutdown.push(Box::pin(work));
        self
    }

    /// Runs the shut-down work, last registered first.
    pub(crate) async fn shut_down(self) {
        for work in self.shutdown.into_iter().rev() {
            work.await;
        }
    }
}

impl std::fmt::Debug for Lifespan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lifespan")
            .field("states", &self.states)
            .field("shutdown", &self.shutdown.len())
            .finish()
    }
}

/// What a lifespan's start-up returns: a [`Lifespan`], or `Result<Lifespan, E>` when it can
/// fail (the app then does not start, and `serve` returns the error).
pub trait IntoLifespan {
    /// The lifespan, or why start-up failed.
    fn into_lifespan(self) -> Result<Lifespan, StartupError>;
}

impl IntoLifespan for Lifespan {
    fn into_lifespan(self) -> Result<Lifespan, StartupError> {
        Ok(self)
    }
}

impl<E: std::fmt::Display> IntoLifespan for Result<Lifespan, E> {
    fn into_lifespan(self) -> Result<Lifespan, StartupError> {
        self.map_err(|e| StartupError::new(format!("the lifespan's start-up failed: {e}")))
    }
}

/// The start-up function an app was given.
pub(crate) struct LifespanFn(pub(crate) Startup);

impl std::fmt::Debug for LifespanFn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LifespanFn")
    }
}
