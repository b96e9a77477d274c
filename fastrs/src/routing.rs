//! Routing: which route serves a request. fastrs matches its own routes itself, in one
//! `matchit` tree, and hands a route its template's parameters directly; everything else (the
//! documentation pages, axum routers added with `App::nest_axum`, the 404 and the
//! trailing-slash redirect) goes to an axum router behind it.
//!
//! Matching here rather than in axum's router saves each request what axum does for any
//! route: the parameters and the matched path put into the request's extensions (a map
//! allocated per request), and a boxed clone of the route's service.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::header::{ALLOW, CONTENT_LENGTH};
use http::{HeaderValue, StatusCode};
use http_body::Body as _;
use tower::Service;

use crate::context::{AppContext, PathParams};
use crate::error::{HttpError, StartupError};
use crate::pipeline::Answering;
use crate::ratelimit::RouteLimit;
use crate::route::{Method, RouteDef};

/// The app's routing, as a tower service: cheap to clone (one `Arc`).
#[derive(Clone)]
pub(crate) struct Routing {
    inner: Arc<Inner>,
}

struct Inner {
    paths: matchit::Router<Target>,
    /// What no route of the app serves.
    rest: axum::Router,
    /// `App::request_timeout`: a slower answer is a 504.
    timeout: Option<Duration>,
    /// `App::rate_limit`: every request of a client to the app counts against it.
    limit: Option<Arc<RouteLimit>>,
}

/// What a matched path leads to.
enum Target {
    /// The app's routes with this template.
    Routes(PathRoutes),
    /// A path the axum router behind serves (documentation, a nested axum router): listed so
    /// that the tree chooses between it and a route's template as axum's would.
    Rest,
}

/// The routes of one template, by method.
#[derive(Clone)]
struct PathRoutes {
    routes: Vec<(Method, Endpoint)>,
    /// The template's parameters, in order.
    names: Vec<&'static str>,
    /// The `Allow` header of a 405, as axum writes it (`GET,HEAD,POST`).
    allow: HeaderValue,
    /// Whether a websocket route, and an HTTP route, have this template.
    websocket: bool,
    http: bool,
}

/// One route, with what its requests see of the app.
#[derive(Clone)]
struct Endpoint {
    def: &'static RouteDef,
    /// `GET /items/{item_id}`: what the request's span is named by.
    #[cfg(feature = "tracing")]
    name: &'static str,
    app: Arc<AppContext>,
    /// The route's `rate_limit` and its routers', with their counts, in the order they count.
    limits: Arc<[Arc<RouteLimit>]>,
    /// The route inside its middleware and its routers', when it has any.
    wrapped: Option<Wrapped>,
}

/// A route inside its middleware (made by the middleware layer): it reads the path parameters
/// from the request's extensions.
pub(crate) type Wrapped =
    Arc<dyn Fn(Request) -> Pin<Box<dyn Future<Output = Response> + Send>> + Send + Sync>;

/// Builds a [`Routing`]: the routes first, then the paths of the router behind.
pub(crate) struct RoutingBuilder {
    paths: matchit::Router<Target>,
    by_template: Vec<(String, PathRoutes)>,
}

impl RoutingBuilder {
    pub(crate) fn new() -> Self {
        Self {
            paths: matchit::Router::new(),
            by_template: Vec::new(),
        }
    }

    /// Adds route `def` at `template` (axum's form, with its routers' prefixes).
    pub(crate) fn route(
        &mut self,
        template: &str,
        def: &'static RouteDef,
        app: Arc<AppContext>,
        limits: Arc<[Arc<RouteLimit>]>,
        wrapped: Option<Wrapped>,
    ) {
        let endpoint = Endpoint {
            def,
            #[cfg(feature = "tracing")]
            // Kept for the program's life, as the route is.
            name: Box::leak(format!("{} {template}", def.method.as_str()).into_boxed_str()),
            app,
            limits,
            wrapped,
        };
        match self.by_template.iter_mut().find(|(t, _)| t == template) {
            Some((_, routes)) => routes.routes.push((def.method, endpoint)),
            None => self.by_template.push((
                template.to_owned(),
                PathRoutes {
                    routes: vec![(def.method, endpoint)],
                    names: def.path_param_names(),
                    allow: HeaderValue::from_static(""),
                    websocket: false,
                    http: false,
                },
            )),
        }
    }

    /// Serves the routes of `template` at `other` too (`TrailingSlash::MatchBoth`).
    pub(crate) fn alias(&mut self, template: &str, other: String) {
        if self.by_template.iter().any(|(t, _)| *t == other) {
            return;
        }
        if let Some((_, routes)) = self.by_template.iter().find(|(t, _)| t == template) {
            let routes = routes.clone();
            self.by_template.push((other, routes));
        }
    }

    /// The templates added, in order.
    pub(crate) fn templates(&self) -> Vec<String> {
        self.by_template.iter().map(|(t, _)| t.clone()).collect()
    }

    /// Lists `path` (a template) as one the router behind serves, so that the tree chooses
    /// between it and the app's templates as one axum router would: `/docs` before
    /// `/{page}`. A path the tree cannot take beside the others (a conflict with a template,
    /// which the router behind tells apart by its own rules) is left to the router behind.
    pub(crate) fn rest(&mut self, path: &str) {
        let _ = self.paths.insert(path, Target::Rest);
    }

    /// The routing, with `rest` behind it.
    pub(crate) fn finish(
        mut self,
        rest: axum::Router,
        timeout: Option<Duration>,
        limit: Option<Arc<RouteLimit>>,
    ) -> Result<Routing, StartupError> {
        // `<path..>` matches the empty rest too, as Starlette's `{path:path}` does: matchit's
        // catch-all needs a character, so the template without it (`/files/`) is added, unless
        // a route of the app has that template itself. Its request lacks the last parameter,
        // which `PathParams::decode` reads as empty.
        let empty_rests: Vec<(String, PathRoutes)> = self
            .by_template
            .iter()
            .filter_map(|(template, routes)| {
                let prefix = template.rsplit_once("/{*")?.0;
                Some((format!("{prefix}/"), routes.clone()))
            })
            .filter(|(prefix, _)| !self.by_template.iter().any(|(t, _)| t == prefix))
            .collect();
        self.by_template.extend(empty_rests);
        for (template, mut routes) in self.by_template {
            routes.allow = allow_header(&routes.routes);
            routes.websocket = routes.routes.iter().any(|(m, _)| *m == Method::WebSocket);
            routes.http = routes.routes.iter().any(|(m, _)| *m != Method::WebSocket);
            self.paths
                .insert(template.as_str(), Target::Routes(routes))
                .map_err(|e| {
                    StartupError::new(format!("the path `{template}` cannot be served: {e}"))
                })?;
        }
        Ok(Routing {
            inner: Arc::new(Inner {
                paths: self.paths,
                rest,
                timeout,
                limit,
            }),
        })
    }
}

/// The `Allow` header axum's method router writes for these routes: the methods in the order
/// the routes were added, `GET` followed by `HEAD`, each once.
fn allow_header(routes: &[(Method, Endpoint)]) -> HeaderValue {
    let mut allow = String::new();
    for (method, _) in routes {
        let names: &[&str] = match method {
            Method::Get => &["GET", "HEAD"],
            Method::WebSocket => &[],
            other => &[other.as_str()],
        };
        for name in names {
            // axum's check, kept so that the header is the same byte for byte.
            if allow.contains(name) {
                continue;
            }
            if !allow.is_empty() {
                allow.push(',');
            }
            allow.push_str(name);
        }
    }
    HeaderValue::from_str(&allow).unwrap_or_else(|_| HeaderValue::from_static(""))
}

impl Routing {
    /// The route of `req` (from `client`) and its answer on its way, or the router behind's;
    /// the route's name left in `name`.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    fn route(
        &self,
        req: Request,
        client: Option<std::net::SocketAddr>,
        name: &mut RouteName,
    ) -> Routed {
        let inner = &self.inner;
        let handshake = is_handshake(&req);
        let Ok(matched) = inner.paths.at(req.uri().path()) else {
            // No route: uvicorn refuses a websocket handshake its app closed with 403.
            if handshake {
                return Routed::Ready(Some(Box::new(refuse_handshake())));
            }
            return Routed::Rest(Box::new(inner.rest.clone().call(req)));
        };
        let routes = match matched.value {
            Target::Routes(routes) => routes,
            Target::Rest => return Routed::Rest(Box::new(inner.rest.clone().call(req))),
        };
        let method = if handshake {
            // A handshake goes to the path's websocket route, or is refused, as in FastAPI.
            if !routes.websocket {
                return Routed::Ready(Some(Box::new(refuse_handshake())));
            }
            Some(Method::WebSocket)
        } else {
            // A path with only websocket routes is not found by other requests, as in FastAPI.
            if !routes.http {
                return Routed::Rest(Box::new(inner.rest.clone().call(req)));
            }
            Method::of(req.method())
        };
        let exact = routes.routes.iter().find(|(m, _)| Some(*m) == method);
        // A `GET` route answers `HEAD` too, without its body.
        let (endpoint, head) = match (exact, method) {
            (Some((_, endpoint)), _) => (endpoint, method == Some(Method::Head)),
            (None, Some(Method::Head)) => {
                match routes.routes.iter().find(|(m, _)| *m == Method::Get) {
                    Some((_, endpoint)) => (endpoint, true),
                    None => return Routed::Ready(Some(Box::new(not_allowed(routes, true)))),
                }
            }
            (None, _) => return Routed::Ready(Some(Box::new(not_allowed(routes, false)))),
        };
        #[cfg(feature = "tracing")]
        name.found(endpoint.name);
        let path = if routes.names.is_empty() {
            PathParams::default()
        } else {
            match PathParams::decode(&routes.names, matched.params.iter().map(|(_, v)| v)) {
                Some(path) => path,
                None => return Routed::Ready(Some(Box::new(crate::context::invalid_url()))),
            }
        };
        if let Some(wrapped) = &endpoint.wrapped {
            let mut req = req;
            req.extensions_mut().insert(path);
            if let Some(client) = client {
                req.extensions_mut().insert(crate::ClientAddr(Some(client)));
            }
            return Routed::Wrapped {
                answer: wrapped(req),
                head,
            };
        }
        Routed::Route {
            answer: Answering::start(
                req,
                &endpoint.app,
                endpoint.def,
                path,
                client,
                &endpoint.limits,
            ),
            head,
        }
    }
}

/// Whether `req` asks for a websocket. Only a request the server can upgrade is looked at:
/// hyper marks every HTTP/1.1 request with an `Upgrade` header (`OnUpgrade`), the
/// `TestClient` its own; any other request has no extension at all, and costs nothing here.
#[inline]
fn is_handshake(req: &Request) -> bool {
    #[cfg(feature = "ws")]
    {
        let extensions = req.extensions();
        (extensions.get::<hyper::upgrade::OnUpgrade>().is_some()
            || extensions.get::<crate::websocket::TestUpgrade>().is_some())
            && crate::websocket::is_handshake(req.method(), req.headers())
    }
    #[cfg(not(feature = "ws"))]
    {
        let _ = req;
        false
    }
}

/// A websocket handshake to a path without a websocket route: 403 with an empty body, as
/// uvicorn answers a handshake that FastAPI's router closes before accepting.
fn refuse_handshake() -> Response {
    #[cfg(feature = "ws")]
    return crate::websocket::refusal();
    #[cfg(not(feature = "ws"))]
    StatusCode::FORBIDDEN.into_response()
}

/// 405 `{"detail":"Method Not Allowed"}` with the methods the path has, as axum answers
/// (without the body for `HEAD`).
fn not_allowed(routes: &PathRoutes, head: bool) -> Response {
    let mut response = HttpError::from_status(StatusCode::METHOD_NOT_ALLOWED).into_response();
    response.headers_mut().insert(ALLOW, routes.allow.clone());
    finish(&mut response, head);
    response
}

/// What axum's router does to every answer of a route: a `Content-Length` when the body's
/// size is known, and no body for `HEAD` (its length kept).
fn finish(response: &mut Response, head: bool) {
    // A `101` has no body, and so no length.
    if !response.status().is_informational()
        && !response.headers().contains_key(CONTENT_LENGTH)
        && let Some(size) = response.body().size_hint().exact()
    {
        let value = if size == 0 {
            HeaderValue::from_static("0")
        } else {
            HeaderValue::from(size)
        };
        response.headers_mut().insert(CONTENT_LENGTH, value);
    }
    if head {
        *response.body_mut() = axum::body::Body::from(Bytes::new());
    }
}

impl Service<Request> for Routing {
    type Response = Response;
    type Error = Infallible;
    type Future = Routed;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request) -> Routed {
        self.answer(req)
    }
}

impl Routing {
    /// The answer to `req`, under the request timeout when one is set: what `call` does,
    /// without the service's `&mut` (the middleware reach the routing by reference).
    #[inline]
    pub(crate) fn answer(&self, req: Request) -> Routed {
        let client = crate::extract::client_of(&req);
        self.answer_from(req, client)
    }

    /// [`answer`](Self::answer) to a request from `client`, which the server gives by value;
    /// the route's name recorded in the span of the request being served.
    #[inline]
    pub(crate) fn answer_from(&self, req: Request, client: Option<std::net::SocketAddr>) -> Routed {
        let mut name = RouteName::default();
        let routed = self.answer_named(req, client, &mut name);
        name.record();
        routed
    }

    /// [`answer_from`](Self::answer_from), the route's name left in `name` (unless the app's
    /// rate limit, counted in Redis, routes later: then in the span of the request).
    #[inline]
    pub(crate) fn answer_named(
        &self,
        req: Request,
        client: Option<std::net::SocketAddr>,
        name: &mut RouteName,
    ) -> Routed {
        match &self.inner.limit {
            None => self.unlimited(req, client, name),
            Some(limit) => self.limited(limit, req, client, name),
        }
    }

    /// [`answer_from`](Self::answer_from) under the app's rate limit: counted first, then
    /// routed, the limit's headers added to the answer unless the route wrote its own.
    fn limited(
        &self,
        limit: &Arc<RouteLimit>,
        req: Request,
        client: Option<std::net::SocketAddr>,
        name: &mut RouteName,
    ) -> Routed {
        let head = req.method() == http::Method::HEAD;
        let told = match limit.check(client) {
            Some(Ok(told)) => told,
            Some(Err(refused)) => {
                let mut refused = limit.answer(&refused);
                finish(&mut refused, head);
                return Routed::Ready(Some(Box::new(refused)));
            }
            // Counted in Redis: routed once the count is known.
            None => {
                let routing = self.clone();
                let limit = Arc::clone(limit);
                return Routed::Limited(Box::pin(async move {
                    match limit.check_later(client).await {
                        Err(refused) => {
                            let mut refused = limit.answer(&refused);
                            finish(&mut refused, head);
                            Ok(refused)
                        }
                        Ok(told) => {
                            let mut name = RouteName::default();
                            let routed = routing.unlimited(req, client, &mut name);
                            name.record();
                            let mut response = routed.await?;
                            if let Some(told) = told {
                                told.write_unless_said(response.headers_mut());
                            }
                            Ok(response)
                        }
                    }
                }));
            }
        };
        let routed = self.unlimited(req, client, name);
        match told {
            None => routed,
            Some(told) => Routed::Limited(Box::pin(async move {
                let mut response = routed.await?;
                told.write_unless_said(response.headers_mut());
                Ok(response)
            })),
        }
    }

    /// [`answer_from`](Self::answer_from) without the app's rate limit.
    fn unlimited(
        &self,
        req: Request,
        client: Option<std::net::SocketAddr>,
        name: &mut RouteName,
    ) -> Routed {
        let routed = self.route(req, client, name);
        match self.inner.timeout {
            None => routed,
            Some(after) => Routed::Timed(Box::pin(async move {
                match tokio::time::timeout(after, routed).await {
                    Ok(answer) => answer,
                    Err(_) => {
                        Ok(HttpError::from_status(StatusCode::GATEWAY_TIMEOUT).into_response())
                    }
                }
            })),
        }
    }
}

/// Where the routing leaves the name of the route it found (`GET /items/{item_id}`), which the
/// request's span is named by (feature `tracing`).
#[derive(Default)]
pub(crate) struct RouteName {
    #[cfg(feature = "tracing")]
    found: Option<&'static str>,
}

impl RouteName {
    /// The route found is `name`.
    #[cfg(feature = "tracing")]
    #[inline(always)]
    fn found(&mut self, name: &'static str) {
        self.found = Some(name);
    }

    /// The name of the route found, if one was.
    #[cfg(feature = "tracing")]
    #[inline(always)]
    pub(crate) fn get(&self) -> Option<&'static str> {
        self.found
    }

    /// Records the route found in the span of the request being served (made before the
    /// routing: middleware stood between).
    #[inline(always)]
    fn record(self) {
        #[cfg(feature = "tracing")]
        if let Some(name) = self.found {
            crate::observability::record_route(name);
        }
    }
}

/// A request's answer on its way: a route's, the router behind's, one ready at once (405, 400),
/// or any of them under the request timeout. Small (the rare answers boxed), as it is moved
/// into every middleware's future and the connection's.
pub(crate) enum Routed {
    Route {
        answer: Answering,
        head: bool,
    },
    /// A route inside its middleware.
    Wrapped {
        answer: Pin<Box<dyn Future<Output = Response> + Send>>,
        head: bool,
    },
    Rest(Box<<axum::Router as Service<Request>>::Future>),
    Ready(Option<Box<Response>>),
    Timed(Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>),
    /// Under the app's rate limit, with its headers to add (or its count to wait for).
    Limited(Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>),
}

impl Future for Routed {
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Every variant is `Unpin`: the futures inside are boxed or axum's (`Unpin`).
        match self.get_mut() {
            Routed::Route { answer, head } => {
                let Poll::Ready(Ok(mut response)) = Pin::new(answer).poll(cx) else {
                    return Poll::Pending;
                };
                finish(&mut response, *head);
                Poll::Ready(Ok(response))
            }
            Routed::Wrapped { answer, head } => {
                let Poll::Ready(mut response) = answer.as_mut().poll(cx) else {
                    return Poll::Pending;
                };
                finish(&mut response, *head);
                Poll::Ready(Ok(response))
            }
            Routed::Rest(answer) => Pin::new(answer).poll(cx),
            Routed::Ready(response) => {
                Poll::Ready(Ok(*response.take().expect("polled after completion")))
            }
            Routed::Timed(answer) | Routed::Limited(answer) => answer.as_mut().poll(cx),
        }
    }
}
