//! The app's middleware list, applied around the routing once the app is built, and the
//! service it makes.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::extract::Request;
use axum::response::Response;
use tower::util::BoxCloneSyncService;
use tower::{Layer, Service, ServiceExt};

use super::{Bound, MiddlewareFn};
use crate::context::{AppContext, BoundAny, MiddlewareRef, PathParams};
use crate::error::StartupError;
use crate::pipeline::Answering;
use crate::proxies::TrustedProxies;
use crate::ratelimit::RouteLimit;
use crate::route::RouteDef;
use crate::routing::{Routed, Routing, Wrapped};

/// A tower layer the middleware list takes: around the rest of the app ([`NextService`]), its
/// service answers with any body of bytes, and its errors answer 500. Implemented for every such
/// `tower::Layer`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a tower layer fastrs can run as middleware",
    note = "a layer for `App::layer` wraps `fastrs::middleware::NextService`; its service answers `http::Response<B>` with a body of `Bytes`, is `Clone + Send + Sync`, and its errors are `Display` (they answer 500)"
)]
pub trait MiddlewareLayer: Send + 'static {
    /// The body its service answers with.
    type Body: http_body::Body<Data = bytes::Bytes, Error: Into<axum::BoxError>> + Send + 'static;
    /// Its service around the rest of the app.
    type Service: Service<
            Request,
            Response = http::Response<Self::Body>,
            Future: Send + 'static,
            Error: std::fmt::Display,
        > + Clone
        + Send
        + Sync
        + 'static;

    /// The layer's service around `next`.
    fn wrap(&self, next: NextService) -> Self::Service;
}

impl<L, B> MiddlewareLayer for L
where
    L: Layer<NextService> + Send + 'static,
    L::Service: Service<Request, Response = http::Response<B>> + Clone + Send + Sync + 'static,
    <L::Service as Service<Request>>::Future: Send + 'static,
    <L::Service as Service<Request>>::Error: std::fmt::Display,
    B: http_body::Body<Data = bytes::Bytes, Error: Into<axum::BoxError>> + Send + 'static,
{
    type Body = B;
    type Service = L::Service;

    fn wrap(&self, next: NextService) -> L::Service {
        self.layer(next)
    }
}

/// A layer's service, boxed once it wraps the rest of the stack.
type Inner = BoxCloneSyncService<Request, Response, Infallible>;

/// What a middleware has inside it: the next middleware, the routing, or (for a router's or a
/// route's middleware) the route that the routing found.
pub(crate) enum Rest {
    Routing(Routing),
    /// A route, its path parameters and the client's address in the request's extensions
    /// (put there by the routing).
    Endpoint {
        def: &'static RouteDef,
        app: Arc<AppContext>,
        limits: Arc<[Arc<RouteLimit>]>,
    },
    /// The routing, its `HttpError` answers mapped by the app's status handlers.
    Handled(Routing, &'static crate::error::ExceptionHandlers),
    Function {
        f: Bound,
        next: &'static Rest,
    },
    Layer(Inner),
}

/// The rest of the stack, for a middleware function to go on with.
pub struct Next {
    rest: &'static Rest,
}

impl Next {
    /// Runs the rest of the stack and the routing: the answer the app gives, 404, 405, 422
    /// and 500 included. `next.run(request).await`.
    #[inline]
    pub fn run(self, request: Request) -> NextAnswer {
        NextAnswer(dispatch(self.rest, request))
    }
}

/// Hands `request` to `rest`: the routing's answer, the next function's future, or a
/// layer's, on its way. Inlined, so that the request is moved once into where it goes.
#[inline(always)]
fn dispatch(rest: &Rest, request: Request) -> AppAnswer {
    match rest {
        Rest::Routing(routing) => AppAnswer::Routed(routing.answer(request)),
        Rest::Handled(routing, handlers) => AppAnswer::Handled(routing.answer(request), handlers),
        Rest::Endpoint { def, app, limits } => {
            let mut request = request;
            let path = request
                .extensions_mut()
                .remove::<PathParams>()
                .unwrap_or_default();
            let client = crate::extract::client_of(&request);
            AppAnswer::Endpoint(Answering::start(request, app, def, path, client, limits))
        }
        // The function's own future, boxed once by its binding.
        Rest::Function { f, next } => AppAnswer::Function(f(request, Next { rest: next })),
        // Each request waits for the layer to be ready (it may limit concurrency), on its
        // own clone, as axum's router does with a route's service.
        Rest::Layer(service) => AppAnswer::Layer(Box::new(service.clone().oneshot(request))),
    }
}

/// The answer of the rest of the stack, on its way ([`Next::run`]).
pub struct NextAnswer(AppAnswer);

impl Future for NextAnswer {
    type Output = Response;

    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Response> {
        match Pin::new(&mut self.0).poll(cx) {
            Poll::Ready(Ok(response)) => Poll::Ready(response),
            Poll::Ready(Err(never)) => match never {},
            Poll::Pending => Poll::Pending,
        }
    }
}

impl std::fmt::Debug for NextAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NextAnswer")
    }
}

impl std::fmt::Debug for Next {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Next")
    }
}

/// The rest of the stack as a tower service: what a layer given to `App::layer` wraps.
#[derive(Clone)]
pub struct NextService {
    rest: &'static Rest,
}

impl std::fmt::Debug for NextService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NextService")
    }
}

impl Service<Request> for NextService {
    type Response = Response;
    type Error = Infallible;
    type Future = NextServiceAnswer;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request) -> NextServiceAnswer {
        NextServiceAnswer(dispatch(self.rest, request))
    }
}

/// [`NextService`]'s answer on its way.
pub struct NextServiceAnswer(AppAnswer);

impl Future for NextServiceAnswer {
    type Output = Result<Response, Infallible>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.0).poll(cx)
    }
}

impl std::fmt::Debug for NextServiceAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NextServiceAnswer")
    }
}

/// Binds a middleware function's states when the app is built.
type Bind = Box<dyn FnOnce(&AppContext) -> Result<Bound, StartupError> + Send>;

/// One entry of the list.
enum Wrap {
    /// A middleware function, its states bound when the app is built.
    Function(Bind),
    /// A tower layer.
    Layer(Box<dyn FnOnce(NextService) -> Inner + Send>),
    /// A built-in layer whose configuration is refused (a [`super::Cors`] allowing
    /// credentials from any origin): the app does not start.
    Refused(StartupError),
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
    pub(crate) fn layer<L: MiddlewareLayer>(&mut self, layer: L) {
        if let Some(refused) = refused(&layer) {
            self.wraps.push(Wrap::Refused(refused));
            return;
        }
        self.wraps
            .push(Wrap::Layer(Box::new(move |inner: NextService| {
                BoxCloneSyncService::new(Answered {
                    inner: layer.wrap(inner),
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
        around: Around,
    ) -> Result<AppService, StartupError> {
        let handlers = app.handlers.filter(|h| h.handles_statuses());
        if self.wraps.is_empty() && handlers.is_none() {
            return Ok(AppService {
                stack: Stacked::Routing(routing),
                around,
            });
        }
        // Status handlers answer inside every middleware, which sees their answers.
        // Kept for the program's life, as the routes are: a request goes through it by
        // reference, with no count to keep.
        let mut rest: &'static Rest = Box::leak(Box::new(match handlers {
            Some(handlers) => Rest::Handled(routing, handlers),
            None => Rest::Routing(routing),
        }));
        for wrap in self.wraps {
            rest = Box::leak(Box::new(match wrap {
                Wrap::Function(bind) => Rest::Function {
                    f: bind(app)?,
                    next: rest,
                },
                Wrap::Layer(wrap) => Rest::Layer(wrap(NextService { rest })),
                Wrap::Refused(refused) => return Err(refused),
            }));
        }
        Ok(AppService {
            stack: Stacked::Middleware(rest),
            around,
        })
    }
}

/// Why `layer` stops the app at start-up, when it is a built-in layer whose configuration is
/// wrong.
fn refused(layer: &dyn std::any::Any) -> Option<StartupError> {
    if let Some(cors) = layer.downcast_ref::<super::Cors>() {
        cors.policy().err()
    } else if let Some(hosts) = layer.downcast_ref::<super::TrustedHost>() {
        hosts.check().err()
    } else {
        gzip_refused(layer)
    }
}

/// A router's or a route's middleware, bound: what its [`MiddlewareRef`] gives.
pub(crate) enum RouteWrap {
    Function(Bound),
    Layer(Arc<dyn Fn(NextService) -> Inner + Send + Sync>),
}

/// Binds middleware function `f` for a route (what `router!(middleware = [f])` generates).
#[doc(hidden)]
pub fn bind_middleware<F: MiddlewareFn<Args>, Args>(
    f: F,
    app: &AppContext,
) -> Result<BoundAny, StartupError> {
    Ok(Box::new(RouteWrap::Function(f.bind(app)?)))
}

/// A router's middleware function, as data.
pub(crate) fn function_ref<F: MiddlewareFn<Args>, Args>(f: F) -> MiddlewareRef {
    MiddlewareRef::shared(move |app| bind_middleware(f.clone(), app))
}

/// A router's tower layer, as data: applied to each of its routes.
pub(crate) fn layer_ref<L: MiddlewareLayer + Clone + Sync>(layer: L) -> MiddlewareRef {
    MiddlewareRef::shared(move |_| {
        if let Some(refused) = refused(&layer) {
            return Err(refused);
        }
        let layer = layer.clone();
        let wrap = RouteWrap::Layer(Arc::new(move |inner: NextService| {
            BoxCloneSyncService::new(Answered {
                inner: layer.wrap(inner),
                failed: None,
            })
        }));
        Ok(Box::new(wrap) as BoundAny)
    })
}

/// The service of one route inside its middleware and its routers' (innermost first), for
/// the routing to hand the request to; `None` without any. The route's `limits` are checked
/// inside them all, when the pipeline starts the route.
pub(crate) fn route_service(
    wraps: &[MiddlewareRef],
    def: &'static RouteDef,
    app: &Arc<AppContext>,
    limits: &Arc<[Arc<RouteLimit>]>,
) -> Result<Option<Wrapped>, StartupError> {
    if wraps.is_empty() {
        return Ok(None);
    }
    let mut rest: &'static Rest = Box::leak(Box::new(Rest::Endpoint {
        def,
        app: Arc::clone(app),
        limits: Arc::clone(limits),
    }));
    for wrap in wraps {
        let bound = wrap.bind(app)?;
        let Ok(bound) = bound.downcast::<RouteWrap>() else {
            return Err(StartupError::new(format!(
                "the middleware of route {def} is not one fastrs made"
            )));
        };
        rest = Box::leak(Box::new(match *bound {
            RouteWrap::Function(f) => Rest::Function { f, next: rest },
            RouteWrap::Layer(make) => Rest::Layer(make(NextService { rest })),
        }));
    }
    Ok(Some(Arc::new(move |request| {
        Box::pin(NextAnswer(dispatch(rest, request)))
    })))
}

/// Why a [`super::GZip`] layer is refused, if it is one.
#[cfg(feature = "gzip")]
fn gzip_refused(layer: &dyn std::any::Any) -> Option<StartupError> {
    layer
        .downcast_ref::<super::GZip>()
        .and_then(|gzip| gzip.check().err())
}

#[cfg(not(feature = "gzip"))]
fn gzip_refused(_: &dyn std::any::Any) -> Option<StartupError> {
    None
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
    crate::say::say_error!("a middleware layer failed: {error}");
    crate::response::internal_error()
}

/// The app as a tower service: its routing, or the routing inside its middleware, and what
/// stands around both.
#[derive(Clone)]
pub(crate) struct AppService {
    stack: Stacked,
    around: Around,
}

/// What the app's service does around its middleware, for every request.
#[derive(Clone, Default)]
pub(crate) struct Around {
    /// The proxies whose word it takes for the client's address.
    pub(crate) proxies: Option<Arc<TrustedProxies>>,
    /// `App::request_ids`: every request gets an id, which its answer carries back.
    pub(crate) request_ids: bool,
    /// `App::metrics`: every request is counted.
    #[cfg(feature = "metrics")]
    pub(crate) metering: Option<&'static crate::metrics::Metering>,
}

/// The routing, or the routing inside the app's middleware.
#[derive(Clone)]
enum Stacked {
    Routing(Routing),
    Middleware(&'static Rest),
}

impl AppService {
    /// The answer to `req` from `peer`, as the server knows it, inside its span when a
    /// subscriber listens, counted when the app has metrics. The client is `peer`, or the one
    /// a trusted proxy names. Its address is carried to the route by value when nothing stands
    /// between, in the request's extensions for the middleware (which may read it there)
    /// otherwise.
    #[inline]
    pub(crate) fn answer_from(
        &self,
        req: Request,
        peer: Option<std::net::SocketAddr>,
    ) -> AppFuture {
        #[cfg(feature = "metrics")]
        let meter = self
            .around
            .metering
            .and_then(|metering| metering.start(&req));
        let client = match (&self.around.proxies, peer) {
            (Some(proxies), Some(peer)) => Some(proxies.client(peer, req.headers())),
            _ => peer,
        };
        // The request's span, unless no subscriber was ever set.
        #[cfg(feature = "tracing")]
        if tracing::dispatcher::has_been_set() {
            return self.answer_traced(
                req,
                client,
                #[cfg(feature = "metrics")]
                meter,
            );
        }
        AppFuture {
            answer: self.answer_identified(req, client),
            #[cfg(feature = "tracing")]
            traced: None,
            #[cfg(feature = "metrics")]
            meter,
        }
    }

    /// [`answer_from`](Self::answer_from) with the request's span, made with all it knows:
    /// the route (routed first, when the routing is all there is) and the request's id. With
    /// middleware, they run inside the span, which the routing names once it routes. The
    /// answer is made in its place in the future (moving it costs a copy of it each time).
    #[cfg(feature = "tracing")]
    #[inline(always)]
    fn answer_traced(
        &self,
        mut req: Request,
        client: Option<std::net::SocketAddr>,
        #[cfg(feature = "metrics")] meter: Option<crate::metrics::Meter>,
    ) -> AppFuture {
        use crate::observability::{Traced, request_span};
        let started = crate::clock::Started::now();
        let method = req.method().clone();
        // The caller's trace, from its `traceparent`, when the spans are exported.
        #[cfg(feature = "otel")]
        let caller =
            crate::observability::exporting().then(|| crate::observability::caller(req.headers()));
        let id = self.around.request_ids.then(|| identify(&mut req));
        let request_id = id.as_ref().map(crate::extract::RequestId::as_str);
        // Each arm ends in the future, made in its place: the answer is moved once.
        match &self.stack {
            Stacked::Routing(routing) => {
                let mut name = crate::routing::RouteName::default();
                let routed = routing.answer_named(req, client, &mut name);
                let span = request_span(&method, client, name.get(), request_id);
                traced_future(
                    AppAnswer::Routed(routed),
                    Traced::new(span, started),
                    id,
                    #[cfg(feature = "otel")]
                    caller,
                    #[cfg(feature = "metrics")]
                    meter,
                )
            }
            Stacked::Middleware(_) => {
                let span = request_span(&method, client, None, request_id);
                let traced = Traced::new(span, started);
                let answer = {
                    let _entered = traced.as_ref().map(Traced::enter);
                    self.answer_to(req, client)
                };
                traced_future(
                    answer,
                    traced,
                    id,
                    #[cfg(feature = "otel")]
                    caller,
                    #[cfg(feature = "metrics")]
                    meter,
                )
            }
        }
    }

    /// [`answer_to`](Self::answer_to), with the request's id when the app gives requests one.
    #[inline]
    fn answer_identified(&self, req: Request, client: Option<std::net::SocketAddr>) -> AppAnswer {
        if self.around.request_ids {
            return self.answer_with_id(req, client);
        }
        self.answer_to(req, client)
    }

    /// [`answer_from`](Self::answer_from) once the client is known. Inlined, so that the
    /// answer is made in its place in the caller's future.
    #[inline(always)]
    fn answer_to(&self, mut req: Request, client: Option<std::net::SocketAddr>) -> AppAnswer {
        match &self.stack {
            // Untraced: the route's name is not wanted.
            Stacked::Routing(routing) => AppAnswer::Routed(routing.answer_named(
                req,
                client,
                &mut crate::routing::RouteName::default(),
            )),
            Stacked::Middleware(rest) => {
                if let Some(client) = client {
                    req.extensions_mut().insert(crate::ClientAddr(Some(client)));
                }
                dispatch(rest, req)
            }
        }
    }
}

impl AppService {
    /// [`answer_to`](Self::answer_to) a request given its id ([`identify`]), which the answer
    /// carries back.
    fn answer_with_id(&self, mut req: Request, client: Option<std::net::SocketAddr>) -> AppAnswer {
        let id = identify(&mut req);
        with_id(self.answer_to(req, client), id)
    }
}

impl AppService {
    /// The app's metering, when it has metrics (for the server's upkeep of them).
    #[cfg(feature = "metrics")]
    pub(crate) fn metering(&self) -> Option<&'static crate::metrics::Metering> {
        self.around.metering
    }
}

/// The request's id: the one its `X-Request-ID` gives, or a new one, told to the request (its
/// header, and a `RequestId` in its extensions).
fn identify(req: &mut Request) -> crate::extract::RequestId {
    use crate::extract::{RequestId, X_REQUEST_ID};
    let (id, theirs) = RequestId::of(req.headers());
    if !theirs {
        req.headers_mut().insert(X_REQUEST_ID, id.value().clone());
    }
    req.extensions_mut().insert(id.clone());
    id
}

/// The future of a traced request: its `answer`, carrying back its `id` when it has one, in its
/// span, made a child of the `caller`'s (OpenTelemetry).
#[cfg(feature = "tracing")]
#[inline(always)]
fn traced_future(
    answer: AppAnswer,
    traced: Option<crate::observability::Traced>,
    id: Option<crate::extract::RequestId>,
    #[cfg(feature = "otel")] caller: Option<opentelemetry::Context>,
    #[cfg(feature = "metrics")] meter: Option<crate::metrics::Meter>,
) -> AppFuture {
    #[cfg(feature = "otel")]
    if let (Some(traced), Some(caller)) = (&traced, caller) {
        traced.adopt(caller);
    }
    AppFuture {
        answer: match id {
            None => answer,
            Some(id) => with_id(answer, id),
        },
        traced,
        #[cfg(feature = "metrics")]
        meter,
    }
}

/// `answer`, carrying the request's id back in `x-request-id`.
fn with_id(answer: AppAnswer, id: crate::extract::RequestId) -> AppAnswer {
    AppAnswer::Function(Box::pin(async move {
        let mut response = match answer.await {
            Ok(response) => response,
            Err(never) => match never {},
        };
        response
            .headers_mut()
            .insert(crate::extract::X_REQUEST_ID, id.value().clone());
        response
    }))
}

impl Service<Request> for AppService {
    type Response = Response;
    type Error = Infallible;
    type Future = AppFuture;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request) -> AppFuture {
        // The address the `TestClient`, or axum's `ConnectInfo`, put in the request.
        let peer = crate::extract::client_of(&request);
        self.answer_from(request, peer)
    }
}

/// The app's answer on its way.
pub(crate) enum AppAnswer {
    Routed(Routed),
    Handled(Routed, &'static crate::error::ExceptionHandlers),
    Endpoint(Answering),
    Function(Pin<Box<dyn Future<Output = Response> + Send>>),
    /// Boxed: the rest of the enum is a few words, moved into every middleware's future.
    Layer(Box<tower::util::Oneshot<Inner, Request>>),
}

/// The app's answer on its way, polled inside the request's span when a subscriber listens,
/// counted once made when the app has metrics (the span and the meter are carried beside the
/// answer, not around it: no box per request).
pub(crate) struct AppFuture {
    answer: AppAnswer,
    #[cfg(feature = "tracing")]
    traced: Option<crate::observability::Traced>,
    #[cfg(feature = "metrics")]
    meter: Option<crate::metrics::Meter>,
}

impl Future for AppFuture {
    type Output = Result<Response, Infallible>;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        #[cfg(feature = "tracing")]
        let _entered = this
            .traced
            .as_ref()
            .map(crate::observability::Traced::enter);
        #[cfg_attr(not(feature = "tracing"), allow(unused_mut))]
        let mut answer = std::task::ready!(Pin::new(&mut this.answer).poll(cx));
        #[cfg(feature = "tracing")]
        if let (Some(traced), Ok(response)) = (&this.traced, &mut answer) {
            traced.finish(response);
        }
        #[cfg(feature = "metrics")]
        if let (Some(meter), Ok(response)) = (this.meter.take(), &answer) {
            meter.answered(response);
        }
        Poll::Ready(answer)
    }
}

impl Future for AppAnswer {
    type Output = Result<Response, Infallible>;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Every variant is `Unpin`: the routing's answer, a boxed future, a boxed service
        // with its boxed future.
        match self.get_mut() {
            AppAnswer::Routed(answer) => Pin::new(answer).poll(cx),
            AppAnswer::Handled(answer, handlers) => match Pin::new(answer).poll(cx) {
                Poll::Ready(Ok(response)) => Poll::Ready(Ok(handlers.map(response))),
                other => other,
            },
            AppAnswer::Endpoint(answer) => Pin::new(answer).poll(cx),
            AppAnswer::Function(answer) => answer.as_mut().poll(cx).map(Ok),
            AppAnswer::Layer(answer) => Pin::new(answer).poll(cx),
        }
    }
}
