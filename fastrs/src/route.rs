//! Routes as the macros register them: constant data collected through `inventory`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::response::Response;

use crate::context::{AppContext, Cx, DescribeFn, PathParams};
use crate::spec::ParamSpec;

/// An HTTP method a route answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// `GET` (also answers `HEAD`, without the body).
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
    /// `HEAD`.
    Head,
    /// `OPTIONS`.
    Options,
    /// `TRACE`.
    Trace,
    /// A websocket handshake (`GET` with `Upgrade: websocket`), for `#[websocket]` routes.
    WebSocket,
}

impl Method {
    /// The method as written on the wire: `GET`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
            Method::Trace => "TRACE",
            Method::WebSocket => "WEBSOCKET",
        }
    }

    /// The method of a request, if a route can answer it.
    pub(crate) fn of(method: &http::Method) -> Option<Method> {
        Some(match *method {
            http::Method::GET => Method::Get,
            http::Method::POST => Method::Post,
            http::Method::PUT => Method::Put,
            http::Method::PATCH => Method::Patch,
            http::Method::DELETE => Method::Delete,
            http::Method::HEAD => Method::Head,
            http::Method::OPTIONS => Method::Options,
            http::Method::TRACE => Method::Trace,
            _ => return None,
        })
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A route's options, as given to its attribute; the OpenAPI document is built from them.
#[derive(Debug, Clone, Copy)]
pub struct RouteOptions {
    /// `status`: the status of a successful answer (200 unless given).
    pub status: Option<u16>,
    /// `tags`.
    pub tags: &'static [&'static str],
    /// `summary`; the title-cased function name unless given.
    pub summary: Option<&'static str>,
    /// `description`; the doc comment unless given.
    pub description: Option<&'static str>,
    /// `operation_id`; the function name unless given.
    pub operation_id: Option<&'static str>,
    /// `deprecated`.
    pub deprecated: bool,
    /// `include_in_schema = false` hides the route from the documentation.
    pub include_in_schema: bool,
    /// `responses(404 = Model, ...)`: other answers the route documents.
    pub responses: &'static [ExtraResponse],
    /// `body_limit = "50MiB"`: the largest body the route reads, over the app's limit.
    pub body_limit: Option<usize>,
    /// `max_fields`, `max_files`, `max_part_size`: the route's form limits, over the app's.
    pub form_limits: crate::form::FormLimits,
    /// `scopes = [...]`: the scopes its security schemes must grant.
    pub scopes: &'static [&'static str],
    /// `dependencies = [...]`: dependencies run for their effect before its parameters.
    pub dependencies: &'static [crate::context::DependencyRef],
    /// `response_model_exclude_none`, `..._include = [...]` and the other filters of its
    /// answer.
    pub response_model: crate::response_model::ResponseModel,
    /// `middleware = [...]`: middleware functions around the route, after routing.
    pub middleware: &'static [crate::context::MiddlewareRef],
    /// `rate_limit = "5/minute"`: the requests each client address may make.
    pub rate_limit: Option<crate::ratelimit::Rate>,
    /// `rate_limit_headers = false` leaves the `X-RateLimit-*` headers out of its answers.
    pub rate_limit_headers: bool,
}

impl RouteOptions {
    /// The options of a route attribute that gives none.
    pub const DEFAULT: RouteOptions = RouteOptions {
        status: None,
        tags: &[],
        summary: None,
        description: None,
        operation_id: None,
        deprecated: false,
        include_in_schema: true,
        responses: &[],
        body_limit: None,
        form_limits: crate::form::FormLimits::new(),
        scopes: &[],
        dependencies: &[],
        response_model: crate::response_model::ResponseModel::NONE,
        middleware: &[],
        rate_limit: None,
        rate_limit_headers: true,
    };

    /// `status` as a status code.
    pub(crate) fn status_code(&self) -> Option<http::StatusCode> {
        self.status.and_then(|s| http::StatusCode::from_u16(s).ok())
    }
}

/// One entry of a route's `responses(...)`: a status, with a model, a description, or both.
#[derive(Debug, Clone, Copy)]
pub struct ExtraResponse {
    /// The status.
    pub status: u16,
    /// The description; the status' reason phrase unless given.
    pub description: Option<&'static str>,
    /// The JSON schema of the answer's body.
    pub schema: Option<fn(&mut schemars::SchemaGenerator) -> serde_json::Value>,
    /// An example of the answer's body, as JSON text (the route macro checks it is JSON).
    pub example: Option<&'static str>,
}

impl ExtraResponse {
    /// An answer with `status`, described by its reason phrase, with no body.
    pub const fn new(status: u16) -> Self {
        Self {
            status,
            description: None,
            schema: None,
            example: None,
        }
    }

    /// Its description.
    #[must_use]
    pub const fn description(mut self, description: &'static str) -> Self {
        self.description = Some(description);
        self
    }

    /// Its body: JSON of type `T`.
    #[must_use]
    pub const fn model<T: schemars::JsonSchema>(mut self) -> Self {
        self.schema = Some(crate::context::schema_of::<T>);
        self
    }

    /// An example of its body, as JSON text: `r#"{"detail": "Item exists"}"#`. Text that is
    /// not JSON is left out of the document.
    #[must_use]
    pub const fn example(mut self, json: &'static str) -> Self {
        self.example = Some(json);
        self
    }
}

/// One route, as its macro declared it.
#[derive(Debug)]
pub struct RouteDef {
    /// The method answered.
    pub method: Method,
    /// The template as written: `/items/<id>`.
    pub template: &'static str,
    /// axum's form: `/items/{id}`, `/files/{*path}`.
    pub axum_path: &'static str,
    /// OpenAPI's form: `/items/{id}`.
    pub openapi_path: &'static str,
    /// The handler function's name.
    pub name: &'static str,
    /// `module_path!()` of the handler.
    pub module: &'static str,
    /// `file!()` of the handler.
    pub file: &'static str,
    /// `line!()` of the handler.
    pub line: u32,
    /// The doc comment of the handler.
    pub doc: &'static str,
    /// The route's options.
    pub options: RouteOptions,
    /// The handler's parameters, in declaration order.
    pub params: &'static [&'static ParamSpec],
    /// Starts the request pipeline for this route (`pipeline::serve::<R>`).
    #[doc(hidden)]
    pub serve: ServeFn,
    /// The facts of its parameters and its answer, for the start-up checks and the document.
    #[doc(hidden)]
    pub describe: DescribeFn,
}

impl RouteDef {
    /// The names of the template's parameters, in order: `/files/{id}/{*rest}` gives `id`
    /// and `rest`.
    pub fn path_param_names(&self) -> Vec<&'static str> {
        self.axum_path
            .split('/')
            .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
            .map(|name| name.trim_start_matches('*'))
            .collect()
    }

    /// `file:line` of the handler.
    pub fn location(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

/// `GET /items/<id> (read_item at src/items.rs:12)`: the route, for logs.
impl std::fmt::Display for RouteDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} ({} at {}:{})",
            self.method, self.template, self.name, self.file, self.line
        )
    }
}

/// A route submitted to `inventory` by its macro.
#[doc(hidden)]
pub struct Registration(pub &'static RouteDef);

inventory::collect!(Registration);

/// All routes of the program.
pub(crate) fn registered() -> impl Iterator<Item = &'static RouteDef> {
    inventory::iter::<Registration>.into_iter().map(|r| r.0)
}

/// Implemented by the struct each route macro generates, named after the handler.
pub trait Route {
    /// The route's constant data.
    fn def() -> &'static RouteDef;
}

/// The two steps of the request pipeline ([`crate::pipeline`]) that depend on the handler's
/// signature. A route macro implements it on a private struct of its own, so that the
/// arguments' types may be private to the module (a `Depends<f>` of a private `f`).
#[doc(hidden)]
pub trait RouteFn: 'static {
    /// The handler's arguments, in order.
    type Args: Send;

    /// The arguments of a handler that reads nothing (no parameter, no route dependency):
    /// `Some(())` then, so that no request context is made; `None` otherwise.
    fn no_args() -> Option<Self::Args> {
        None
    }

    /// Resolves the handler's `Depends<f>` parameters, then reads the others: `Ok(None)` when
    /// one was refused (the errors are recorded), `Err` when a dependency answered itself.
    fn read<'a, 'r: 'a>(cx: &'a mut Cx<'r>) -> impl Reading<Self::Args> + 'a;

    /// Calls the handler.
    fn invoke(args: Self::Args) -> impl Future<Output = impl crate::response::Responder> + Send;
}

/// A request of a route being served, boxed once.
pub type Answer = Pin<Box<dyn Future<Output = Response> + Send>>;

/// Starts serving one request of a route: the request, what the route's requests see of the
/// app, the route, its template's parameters, and the client's address when the server gives
/// it.
pub type ServeFn = fn(
    axum::extract::Request,
    Arc<AppContext>,
    &'static RouteDef,
    PathParams,
    Option<std::net::SocketAddr>,
) -> Answer;

/// What reading a handler's arguments gives: the arguments, `None` when a parameter was refused
/// (the errors are recorded), or the answer of a dependency that answered the request itself
/// (boxed: the rare case should not make every step of a dependency chain as large as a
/// response).
#[doc(hidden)]
pub type Read<A> = Result<Option<A>, Box<Response>>;

/// Reading a handler's (or a dependency's) arguments: a `Send` future of [`Read`].
#[doc(hidden)]
pub trait Reading<A>: Future<Output = Read<A>> + Send {}

impl<A, F: Future<Output = Read<A>> + Send> Reading<A> for F {}
