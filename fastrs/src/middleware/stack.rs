//! The app's middleware list, applied around the routing once the app is built, and the
//! service it makes.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::extract::Request;
use axum::response::Response;
use tower::util::BoxCloneSyncService;
use tower::{Layer, Service, ServiceExt};

use super::{Bound, MiddlewareFn};
use crate::context::AppContext;
use crate::error::StartupError;
use crate::routing::{Routed, Routing};

/// What a middleware wraps: the rest of the stack and the routing, boxed.
pub type Inner = BoxCloneSyncService<Request, Response, Infallible>;

/// The rest of the stack, for a middleware function to go on with.
pub struct Next {
    inner: Inner,
}

impl Next {
    /// Runs the rest of the stack and the routing: the answer the app gives, 404, 405, 422
    /// and 500 included.
    pub async fn run(self, request: Request) -> Response {
        match self.inner.oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        }
    }
}

impl std::fmt::Debug for Next {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Next")
    }
}

/// Binds a middleware function's states when the app is built.
type Bind = Box<dyn FnOnce(&AppContext) -> Result<Bound, StartupError> + Send>;

/// One entry of the list.
enum Wrap {
    /// A middleware function, its states bound when the app is built.
    Function(Bind),
    /// A tower layer.
    Layer(Box<dyn FnOnce(Inner) -> Inner + Send>),
}

/// The app's middleware, in the order added: the first added is the innermost.
#[derive(Default)]
pub(crate) struct Stack {
    wraps: Vec<Wrap>,
}

impl std::fmt::Debug for Stack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Stack({} middleware)", self.wraps.len())
    }
}

impl Stack {
    /// Adds a middleware function, outside those added before.
    pub(crate) fn function<F: MiddlewareFn<Args>, Args>(&mut self, f: F) {
        self.wraps
            .push(Wrap::Function(Box::new(move |app: &AppContext| {
                f.bind(app)
            })));
    }

    /// Adds a tower layer, outside those added before. Its service's errors answer 500.
    pub(crate) fn layer<L, B>(&mut self, layer: L)
    where
        L: Layer<Inner> + Send + 'static,
        L::Service: Service<Request, Response = http::Response<B>> + Clone + Send + Sync + 'static,
        <L::Service as Service<Request>>::Future: Send + 'static,
        <L::Service as Service<Request>>::Error: std::fmt::Display,
        B: http_body::Body<Data = bytes::Bytes> + Send + 'static,
        B::Error: Into<axum::BoxError>,
    {
        self.wraps.push(Wrap::Layer(Box::new(move |inner: Inner| {
            BoxCloneSyncService::new(Answered {
                inner: layer.layer(inner),
                failed: None,
            })
        })));
    }

    /// The app's service: the routing, wrapped by each entry in turn. With no middleware, the
    /// routing itself, at no cost.
    pub(crate) fn apply(
        self,
        routing: Routing,
        app: &AppContext,
    ) -> Result<AppService, StartupError> {
        if self.wraps.is_empty() {
            return Ok(AppService::Routing(routing));
        }
        let mut service = BoxCloneSyncService::new(routing);
        for wrap in self.wraps {
            service = match wrap {
                Wrap::Function(bind) => BoxCloneSyncService::new(FunctionService {
                    f: bind(app)?,
                    inner: service,
                }),
                Wrap::Layer(wrap) => wrap(service),
            };
        }
        Ok(AppService::Stacked(service))
    }
}

/// A layer's service, whose errors answer 500 and whose body is boxed as axum's.
#[derive(Clone)]
struct Answered<S> {
    inner: S,
    /// Why the service was not ready: the next request answers 500.
    failed: Option<String>,
}

impl<S, B> Service<Request> for Answered<S>
where
    S: Service<Request, Response = http::Response<B>>,
    S::Error: std::fmt::Display,
    B: http_body::Body<Data = bytes::Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = futures_util::future::Either<
        std::future::Ready<Result<Response, Infallible>>,
        futures_util::future::Map<S::Future, AnswerFn<S::Response, S::Error>>,
    >;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        match self.inner.poll_ready(cx) {
            Poll::Ready(Err(error)) => {
                self.failed = Some(error.to_string());
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Ok(())) => Poll::Ready(Ok(())),
            Poll::Pending => Poll::Pending,
        }
    }

    fn call(&mut self, request: Request) -> Self::Future {
        use futures_util::FutureExt as _;
        if let Some(error) = self.failed.take() {
            return futures_util::future::Either::Left(std::future::ready(Ok(failed(&error))));
        }
        let answer: AnswerFn<S::Response, S::Error> = |result| {
            Ok(match result {
                Ok(response) => response.map(axum::body::Body::new),
                Err(error) => failed(&error),
            })
        };
        futures_util::future::Either::Right(self.inner.call(request).map(answer))
    }
}

/// Turns a layer's result into the app's answer.
type AnswerFn<R, E> = fn(Result<R, E>) -> Result<Response, Infallible>;

/// A layer that failed: 500, logged.
fn failed(error: &dyn std::fmt::Display) -> Response {
    eprintln!("fastrs: a middleware layer failed: {error}");
    crate::response::internal_error()
}

/// A middleware function around what it wraps.
#[derive(Clone)]
struct FunctionService {
    f: Bound,
    inner: Inner,
}

impl Service<Request> for FunctionService {
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let answer = (self.f)(
            request,
            Next {
                inner: self.inner.clone(),
            },
        );
        Box::pin(async move { Ok(answer.await) })
    }
}

/// The app as a tower service: its routing, or the routing inside its middleware.
#[derive(Clone)]
pub(crate) enum AppService {
    Routing(Routing),
    Stacked(Inner),
}

impl Service<Request> for AppService {
    type Response = Response;
    type Error = Infallible;
    type Future = AppAnswer;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request) -> AppAnswer {
        match self {
            AppService::Routing(routing) => AppAnswer::Routed(routing.call(request)),
            // Each request waits for the stack to be ready (a layer may limit concurrency),
            // on its own clone, as axum's router does with a route's service.
            AppService::Stacked(stack) => AppAnswer::Stacked(stack.clone().oneshot(request)),
        }
    }
}

/// The app's answer on its way.
pub(crate) enum AppAnswer {
    Routed(Routed),
    Stacked(tower::util::Oneshot<Inner, Request>),
}

impl Future for AppAnswer {
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Both are `Unpin`: the routing's answer, and a boxed service with its boxed future.
        match self.get_mut() {
            AppAnswer::Routed(answer) => Pin::new(answer).poll(cx),
            AppAnswer::Stacked(answer) => Pin::new(answer).poll(cx),
        }
    }
}
