//! The request context: one request being read (its parts, its lazily parsed sources, its
//! body, the errors of the 422 so far) and what it may see of the app ([`AppContext`]).
//!
//! Data only: reading parameters is in `extract`, resolving dependencies in `depends`, both
//! above this layer.

mod app;
pub(crate) mod body;
mod meta;
mod middleware_ref;
pub(crate) mod sources;
mod tasks;
mod websocket;

use std::cell::OnceCell;

use axum::response::{IntoResponse, Response};
use http::request::Parts;

pub use app::{AppContext, DEFAULT_BODY_LIMIT, DependencyRef, UrlTable};
pub(crate) use app::{
    AppDependencies, AppValues, CleanupList, Deferred, Overrides, Resolved, States, WarmFn,
};
pub(crate) use meta::any_as_object;
pub use meta::{DescribeFn, Fact, Meta, SchemaFn, schema_of};
pub use middleware_ref::{BoundAny, MiddlewareRef};
pub use tasks::{BackgroundTasks, TaskOutcome};
pub(crate) use tasks::{Running, Task, TasksDone};
pub(crate) use websocket::Closing;
pub use websocket::WebSocketConfig;

use crate::error::{RequestValidationError, ValidationError};

/// One request being read: its parts, its parameters' sources (parsed when first asked for),
/// its body and the errors recorded so far. Generated code reads each parameter from it, and a
/// [`FromCx`](crate::FromCx) type reads itself from it.
pub struct Cx<'r> {
    pub(crate) parts: &'r Parts,
    pub(crate) path: &'r PathParams,
    pub(crate) query: OnceCell<Vec<(std::borrow::Cow<'r, str>, std::borrow::Cow<'r, str>)>>,
    // A box of a Vec on purpose: 8 bytes in every request's future rather than 24.
    #[allow(clippy::box_collection)]
    pub(crate) cookies: OnceCell<Box<Vec<(&'r str, &'r str)>>>,
    pub(crate) body: body::BodyData,
    pub(crate) raw_body: Option<axum::body::Body>,
    pub(crate) app: &'r AppContext,
    pub(crate) errors: Vec<ValidationError>,
    /// The dependencies resolved so far in this request, and the resolution units.
    pub(crate) deps: Resolved,
    /// Work deferred with `Cleanup`, created when a dependency first asks for one.
    pub(crate) cleanups: Option<CleanupList>,
    /// The request's background tasks, created when a route or a dependency first asks.
    pub(crate) background: Option<BackgroundTasks>,
    /// The route's own body limit (`body_limit = "50MiB"`), over the app's.
    pub(crate) body_limit: Option<usize>,
    /// The route's own form limits, over the app's.
    pub(crate) form_limits: &'static crate::form::FormLimits,
    /// The scopes required so far: the route's, then each dependency's as it starts.
    pub(crate) scopes: Vec<&'static str>,
    /// How many errors were recorded when the reader being run (a route or a dependency)
    /// started on its own parameters, after its `Depends<f>`.
    pub(crate) own_start: usize,
    /// The client's address, when the server gives it by value (`ClientAddr`).
    pub(crate) client: Option<std::net::SocketAddr>,
}

/// The parameters of the route's template, percent-decoded, in template order.
#[derive(Debug, Default, Clone)]
pub struct PathParams(Vec<(&'static str, String)>);

/// No form limit of a route's own: the app's apply.
static NO_FORM_LIMITS: crate::form::FormLimits = crate::form::FormLimits::new();

/// The parameters of a request outside any route (an app-scoped dependency built at start-up).
static NO_PATH_PARAMS: PathParams = PathParams(Vec::new());

impl PathParams {
    /// No parameter, for reading outside a route.
    pub(crate) fn none() -> &'static PathParams {
        &NO_PATH_PARAMS
    }

    /// `values`, decoded, under `names` (the template's parameters, in order); `None` when a
    /// value does not decode to UTF-8, which answers 400 `{"detail":"Invalid URL"}` as axum's
    /// path extractor does. A name without a value (the empty rest of a `<path..>`) is empty.
    pub(crate) fn decode<'v>(
        names: &[&'static str],
        values: impl Iterator<Item = &'v str>,
    ) -> Option<PathParams> {
        let mut pairs = Vec::with_capacity(names.len());
        for (name, value) in names.iter().zip(values.chain(std::iter::repeat(""))) {
            pairs.push((*name, sources::percent_decode(value)?.into_owned()));
        }
        Some(PathParams(pairs))
    }

    /// The value of parameter `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// The answer to a path whose parameters do not decode to UTF-8: 400 `{"detail":"Invalid URL"}`
/// (axum's own message is not passed on).
pub(crate) fn invalid_url() -> Response {
    crate::error::HttpError::new(http::StatusCode::BAD_REQUEST, "Invalid URL").into_response()
}

impl<'r> Cx<'r> {
    /// Starts reading a request whose path parameters, if any, are `path`; the body is read
    /// when a parameter needs it.
    pub fn new(
        parts: &'r Parts,
        path: &'r PathParams,
        app: &'r AppContext,
        body: axum::body::Body,
    ) -> Self {
        Self {
            parts,
            path,
            query: OnceCell::new(),
            cookies: OnceCell::new(),
            body: body::BodyData::default(),
            raw_body: Some(body),
            app,
            errors: Vec::new(),
            deps: Resolved::default(),
            cleanups: None,
            background: None,
            body_limit: None,
            form_limits: &NO_FORM_LIMITS,
            scopes: Vec::new(),
            own_start: 0,
            client: None,
        }
    }

    /// Marks where the reader being run starts on its own parameters, its `Depends<f>`
    /// resolved: the errors recorded from now on are its own.
    #[doc(hidden)]
    pub fn begin_own_params(&mut self) {
        self.own_start = self.errors.len();
    }

    /// How many errors were recorded before the reader run last started on its own
    /// parameters.
    pub(crate) fn own_start(&self) -> usize {
        self.own_start
    }

    /// Adds scopes the request's security schemes must grant (read by `SecurityScopes`).
    #[doc(hidden)]
    pub fn require_scopes(&mut self, scopes: &'static [&'static str]) {
        for scope in scopes {
            if !self.scopes.contains(scope) {
                self.scopes.push(scope);
            }
        }
    }

    /// The route's body limit, in place of the app's.
    #[doc(hidden)]
    pub fn limit_body(&mut self, bytes: usize) {
        self.body_limit = Some(bytes);
    }

    /// The route's form limits, over the app's.
    #[doc(hidden)]
    pub fn limit_form(&mut self, limits: &'static crate::form::FormLimits) {
        self.form_limits = limits;
    }

    /// How many errors are recorded.
    #[doc(hidden)]
    pub fn error_count(&self) -> usize {
        self.errors.len()
    }

    /// Marks the errors recorded since `start` as one dependency's, in resolution order.
    #[doc(hidden)]
    pub fn close_unit(&mut self, start: usize) {
        let unit = self.deps.next_unit();
        for error in &mut self.errors[start..] {
            error.set_unit(unit);
        }
    }

    /// The request's method, URI, headers and extensions.
    pub fn parts(&self) -> &'r Parts {
        self.parts
    }

    /// Records `error`.
    pub fn push_error(&mut self, error: ValidationError) {
        self.errors.push(error);
    }

    /// Whether no parameter was refused so far.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The 422 answer with every recorded error.
    pub fn reject(&mut self) -> Response {
        let errors = RequestValidationError::new(std::mem::take(&mut self.errors));
        let Some(handlers) = self.app.handlers else {
            return errors.into_response();
        };
        // The handler sees the body as received, as FastAPI's `exc.body`.
        let body = if self.body.bytes.is_empty() {
            None
        } else {
            self.body.value().as_ref().ok().cloned()
        };
        match handlers.validation(errors.with_body(body)) {
            Ok(response) => response,
            Err(errors) => errors.into_response(),
        }
    }
}
