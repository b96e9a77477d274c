//! FastAPI's 422: one [`ValidationError`] per problem, all answered together.

use std::borrow::Cow;

use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::Serialize;
use serde_json::Value;

use crate::spec::Source;

/// One step of an error's `loc`: a key or a list index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Loc {
    /// An object key, a parameter name or a source (`"query"`).
    Key(Cow<'static, str>),
    /// A list index.
    Index(usize),
}

impl From<&'static str> for Loc {
    fn from(key: &'static str) -> Self {
        Loc::Key(Cow::Borrowed(key))
    }
}

impl From<String> for Loc {
    fn from(key: String) -> Self {
        Loc::Key(Cow::Owned(key))
    }
}

impl From<usize> for Loc {
    fn from(index: usize) -> Self {
        Loc::Index(index)
    }
}

/// One validation error, serialized as pydantic does: `type, loc, msg, input[, ctx]`.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationError {
    kind: Cow<'static, str>,
    loc: Vec<Loc>,
    msg: Cow<'static, str>,
    input: Value,
    /// The input as sent, when `input` cannot hold it: an integer beyond 64 bits, which JSON
    /// values hold as a float. Boxed, as it is rare.
    exact_input: Option<Box<str>>,
    ctx: Option<Value>,
    source: Option<Source>,
    /// Which dependency recorded it, in resolution order; the route's own come last.
    unit: u32,
}

impl Serialize for ValidationError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let fields = if self.ctx.is_some() { 5 } else { 4 };
        let mut s = serializer.serialize_struct("ValidationError", fields)?;
        s.serialize_field("type", &self.kind)?;
        s.serialize_field("loc", &self.loc)?;
        s.serialize_field("msg", &self.msg)?;
        match self
            .exact_input
            .as_deref()
            .and_then(|raw| serde_json::value::RawValue::from_string(raw.to_owned()).ok())
        {
            Some(raw) => s.serialize_field("input", &raw)?,
            None => s.serialize_field("input", &self.input)?,
        }
        if let Some(ctx) = &self.ctx {
            s.serialize_field("ctx", ctx)?;
        }
        s.end()
    }
}

impl ValidationError {
    /// An error of pydantic `type` `kind` at `loc`, with its message and the input it refused.
    pub fn new(
        kind: impl Into<Cow<'static, str>>,
        loc: Vec<Loc>,
        msg: impl Into<Cow<'static, str>>,
        input: Value,
    ) -> Self {
        Self {
            kind: kind.into(),
            loc,
            msg: msg.into(),
            input,
            exact_input: None,
            ctx: None,
            source: None,
            unit: u32::MAX,
        }
    }

    /// Adds pydantic's `ctx` object.
    #[must_use]
    pub fn with_ctx(mut self, ctx: Value) -> Self {
        self.ctx = Some(ctx);
        self
    }

    /// Answers `input` as the JSON text `raw` (an integer literal), exactly as it was sent.
    pub(crate) fn set_exact_input(&mut self, raw: &str) {
        self.exact_input = Some(raw.into());
    }

    pub(crate) fn at_source(mut self, source: Source) -> Self {
        self.source = Some(source);
        self
    }

    pub(crate) fn set_unit(&mut self, unit: u32) {
        self.unit = unit;
    }

    /// FastAPI's order: dependencies in resolution order, then the route; within each, path,
    /// query, header, cookie, body.
    pub(crate) fn order(&self) -> (u32, u8) {
        (self.unit, self.source.map_or(u8::MAX, Source::rank))
    }

    /// pydantic's error `type`, such as `int_parsing`.
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// Where the error is: `["query", "limit"]`.
    pub fn loc(&self) -> &[Loc] {
        &self.loc
    }

    /// The human message, such as `Field required`.
    pub fn msg(&self) -> &str {
        &self.msg
    }

    /// The refused input. An integer beyond 64 bits is a float here (a JSON value cannot
    /// hold it); the 422 answers it exactly as sent.
    pub fn input(&self) -> &Value {
        &self.input
    }

    /// pydantic's `ctx`, when the type has one.
    pub fn ctx(&self) -> Option<&Value> {
        self.ctx.as_ref()
    }
}

/// Every validation error of one request, answered as 422 `{"detail":[...]}`.
#[derive(Debug, Clone)]
pub struct RequestValidationError {
    errors: Vec<ValidationError>,
    /// The body as received: JSON parsed, anything else its text (FastAPI's `exc.body`).
    body: Option<Value>,
}

impl RequestValidationError {
    /// The errors, in FastAPI's order: each dependency's, then the route's; within each,
    /// path, query, header, cookie, body.
    pub fn new(mut errors: Vec<ValidationError>) -> Self {
        if !errors.is_sorted_by_key(ValidationError::order) {
            errors.sort_by_key(ValidationError::order);
        }
        Self { errors, body: None }
    }

    /// With the body as received.
    pub(crate) fn with_body(mut self, body: Option<Value>) -> Self {
        self.body = body;
        self
    }

    /// The body as received (FastAPI's `exc.body`): the JSON value when it was JSON, its
    /// text otherwise, `None` without a body or when the route read none.
    pub fn body(&self) -> Option<&Value> {
        self.body.as_ref()
    }

    /// The errors, in the order they are answered.
    pub fn errors(&self) -> &[ValidationError] {
        &self.errors
    }
}

impl std::fmt::Display for RequestValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} validation error(s)", self.errors.len())
    }
}

impl std::error::Error for RequestValidationError {}

impl IntoResponse for RequestValidationError {
    fn into_response(self) -> Response {
        super::http_error::detail_response(StatusCode::UNPROCESSABLE_ENTITY, &self.errors)
    }
}
