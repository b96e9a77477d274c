//! The request body: read once under a size limit, then JSON values or form fields from it.

use axum::response::{IntoResponse, Response};
use http::{StatusCode, header};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{Cx, Found};
use crate::error::{HttpError, Loc, ValidationError};
use crate::form::{FormError, FormLimits, parse_urlencoded};
use crate::spec::{ParamSpec, Source};
use crate::validate::constraints::{check_json, to_error};
use crate::validate::{LaxValue, Walker, absent, json_invalid};

/// A type that can be read from the JSON body: anything `Deserialize` with a `JsonSchema`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read from the JSON body",
    label = "not a request body type",
    note = "a request body type derives `serde::Deserialize` and `schemars::JsonSchema`",
    note = "a parameter read from the query instead is a scalar: numbers, `bool`, `String`, `char`, `Uuid`, and enums or newtypes with `#[derive(fastrs::Scalar)]`"
)]
pub trait BodyParam: DeserializeOwned + schemars::JsonSchema + Send {}

impl<T: DeserializeOwned + schemars::JsonSchema + Send> BodyParam for T {}

/// The body being read ([`Cx::read_body`]), or nothing to read.
#[doc(hidden)]
pub struct ReadBody<'a>(Option<Reading<'a>>);

/// Reading the body, boxed.
type Reading<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), Response>> + Send + 'a>>;

impl std::future::Future for ReadBody<'_> {
    type Output = Result<(), Response>;

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        match &mut self.0 {
            Some(reading) => reading.as_mut().poll(cx),
            None => std::task::Poll::Ready(Ok(())),
        }
    }
}

/// Whether the body is read as JSON: only with a JSON content type, as FastAPI's default
/// `strict_content_type` (a guard against cross-site requests, which cannot send
/// `application/json` without a preflight). Any other body is its raw text.
fn is_json(content_type: Option<&http::HeaderValue>) -> bool {
    let Some(ct) = content_type else {
        return false;
    };
    if ct.as_bytes() == b"application/json" {
        return true;
    }
    let Ok(ct) = ct.to_str() else {
        return false;
    };
    let essence = ct.split(';').next().unwrap_or("").trim();
    let Some((kind, subtype)) = essence.split_once('/') else {
        return false;
    };
    kind.eq_ignore_ascii_case("application")
        && (subtype.eq_ignore_ascii_case("json") || subtype.to_ascii_lowercase().ends_with("+json"))
}

/// The body did not arrive in time: 408, and the connection is closed, as the rest of the
/// body may still be on its way.
fn too_slow() -> Response {
    let mut response = HttpError::from_status(StatusCode::REQUEST_TIMEOUT).into_response();
    response
        .headers_mut()
        .insert(header::CONNECTION, http::HeaderValue::from_static("close"));
    response
}

fn too_large() -> Response {
    HttpError::from_status(StatusCode::PAYLOAD_TOO_LARGE).into_response()
}

/// What a reader needs of the body: how many body parameters it has (with more than one, each
/// is a key of the body object), and whether it reads a form (files). Generated code adds up
/// one term per parameter; a count alone is a `usize`.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BodyNeed {
    params: usize,
    form: bool,
}

impl BodyNeed {
    /// A form: files, or fields.
    pub const FORM: BodyNeed = BodyNeed {
        params: 0,
        form: true,
    };
}

impl From<usize> for BodyNeed {
    fn from(params: usize) -> Self {
        BodyNeed {
            params,
            form: false,
        }
    }
}

impl std::ops::Add for BodyNeed {
    type Output = BodyNeed;

    fn add(self, other: BodyNeed) -> BodyNeed {
        BodyNeed {
            params: self.params + other.params,
            form: self.form || other.form,
        }
    }
}

impl std::ops::Add<usize> for BodyNeed {
    type Output = BodyNeed;

    fn add(self, params: usize) -> BodyNeed {
        self + BodyNeed::from(params)
    }
}

impl std::ops::Add<BodyNeed> for usize {
    type Output = BodyNeed;

    fn add(self, need: BodyNeed) -> BodyNeed {
        BodyNeed::from(self) + need
    }
}

/// The answer to a body stream that failed: 413 over the limit, 408 too slow, else 400 with
/// `detail`.
fn body_failed(error: &(dyn std::error::Error + 'static), detail: &'static str) -> Response {
    if error.is::<http_body_util::LengthLimitError>() {
        too_large()
    } else if crate::serve_body::timed_out(error) {
        too_slow()
    } else {
        HttpError::new(StatusCode::BAD_REQUEST, detail).into_response()
    }
}

/// A form refused: Starlette's 400 and its message, or the body's own failure.
fn form_refused(error: FormError) -> Response {
    match error {
        FormError::Body(e) => body_failed(&*e, PARSE_FAILED),
        FormError::Storage(e) => {
            // The server's fault (a full disk), though FastAPI answers 400 all the same.
            crate::say::say_error!("an uploaded file could not be stored: {e}");
            HttpError::new(StatusCode::BAD_REQUEST, PARSE_FAILED).into_response()
        }
        other => HttpError::new(StatusCode::BAD_REQUEST, other.to_string()).into_response(),
    }
}

/// FastAPI's answer to a form it could not read.
const PARSE_FAILED: &str = "There was an error parsing the body";

/// The essence of a content type (`multipart/form-data` of `multipart/form-data; boundary=x`),
/// lowercased.
fn essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

impl Cx<'_> {
    /// Reads the body once, up to the app's limit, for a reader that needs `need` of it: its
    /// count of body parameters (with more than one, each is a key of the body object), and
    /// whether it reads a form.
    ///
    /// Nothing is read when there is no body parameter. Boxed when read: a route reads a body
    /// or not, and one without keeps a small future.
    pub fn read_body(&mut self, need: impl Into<BodyNeed>) -> ReadBody<'_> {
        let need = need.into();
        if need == BodyNeed::default() {
            return ReadBody(None);
        }
        ReadBody(Some(Box::pin(self.read_body_now(need.params, need.form))))
    }

    /// Reads the body of a reader with form fields (and `params` other body parameters).
    pub fn read_form(&mut self, params: impl Into<BodyNeed>) -> ReadBody<'_> {
        let params = params.into().params;
        ReadBody(Some(Box::pin(self.read_body_now(params, true))))
    }

    /// The form limits of this request: the route's, then the app's.
    fn form_limits(&self) -> FormLimits {
        self.form_limits.or(self.app.form_limits)
    }

    async fn read_body_now(&mut self, params: usize, form: bool) -> Result<(), Response> {
        if params > 1 || self.app.embed_bodies {
            self.body.embed = true;
        }
        let Some(body) = self.raw_body.take() else {
            return Ok(());
        };
        let limit = self.body_limit.unwrap_or(self.app.body_limit);
        // A `Content-Length` over the limit is refused before a byte of the body is read.
        if http_body::Body::size_hint(&body).lower() > limit as u64 {
            return Err(too_large());
        }
        let content_type = self.parts.headers.get(header::CONTENT_TYPE);
        let form_type = match content_type.and_then(|v| v.to_str().ok()) {
            Some(ct) if form => essence(ct),
            _ => String::new(),
        };
        #[cfg(feature = "multipart")]
        if form_type == "multipart/form-data" {
            // Read as it arrives: files are spooled, never held whole.
            let ct = content_type.and_then(|v| v.to_str().ok()).unwrap_or("");
            let boundary = crate::form::boundary(ct).map_err(form_refused)?;
            let data = crate::form::read_multipart(body, boundary, limit, &self.form_limits())
                .await
                .map_err(form_refused)?;
            self.body.form = Box::new(data).into();
            return Ok(());
        }
        let bytes = match http_body_util::Limited::new(body, limit).collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(e) => return Err(body_failed(&*e, "Error reading the body")),
        };
        self.body.json = is_json(content_type);
        // A UTF-8 byte order mark before JSON is skipped, as Python's `json.loads` does.
        let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(_) if self.body.json => bytes.slice(3..),
            _ => bytes,
        };
        if form_type == "application/x-www-form-urlencoded" {
            let data = parse_urlencoded(&bytes, &self.form_limits()).map_err(form_refused)?;
            self.body.form = Box::new(data).into();
        }
        self.body.bytes = bytes;
        Ok(())
    }

    /// Reads a JSON body parameter: the whole body, or its key when several parameters (or
    /// `#[body(embed)]`) share the body.
    pub fn body<T: BodyParam>(
        &mut self,
        spec: &'static ParamSpec,
        default: Option<fn() -> T>,
        check: super::kind::Validator<T>,
    ) -> Option<T> {
        let value = self.body_value(spec, default);
        if let (Some(value), Some(check)) = (&value, check) {
            check(value, self, spec);
        }
        value
    }

    pub(crate) fn body_value<T: BodyParam>(
        &mut self,
        spec: &'static ParamSpec,
        default: Option<fn() -> T>,
    ) -> Option<T> {
        let embed = self.body.embed || spec.embed;
        let loc: Vec<Loc> = if embed {
            vec![Loc::from("body"), Loc::from(spec.key)]
        } else {
            vec![Loc::from("body")]
        };
        match self.body_found::<T>(spec, embed, &loc) {
            Found::Value(v) => {
                if spec.has_constraints() {
                    let (loc, input) = self.received(spec);
                    if let Some(failed) = check_json(spec, &input) {
                        self.errors
                            .push(to_error(failed, loc, input).at_source(Source::Body));
                        return None;
                    }
                }
                Some(v)
            }
            Found::Invalid => None,
            Found::Missing => match default.map(|d| d()).or_else(absent::<T>) {
                Some(v) => Some(v),
                None => {
                    let error = ValidationError::new("missing", loc, "Field required", Value::Null);
                    self.errors.push(error.at_source(Source::Body));
                    None
                }
            },
        }
    }

    fn body_found<T: BodyParam>(
        &mut self,
        spec: &'static ParamSpec,
        embed: bool,
        loc: &[Loc],
    ) -> Found<T> {
        if self.body.bytes.is_empty() {
            return Found::Missing;
        }
        if !embed && self.body.json {
            // The fast path: serde straight from the bytes.
            match serde_json::from_slice::<T>(&self.body.bytes) {
                Ok(v) => return Found::Value(v),
                Err(e) if e.is_syntax() || e.is_eof() => {
                    self.errors.push(json_invalid(&self.body.bytes, &e));
                    return Found::Invalid;
                }
                Err(_) => {}
            }
        }
        if self.body.value().is_err() {
            if !std::mem::replace(&mut self.body.reported, true) {
                let e = serde_json::from_slice::<Value>(&self.body.bytes)
                    .expect_err("the body failed to parse before");
                self.errors.push(json_invalid(&self.body.bytes, &e));
            }
            return Found::Invalid;
        }
        let Ok(whole) = self.body.value() else {
            return Found::Invalid;
        };
        // An explicit `null` is a value, checked against the type (FastAPI 0.165).
        let value = if embed {
            match whole {
                Value::Object(fields) => match fields.get(spec.key) {
                    Some(v) => v.clone(),
                    None => return Found::Missing,
                },
                // Several body parameters need an object: of anything else (a list, a number,
                // `null`), each is missing, its default aside, as in FastAPI.
                _ if self.body.json => {
                    let error = ValidationError::new(
                        "missing",
                        loc.to_vec(),
                        "Field required",
                        Value::Null,
                    );
                    self.errors.push(error.at_source(Source::Body));
                    return Found::Invalid;
                }
                // A body that is not JSON has no keys: each takes its default, or is missing.
                _ => return Found::Missing,
            }
        } else {
            whole.clone()
        };
        self.coerce::<T>(spec, value, loc, Source::Body)
    }

    /// The slow path: walks the value against `T`'s schema for pydantic's errors, with lax
    /// coercions, then deserializes what passed.
    pub(crate) fn coerce<T: BodyParam>(
        &mut self,
        spec: &'static ParamSpec,
        mut value: Value,
        loc: &[Loc],
        source: Source,
    ) -> Found<T> {
        let schema = crate::validate::param_schema::<T>(spec).as_value();
        let mut walker = Walker::new(schema, source);
        // The body's JSON text, for its numbers as sent; `loc` starts with `"body"`.
        if source == Source::Body && self.body.json {
            if let Ok(text) =
                serde_json::from_slice::<&serde_json::value::RawValue>(&self.body.bytes)
            {
                walker = walker.with_text(text, 1);
            }
        }
        let mut at = loc.to_vec();
        if !walker.walk(schema, &mut value, &mut at) {
            self.errors.extend(walker.errors);
            return Found::Invalid;
        }
        match T::deserialize(LaxValue(&value)) {
            Ok(v) => Found::Value(v),
            Err(e) => {
                let error = ValidationError::new(
                    "value_error",
                    loc.to_vec(),
                    format!("Value error, {e}"),
                    value,
                )
                .with_ctx(serde_json::json!({ "error": {} }));
                self.errors.push(error.at_source(source));
                Found::Invalid
            }
        }
    }

    /// The value a parameter was read from, as received, for garde's errors.
    pub(crate) fn received(&self, spec: &'static ParamSpec) -> (Vec<Loc>, Value) {
        match spec.source {
            Source::Body | Source::Inferred => {
                let whole = match self.body.value() {
                    Ok(v) => v.clone(),
                    Err(()) => Value::Null,
                };
                if self.body.embed || spec.embed {
                    let field = whole.get(spec.key).cloned().unwrap_or(Value::Null);
                    (vec![Loc::from("body"), Loc::from(spec.key)], field)
                } else {
                    (vec![Loc::from("body")], whole)
                }
            }
            source => (
                vec![Loc::from(source.loc_name())],
                self.model_input(spec, source),
            ),
        }
    }
}

/// A JSON message read as a body of type `T` (a websocket's `recv_json`): the value, or the
/// errors FastAPI gives the same JSON sent as a request body. Every value goes through the
/// schema walk, so that the constraints the schema states are checked without `Validate`.
#[cfg(feature = "ws")]
pub(crate) fn json_message<T: BodyParam>(bytes: bytes::Bytes) -> Result<T, Vec<ValidationError>> {
    static SPEC: ParamSpec = ParamSpec::new("message", Source::Body);
    static APP: std::sync::LazyLock<crate::context::AppContext> =
        std::sync::LazyLock::new(crate::context::AppContext::standalone);
    let value = match serde_json::from_slice::<Value>(&bytes) {
        Ok(value) => value,
        Err(e) => return Err(vec![json_invalid(&bytes, &e)]),
    };
    let (parts, ()) = http::Request::new(()).into_parts();
    let mut cx = Cx::new(
        &parts,
        crate::context::PathParams::none(),
        &APP,
        axum::body::Body::empty(),
    );
    cx.body.bytes = bytes;
    cx.body.json = true;
    match cx.coerce::<T>(&SPEC, value, &[Loc::from("body")], Source::Body) {
        Found::Value(value) => Ok(value),
        Found::Missing | Found::Invalid => Err(std::mem::take(&mut cx.errors)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_content_types() {
        let hv = |s: &'static str| http::HeaderValue::from_static(s);
        assert!(!is_json(None));
        assert!(is_json(Some(&hv("application/json"))));
        assert!(is_json(Some(&hv("application/json; charset=utf-8"))));
        assert!(is_json(Some(&hv("application/vnd.api+json"))));
        assert!(!is_json(Some(&hv("text/plain"))));
        assert!(!is_json(Some(&hv("application/x-www-form-urlencoded"))));
    }
}
