//! `Cleanup`: work a dependency defers until the handler is done (FastAPI's `yield`).

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use crate::context::Deferred;
use crate::extract::{Cx, FromCx};

/// Registers async work to run after the handler, in reverse order of registration, also
/// when the handler returned an error or panicked.
///
/// ```
/// use fastrs::prelude::*;
/// use fastrs::Cleanup;
///
/// #[depends]
/// async fn session(cleanup: Cleanup) -> String {
///     let session = String::from("open");
///     cleanup.defer(async move {
///         // Close the session: runs once the handler is done.
///     });
///     session
/// }
/// ```
#[derive(Clone)]
pub struct Cleanup(Arc<Mutex<Vec<Deferred>>>);

impl Cleanup {
    /// Runs `work` after the handler.
    pub fn defer(&self, work: impl Future<Output = ()> + Send + 'static) {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(Box::pin(work));
    }
}

impl std::fmt::Debug for Cleanup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cleanup")
    }
}

impl FromCx for Cleanup {
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self> {
        let list = cx.cleanups.get_or_insert_with(Default::default);
        Some(Cleanup(Arc::clone(list)))
    }
}

impl Cx<'_> {
    /// Whether a dependency asked for a `Cleanup` in this request.
    pub fn has_cleanups(&self) -> bool {
        self.cleanups.is_some()
    }

    /// Runs the deferred work, last registered first. Nothing to do (and nothing allocated)
    /// when no dependency asked for a `Cleanup`; the work itself is boxed, so that awaiting
    /// this adds a pointer to a route's future, not the work's state.
    pub fn run_cleanups(&mut self) -> CleanupsRun {
        let Some(list) = self.cleanups.take() else {
            return CleanupsRun(None);
        };
        CleanupsRun(Some(Box::pin(async move {
            let deferred = std::mem::take(
                &mut *list
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner),
            );
            for work in deferred.into_iter().rev() {
                work.await;
            }
        })))
    }
}

/// The deferred work of one request, running (see [`Cx::run_cleanups`]).
#[doc(hidden)]
pub struct CleanupsRun(Option<Deferred>);

impl Future for CleanupsRun {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        match &mut self.0 {
            Some(work) => work.as_mut().poll(cx),
            None => std::task::Poll::Ready(()),
        }
    }
}
