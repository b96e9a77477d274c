//! Background tasks: work that a route and its dependencies add with [`BackgroundTasks`],
//! run one after another once the answer is sent, as FastAPI's `BackgroundTasks`.

use std::collections::BTreeMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use axum::body::Body;
use axum::response::Response;
use bytes::Bytes;
use futures_util::FutureExt as _;
use http::request::Parts;
use http_body::Frame;

use crate::extract::{Cx, FromCx};
use crate::route::RouteDef;

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
enum Task {
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

impl FromCx for BackgroundTasks {
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self> {
        Some(cx.background.get_or_insert_with(Default::default).clone())
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
    fn begin(&self, what: String) -> u64 {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.map().insert(id, what);
        id
    }

    fn end(&self, id: u64) {
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
    fn finish(&self) {
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

/// A request's tasks, waiting for its answer to be sent.
struct Scheduled {
    tasks: Vec<Task>,
    /// `GET /items/{id} (delete_item at src/main.rs:12)`, and the request, for the log.
    what: String,
    running: Arc<Running>,
    done: TasksDone,
}

impl Scheduled {
    /// Starts the tasks on the runtime.
    fn start(self) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            eprintln!(
                "fastrs: the background tasks of {} were dropped: no runtime",
                self.what
            );
            self.done.finish();
            return;
        };
        let id = self.running.begin(self.what.clone());
        runtime.spawn(async move {
            let count = self.tasks.len();
            for (n, task) in self.tasks.into_iter().enumerate() {
                let outcome = match task {
                    Task::Async(task) => AssertUnwindSafe(task).catch_unwind().await,
                    Task::Blocking(task) => {
                        tokio::task::spawn_blocking(task).await.map_err(|error| {
                            match error.try_into_panic() {
                                Ok(panic) => panic,
                                Err(error) => Box::new(error.to_string()),
                            }
                        })
                    }
                };
                let failure = match outcome {
                    Ok(Ok(())) => continue,
                    Ok(Err(error)) => format!("failed: {error}"),
                    Err(panic) => format!("panicked: {}", crate::response::panic_message(&*panic)),
                };
                let dropped = count - n - 1;
                eprintln!(
                    "fastrs: background task {} of {count} of {} {failure}{}",
                    n + 1,
                    self.what,
                    if dropped > 0 {
                        format!("; the {dropped} after it are dropped")
                    } else {
                        String::new()
                    }
                );
                break;
            }
            self.running.end(id);
            self.done.finish();
        });
    }
}

/// `response` with `tasks` to run once its body is sent.
pub(crate) fn attach(
    mut response: Response,
    tasks: BackgroundTasks,
    route: &RouteDef,
    parts: &Parts,
    running: &Arc<Running>,
) -> Response {
    let tasks = std::mem::take(&mut *tasks.list());
    if tasks.is_empty() {
        return response;
    }
    let request = parts
        .headers
        .get("x-request-id")
        .and_then(|id| id.to_str().ok())
        .filter(|id| id.len() <= 200)
        .map_or_else(
            || crate::response::request_number().to_string(),
            str::to_owned,
        );
    let done = TasksDone::default();
    response.extensions_mut().insert(done.clone());
    let scheduled = Scheduled {
        tasks,
        what: format!("request {request} to {route}"),
        running: Arc::clone(running),
        done,
    };
    response.map(|body| {
        Body::new(SentThen {
            body,
            scheduled: Some(scheduled),
        })
    })
}

/// An answer's body that starts its tasks once it has been read to the end.
struct SentThen {
    body: Body,
    scheduled: Option<Scheduled>,
}

impl SentThen {
    fn start(&mut self) {
        if let Some(scheduled) = self.scheduled.take() {
            scheduled.start();
        }
    }
}

impl http_body::Body for SentThen {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let frame = Pin::new(&mut self.body).poll_frame(cx);
        match &frame {
            Poll::Ready(None) => self.start(),
            Poll::Ready(Some(Ok(_))) if self.body.is_end_stream() => self.start(),
            _ => {}
        }
        frame
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

impl Drop for SentThen {
    fn drop(&mut self) {
        let Some(scheduled) = self.scheduled.take() else {
            return;
        };
        // An empty body is never read; a body dropped half-way was not sent whole.
        if http_body::Body::is_end_stream(&self.body) {
            scheduled.start();
        } else {
            eprintln!(
                "fastrs: the background tasks of {} were dropped: the answer was not sent whole",
                scheduled.what
            );
            scheduled.done.finish();
        }
    }
}
