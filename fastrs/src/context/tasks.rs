//! Background tasks as data: the list a request's route and dependencies add to
//! ([`BackgroundTasks`]), and the app's record of those running. `crate::background` runs them.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use futures_util::FutureExt as _;

/// Work to run after the answer is sent: a parameter of a route or of a dependency, the same
/// list for all of them in one request, as FastAPI's `BackgroundTasks`.
///
/// The tasks run one after another, once the last byte of the answer is handed to the
/// connection, and only when the route answered without error: an `Err` (an `HttpError`
/// included), a 422 or a panic drops them. A task that fails (returns `Err`) or panics is
/// logged with the route and the request, and the tasks after it are dropped; the server goes
/// on. Graceful shutdown waits for the tasks running, within the grace period, and logs those
/// it abandons. The [`TestClient`](crate::testing::TestClient) runs them before `send()`
/// returns.
///
/// ```
/// use fastrs::prelude::*;
///
/// async fn write_audit(line: String) {
///     // Append `line` to the audit log.
/// #   let _ = line;
/// }
///
/// #[delete("/items/<id>")]
/// async fn delete_item(id: u32, tasks: BackgroundTasks) -> Json<Value> {
///     tasks.add(write_audit(format!("item {id} deleted")));
///     Json(json!({ "deleted": id }))
/// }
/// ```
#[derive(Clone, Default)]
pub struct BackgroundTasks(Arc<Mutex<Vec<Task>>>);

/// One task: a future, or a closure for a blocking thread.
pub(crate) enum Task {
    Async(Pin<Box<dyn Future<Output = Result<(), String>> + Send>>),
    Blocking(Box<dyn FnOnce() -> Result<(), String> + Send>),
}

/// What a task returns: `()`, or a `Result` whose `Err` is logged and stops the tasks after
/// it.
#[diagnostic::on_unimplemented(
    message = "a background task returns `{Self}`",
    label = "not `()` or `Result<(), E>`",
    note = "a background task returns `()` or `Result<(), E>` with `E: Display`; an `Err` is logged and stops the tasks after it"
)]
pub trait TaskOutcome: Send + 'static {
    /// `Err` with the failure's message.
    fn into_outcome(self) -> Result<(), String>;
}

impl TaskOutcome for () {
    fn into_outcome(self) -> Result<(), String> {
        Ok(())
    }
}

impl<E: std::fmt::Display + Send + 'static> TaskOutcome for Result<(), E> {
    fn into_outcome(self) -> Result<(), String> {
        self.map_err(|error| error.to_string())
    }
}

impl BackgroundTasks {
    /// Runs `task` after the answer, after the tasks added before it.
    pub fn add<F>(&self, task: F)
    where
        F: Future + Send + 'static,
        F::Output: TaskOutcome,
    {
        self.push(Task::Async(Box::pin(task.map(TaskOutcome::into_outcome))));
    }

    /// Runs `task` on a blocking thread after the answer, after the tasks added before it:
    /// for work that blocks, such as writing a file with `std::fs` or sending mail with a
    /// blocking client.
    pub fn add_blocking<F, R>(&self, task: F)
    where
        F: FnOnce() -> R + Send + 'static,
        R: TaskOutcome,
    {
        self.push(Task::Blocking(Box::new(move || task().into_outcome())));
    }

    /// How many tasks are waiting.
    pub fn len(&self) -> usize {
        self.list().len()
    }

    /// Whether no task was added.
    pub fn is_empty(&self) -> bool {
        self.list().is_empty()
    }

    /// The tasks added, taken out of the list.
    pub(crate) fn take(&self) -> Vec<Task> {
        std::mem::take(&mut *self.list())
    }

    fn push(&self, task: Task) {
        self.list().push(task);
    }

    fn list(&self) -> std::sync::MutexGuard<'_, Vec<Task>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl std::fmt::Debug for BackgroundTasks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BackgroundTasks({} waiting)", self.len())
    }
}

/// The background work of an app in flight, for graceful shutdown to wait for.
#[derive(Debug, Default)]
pub(crate) struct Running {
    next: AtomicU64,
    /// Each request's tasks running, by number: what they are, for the log.
    tasks: Mutex<BTreeMap<u64, String>>,
    /// Told when the last tasks end.
    idle: tokio::sync::Notify,
}

impl Running {
    pub(crate) fn begin(&self, what: String) -> u64 {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.map().insert(id, what);
        id
    }

    pub(crate) fn end(&self, id: u64) {
        let mut tasks = self.map();
        tasks.remove(&id);
        if tasks.is_empty() {
            self.idle.notify_waiters();
        }
    }

    fn map(&self) -> std::sync::MutexGuard<'_, BTreeMap<u64, String>> {
        self.tasks.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Resolves once no task is running.
    pub(crate) async fn idle(&self) {
        loop {
            let notified = self.idle.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if self.map().is_empty() {
                return;
            }
            notified.await;
        }
    }

    /// What is still running, for the log of a shutdown that abandons it.
    pub(crate) fn abandoned(&self) -> Vec<String> {
        self.map().values().cloned().collect()
    }
}

/// In the answer's extensions: tells the [`TestClient`](crate::testing::TestClient) when the
/// answer's tasks are done.
#[derive(Clone, Debug, Default)]
pub(crate) struct TasksDone(Arc<Done>);

#[derive(Debug, Default)]
struct Done {
    finished: AtomicBool,
    notify: tokio::sync::Notify,
}

impl TasksDone {
    pub(crate) fn finish(&self) {
        self.0.finished.store(true, Ordering::Release);
        self.0.notify.notify_waiters();
    }

    /// Resolves once the tasks have run, or were dropped.
    pub(crate) async fn wait(&self) {
        loop {
            let notified = self.0.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if self.0.finished.load(Ordering::Acquire) {
                return;
            }
            notified.await;
        }
    }
}
