//! Running background tasks: attached to the answer's body by the pipeline, started once it
//! is sent, one after another, a failure logged and stopping the rest of the request's.

use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::response::Response;
use bytes::Bytes;
use futures_util::FutureExt as _;
use http::request::Parts;
use http_body::Frame;

use crate::context::{BackgroundTasks, Running, Task, TasksDone};
use crate::route::RouteDef;

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
            crate::say::say_error!(
                "the background tasks of {} were dropped: no runtime",
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
                crate::say::say_error!(
                    "background task {} of {count} of {} {failure}{}",
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
    let tasks = tasks.take();
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
            crate::say::say_error!(
                "the background tasks of {} were dropped: the answer was not sent whole",
                scheduled.what
            );
            scheduled.done.finish();
        }
    }
}
