//! The request pipeline: the one function that serves every route.
//!
//! A route macro generates data (the [`RouteDef`]) and a small [`RouteFn`] impl: how to read the
//! handler's arguments and how to call it. Everything else a request goes through is here, in
//! this order:
//!
//! 1. the path parameters the routing matched and decoded ([`crate::routing`] answers 400
//!    `Invalid URL` when they are not UTF-8);
//! 2. the route's scopes and body limit;
//! 3. the app's and the routers' dependencies, then the route's `dependencies = [...]`;
//! 4. the handler's arguments: its `Depends<f>` first, then its parameters and the body
//!    ([`RouteFn::read`]);
//! 5. the 422, with every error recorded on the way;
//! 6. the handler ([`RouteFn::invoke`]), its value turned into the response, through the
//!    route's response-model filters (`response_model_exclude_none`, ...); a file answer is
//!    cut to the request's `Range` ([`Answering`]);
//! 7. the error an `Err` carries answered by its exception handler, or by itself;
//! 8. the dependencies' cleanups, also when the handler panicked;
//! 9. the background tasks, when the handler succeeded, attached to the answer's body: they
//!    start once it is sent ([`crate::background`]);
//! 10. a panic answers 500 ([`Answering`], below, polls this under `catch_unwind`).
//!
//! Around this function: the middleware wraps the whole app, around the routing, so it sees
//! the 404s, 405s, 422s and 500s as responses ([`crate::middleware`]); the status handlers map
//! the `HttpError` answers just inside it; a router's or a route's middleware wraps this
//! function, after routing. `#[depends]` functions go through steps 2 to 6 too, in
//! [`crate::depends`].

use std::convert::Infallible;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use futures_util::FutureExt as _;
use http::StatusCode;
use http::request::Parts;

use crate::context::{AppContext, PathParams};
use crate::extract::Cx;
use crate::ratelimit::{RouteLimit, Told};
use crate::response::respond;
use crate::route::{Answer, RouteDef, RouteFn};

/// Serves one request of route `R` (a [`ServeFn`](crate::route::ServeFn)): `path` holds the
/// template's parameters, decoded by the routing, and `client` the client's address.
#[doc(hidden)]
pub fn serve<R: RouteFn>(
    req: Request,
    app: Arc<AppContext>,
    def: &'static RouteDef,
    path: PathParams,
    client: Option<std::net::SocketAddr>,
) -> Answer {
    let status = def.options.status_code();
    // A handler that reads nothing, in an app that runs nothing before it: no request context,
    // and a future as small as the handler's.
    if let Some(args) = R::no_args()
        && !app.has_dependencies()
    {
        drop(req);
        return Box::pin(async move {
            let response = answer(R::invoke(args).await, status, def).await;
            crate::error::settle(response, app.handlers)
        });
    }
    // Split before the future: the request is not kept in it beside its parts.
    let (parts, body) = req.into_parts();
    Box::pin(read_and_invoke::<R>(
        parts, body, app, def, path, client, status,
    ))
}

/// Steps 1 to 7 for a route that reads the request.
async fn read_and_invoke<R: RouteFn>(
    parts: Parts,
    body: Body,
    app: Arc<AppContext>,
    def: &'static RouteDef,
    path: PathParams,
    client: Option<std::net::SocketAddr>,
    status: Option<StatusCode>,
) -> Response {
    let mut cx = Cx::new(&parts, &path, &app, body);
    cx.client = client;
    // Whether the handler ran and answered without an error: its background tasks run then.
    let mut succeeded = false;
    // Every way out leaves this block, after which the cleanups run.
    let answer = 'answer: {
        let args = match read::<R>(&mut cx, &app, def).await {
            Ok(args) => args,
            Err(Refused::Invalid) => break 'answer cx.reject(),
            Err(Refused::Answered(response)) => break 'answer response,
        };
        let response = if !cx.has_cleanups() {
            // A panic goes straight to the route's service, which answers 500.
            answer(R::invoke(args).await, status, def).await
        } else {
            // A panic is caught here only to run the deferred work first.
            match AssertUnwindSafe(R::invoke(args)).catch_unwind().await {
                Ok(value) => answer(value, status, def).await,
                Err(panic) => {
                    cx.run_cleanups().await;
                    std::panic::resume_unwind(panic)
                }
            }
        };
        succeeded = !crate::error::is_error(&response);
        response
    };
    let answer = crate::error::settle(answer, app.handlers);
    let answer = if cx.has_cleanups() {
        // Boxed across the wait: only routes with deferred work pay for holding their answer.
        let answer = Box::new(answer);
        cx.run_cleanups().await;
        *answer
    } else {
        answer
    };
    match cx.background.take() {
        Some(tasks) if succeeded => {
            crate::background::attach(answer, tasks, def, &parts, &app.background)
        }
        _ => answer,
    }
}

/// Why steps 2 to 5 gave no arguments.
enum Refused {
    /// A parameter was refused: the errors are recorded, for the 422.
    Invalid,
    /// A dependency answered the request itself.
    Answered(Response),
}

/// Steps 2 to 5: the route's limits and scopes, the app's, routers' and route's
/// dependencies, then the handler's arguments.
async fn read<R: RouteFn>(
    cx: &mut Cx<'_>,
    app: &AppContext,
    def: &'static RouteDef,
) -> Result<R::Args, Refused> {
    if let Some(limit) = def.options.body_limit {
        cx.limit_body(limit);
    }
    cx.limit_form(&def.options.form_limits);
    if !def.options.scopes.is_empty() {
        cx.require_scopes(def.options.scopes);
    }
    if app.has_dependencies()
        && let Err(response) = cx.app_dependencies().await
    {
        return Err(Refused::Answered(response));
    }
    for dependency in def.options.dependencies {
        if let Err(response) = dependency.run(cx).await {
            return Err(Refused::Answered(response));
        }
    }
    match R::read(cx).await {
        Ok(Some(args)) if cx.is_valid() => Ok(args),
        Ok(_) => Err(Refused::Invalid),
        Err(response) => Err(Refused::Answered(*response)),
    }
}

/// Serves one handshake of websocket route `R` (its [`ServeFn`](crate::route::ServeFn)):
/// checks it, reads the parameters and dependencies (steps 1 to 5) before accepting, then
/// answers `101 Switching Protocols` and runs the handler beside the connection on a task of
/// its own. A dependency's answer is sent as it is; invalid parameters refuse the handshake
/// with 1008 (HTTP 403), as FastAPI does.
#[cfg(feature = "ws")]
#[doc(hidden)]
pub fn serve_websocket<R: RouteFn>(
    req: Request,
    app: Arc<AppContext>,
    def: &'static RouteDef,
    path: PathParams,
    client: Option<std::net::SocketAddr>,
) -> Answer {
    use crate::websocket::{Accepted, Handshake, Waiting, WebSocketException};
    let (mut parts, body) = req.into_parts();
    let handshake = match Handshake::check(&mut parts) {
        Ok(handshake) => handshake,
        Err(response) => return Box::pin(std::future::ready(*response)),
    };
    let (socket, link, closer) = crate::websocket::channels(app.websocket.max_queue);
    parts.extensions.insert(Waiting::new(socket));
    Box::pin(async move {
        let mut cx = Cx::new(&parts, &path, &app, body);
        cx.client = client;
        let args = read::<R>(&mut cx, &app, def).await;
        let cleanups = cx.run_cleanups();
        let args = match args {
            Ok(args) => args,
            Err(refused) => {
                let answer = match refused {
                    Refused::Answered(response) => crate::error::settle(response, app.handlers),
                    Refused::Invalid => {
                        let errors = crate::error::RequestValidationError::new(std::mem::take(
                            &mut cx.errors,
                        ));
                        axum::response::IntoResponse::into_response(WebSocketException::invalid(
                            errors.errors(),
                        ))
                    }
                };
                drop(cx);
                cleanups.await;
                // As uvicorn: a refused handshake's connection is closed after the answer.
                let mut answer = answer;
                answer.headers_mut().insert(
                    http::header::CONNECTION,
                    http::HeaderValue::from_static("close"),
                );
                return answer;
            }
        };
        drop(cx);
        let response = handshake.accepted();
        let accepted = Accepted {
            upgrade: handshake.upgrade,
            link,
            closer,
            cleanups,
        };
        crate::websocket::spawn::<R>(args, accepted, app, def);
        response
    })
}

/// Step 6's answer: the handler's value as the response, through the route's response-model
/// filters when it has any.
async fn answer<V: axum::response::IntoResponse>(
    value: V,
    status: Option<StatusCode>,
    def: &'static RouteDef,
) -> Response {
    let model = &def.options.response_model;
    if !model.is_active() {
        return respond(value, status);
    }
    let response = model.serialize(|| respond(value, status));
    model.filter(response, def.describe).await
}

/// A route's answer on its way: the generated future, boxed once, polled under
/// `catch_unwind` so that a panic answers 500 (the future is not polled again after one).
pub(crate) struct Answering {
    future: Answer,
    /// The `X-RateLimit-*` headers of a limited route, written into its answer.
    told: Option<Told>,
    /// The request's id (`App::request_ids`), which a panic's log line and 500 name.
    request_id: Option<crate::RequestId>,
    /// The request's `Range`, when it sends one: a file answer is cut to it.
    range: Option<Box<crate::response::range::RangeRequest>>,
    route: &'static RouteDef,
    debug: bool,
    handlers: Option<&'static crate::error::ExceptionHandlers>,
}

impl Answering {
    /// Serves `req` with `route`, as the routing found it, from `client`. The route's `limits`
    /// (its own `rate_limit`, then its routers') count it first: past one, the answer is its
    /// 429, and nothing of the route runs.
    pub(crate) fn start(
        req: Request,
        app: &Arc<AppContext>,
        route: &'static RouteDef,
        path: PathParams,
        client: Option<std::net::SocketAddr>,
        limits: &[Arc<RouteLimit>],
    ) -> Self {
        // The route's own limit first, then its routers'; the first with headers says them.
        let mut told = None;
        for (counted, limit) in limits.iter().enumerate() {
            match limit.check(client) {
                Some(Ok(said)) => told = told.or(said),
                Some(Err(refused)) => {
                    let refused = crate::error::settle(limit.answer(&refused), app.handlers);
                    let id = Self::id_of(&req);
                    return Self::answered(Box::pin(std::future::ready(refused)), app, route, id);
                }
                // Counted in Redis: the route starts once the counts are known.
                None => {
                    let rest = limits[counted..].to_vec();
                    return Self::later(req, app, route, path, client, rest, told);
                }
            }
        }
        Self {
            told,
            request_id: Self::id_of(&req),
            range: Self::range_of(&req, app),
            future: (route.serve)(req, Arc::clone(app), route, path, client),
            route,
            debug: app.debug,
            handlers: app.handlers,
        }
    }
}

impl Answering {
    /// The request's `Range`, when it sends one and the route may answer a file.
    fn range_of(
        req: &Request,
        app: &AppContext,
    ) -> Option<Box<crate::response::range::RangeRequest>> {
        // Only a route that may answer a file looks for a `Range`.
        if app.ranged {
            crate::response::range::RangeRequest::of(req)
        } else {
            None
        }
    }

    /// The request's id, when the app gives requests one (`App::request_ids`).
    #[inline]
    fn id_of(req: &Request) -> Option<crate::RequestId> {
        let extensions = req.extensions();
        if extensions.is_empty() {
            return None;
        }
        extensions.get::<crate::RequestId>().cloned()
    }

    /// An answer known before the route runs (its rate limit's refusal).
    fn answered(
        future: Answer,
        app: &AppContext,
        route: &'static RouteDef,
        request_id: Option<crate::RequestId>,
    ) -> Self {
        Self {
            future,
            told: None,
            request_id,
            range: None,
            route,
            debug: app.debug,
            handlers: app.handlers,
        }
    }

    /// Serves `req` once the `limits` left, some in Redis, have counted it: past one, its
    /// refusal is the answer. `told` is what the limits counted so far say.
    fn later(
        req: Request,
        app: &Arc<AppContext>,
        route: &'static RouteDef,
        path: PathParams,
        client: Option<std::net::SocketAddr>,
        limits: Vec<Arc<RouteLimit>>,
        told: Option<Told>,
    ) -> Self {
        let range = Self::range_of(&req, app);
        let request_id = Self::id_of(&req);
        let (handlers, debug) = (app.handlers, app.debug);
        let app = Arc::clone(app);
        let future = Box::pin(async move {
            let mut told = told;
            for limit in &limits {
                match limit.check_later(client).await {
                    Ok(said) => told = told.or(said),
                    Err(refused) => return crate::error::settle(limit.answer(&refused), handlers),
                }
            }
            let mut response = (route.serve)(req, app, route, path, client).await;
            if let Some(told) = told {
                told.write(response.headers_mut());
            }
            response
        });
        Self {
            future,
            told: None,
            request_id,
            range,
            route,
            debug,
            handlers,
        }
    }
}

impl Future for Answering {
    type Output = Result<Response, Infallible>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let future = self.future.as_mut();
        match std::panic::catch_unwind(AssertUnwindSafe(|| future.poll(cx))) {
            Ok(Poll::Ready(response)) => {
                let mut response = match self.range.take() {
                    Some(range) => crate::response::range::apply(response, &range),
                    None => response,
                };
                if let Some(told) = self.told.take() {
                    told.write(response.headers_mut());
                }
                Poll::Ready(Ok(response))
            }
            Ok(Poll::Pending) => Poll::Pending,
            Err(panic) => Poll::Ready(Ok(crate::response::panicked(
                &self.route,
                panic.as_ref(),
                self.debug,
                self.handlers,
                self.request_id.as_ref(),
            ))),
        }
    }
}
