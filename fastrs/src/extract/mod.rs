//! Reading parameters from a request: path, query, headers, cookies and the body.
//!
//! The route macros generate one call per parameter into [`Cx`]; every error is recorded and
//! answered together as one 422.

mod arguments;
mod body;
mod framework;
pub(crate) mod kind;
mod model;
mod param;
pub(crate) mod probe;
mod rules;
pub(crate) mod scalar;
pub(crate) mod sources;

use std::cell::OnceCell;

use axum::extract::RawPathParams;
use axum::response::{IntoResponse, Response};
use http::request::Parts;

pub use crate::spec::{Bound, Num, ParamSpec, Source};
pub use arguments::{Arguments, all_some};
pub use body::BodyParam;
pub use framework::FromCx;
pub use model::ParamModel;
pub use param::{At, Found, ParamType};
pub use scalar::{Scalar, ScalarError};

use crate::app::Shared;
use crate::error::{RequestValidationError, ValidationError};

/// One request being read by a generated handler.
#[doc(hidden)]
pub struct Cx<'r> {
    parts: &'r Parts,
    path: Option<&'r RawPathParams>,
    query: OnceCell<Vec<(std::borrow::Cow<'r, str>, std::borrow::Cow<'r, str>)>>,
    // A box of a Vec on purpose: 8 bytes in every request's future rather than 24.
    #[allow(clippy::box_collection)]
    cookies: OnceCell<Box<Vec<(&'r str, &'r str)>>>,
    body: body::BodyData,
    raw_body: Option<axum::body::Body>,
    pub(crate) app: &'r Shared,
    errors: Vec<ValidationError>,
    /// The dependencies resolved so far in this request, and the resolution units.
    pub(crate) deps: crate::depends::Resolved,
    /// Work deferred with `Cleanup`, created when a dependency first asks for one.
    pub(crate) cleanups: Option<crate::depends::CleanupList>,
    /// The route's own body limit (`body_limit = "50MiB"`), over the app's.
    body_limit: Option<usize>,
    /// The scopes required so far: the route's, then each dependency's as it starts.
    pub(crate) scopes: Vec<&'static str>,
    /// How many errors were recorded when the reader being run (a route or a dependency)
    /// started on its own parameters, after its `Depends<f>`.
    own_start: usize,
}

/// The path parameters axum matched, or a 400 `{"detail":"Invalid URL"}` when they do not
/// decode to UTF-8 (axum's own message is not passed on).
pub(crate) async fn path_params(parts: &mut Parts) -> Result<RawPathParams, Response> {
    use axum::extract::FromRequestParts;
    RawPathParams::from_request_parts(parts, &())
        .await
        .map_err(|_| {
            crate::HttpError::new(http::StatusCode::BAD_REQUEST, "Invalid URL").into_response()
        })
}

impl<'r> Cx<'r> {
    /// Starts reading a request whose path parameters, if any, are `path`; the body is read
    /// when a parameter needs it.
    pub fn new(
        parts: &'r Parts,
        path: Option<&'r RawPathParams>,
        app: &'r Shared,
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
            deps: crate::depends::Resolved::default(),
            cleanups: None,
            body_limit: None,
            scopes: Vec::new(),
            own_start: 0,
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

    /// Reads a `T`, `Option<T>` or `Vec<T>` parameter from `source`.
    pub fn param<T: ParamType>(
        &mut self,
        spec: &'static ParamSpec,
        source: Source,
        default: Option<fn() -> T>,
    ) -> Option<T> {
        let mut at = At {
            spec,
            source,
            errors: &mut self.errors,
        };
        let found = match source {
            Source::Path => {
                let value = self
                    .path
                    .and_then(|p| p.iter().find(|(k, _)| *k == spec.key).map(|(_, v)| v));
                T::from_values(value.into_iter(), &mut at)
            }
            Source::Query | Source::Inferred => {
                let pairs = self.query.get_or_init(|| sources::parse_query(self.parts));
                T::from_values(sources::values_of(pairs, spec.key), &mut at)
            }
            Source::Header => match spec.header_name() {
                Some(name) => T::from_values(sources::header_values(self.parts, name), &mut at),
                None => T::from_values(std::iter::empty(), &mut at),
            },
            Source::Cookie => {
                let cookies = self
                    .cookies
                    .get_or_init(|| Box::new(sources::parse_cookies(self.parts)));
                let values = cookies
                    .iter()
                    .filter(|(k, _)| *k == spec.key)
                    .map(|(_, v)| *v);
                T::from_values(values, &mut at)
            }
            Source::Form => T::from_values(self.body.form_values(spec.key), &mut at),
            Source::Body => unreachable!("body parameters are read by `Cx::body`"),
        };
        match found {
            Found::Value(v) => Some(v),
            Found::Invalid => None,
            Found::Missing => match default.map(|d| d()).or_else(T::missing) {
                Some(v) => Some(v),
                None => {
                    at.missing();
                    None
                }
            },
        }
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
        RequestValidationError::new(std::mem::take(&mut self.errors)).into_response()
    }
}
