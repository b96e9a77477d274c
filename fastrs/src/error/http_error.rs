//! `HttpError`: FastAPI's `HTTPException`, answered as `{"detail": ...}`.

use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::Value;

/// An error answered with a status, a JSON body `{"detail": ...}` and optional headers.
///
/// This is FastAPI's `HTTPException`. The detail may be any JSON value.
///
/// ```
/// use fastrs::{HttpError, http::StatusCode};
///
/// let err = HttpError::new(StatusCode::NOT_FOUND, "Item not found")
///     .header("x-error", "missing-item");
/// assert_eq!(err.status(), StatusCode::NOT_FOUND);
/// assert_eq!(err.detail(), "Item not found");
/// // Under clippy's `result_large_err` threshold, so `Result<T, HttpError>` is fine anywhere.
/// assert!(std::mem::size_of::<HttpError>() < 128);
/// ```
#[derive(Debug, Clone)]
pub struct HttpError {
    status: StatusCode,
    detail: Value,
    /// Boxed, so that `Result<T, HttpError>` stays under clippy's `result_large_err`
    /// threshold (most errors carry no header).
    headers: Option<Box<HeaderMap>>,
}

impl HttpError {
    /// An error with this status and detail. `detail` is any JSON value: a string, or
    /// `serde_json::json!({...})` for a structured detail.
    pub fn new(status: StatusCode, detail: impl Into<Value>) -> Self {
        Self {
            status,
            detail: detail.into(),
            headers: None,
        }
    }

    /// An error whose detail is the status' reason phrase, as FastAPI answers
    /// `HTTPException(status_code=...)` without a detail: `{"detail":"Not Found"}`.
    pub fn from_status(status: StatusCode) -> Self {
        Self::new(status, status.canonical_reason().unwrap_or(""))
    }

    /// Adds a response header. An invalid name or value panics: both are written in code.
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Self {
        let name = HeaderName::from_bytes(name.as_bytes())
            .unwrap_or_else(|_| panic!("invalid header name `{name}`"));
        let value = HeaderValue::from_str(value)
            .unwrap_or_else(|_| panic!("invalid value for header `{name}`"));
        self.headers
            .get_or_insert_with(|| Box::new(HeaderMap::new()))
            .append(name, value);
        self
    }

    /// The status answered.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The `detail` answered.
    pub fn detail(&self) -> &Value {
        &self.detail
    }

    /// The headers answered.
    pub fn headers(&self) -> &HeaderMap {
        static NONE: std::sync::OnceLock<HeaderMap> = std::sync::OnceLock::new();
        self.headers
            .as_deref()
            .unwrap_or_else(|| NONE.get_or_init(HeaderMap::new))
    }
}

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.status, self.detail)
    }
}

impl std::error::Error for HttpError {}

#[derive(serde::Serialize)]
struct Detail<'a, T: ?Sized> {
    detail: &'a T,
}

/// Answers `status` with the JSON body `{"detail": detail}`.
pub(crate) fn detail_response<T: serde::Serialize + ?Sized>(
    status: StatusCode,
    detail: &T,
) -> Response {
    let body = serde_json::to_vec(&Detail { detail }).expect("a JSON value always serializes");
    (
        status,
        [(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// Whether an answer with `status` may have a body (FastAPI's
/// `is_body_allowed_for_status_code`).
fn body_allowed(status: StatusCode) -> bool {
    !(status.is_informational()
        || status == StatusCode::NO_CONTENT
        || status == StatusCode::RESET_CONTENT
        || status == StatusCode::NOT_MODIFIED)
}

impl IntoResponse for HttpError {
    /// `{"detail": ...}` with the error's status and headers. The error rides along in the
    /// response's extensions, for a status handler (`App::status_handler`) to answer it.
    fn into_response(self) -> Response {
        // FastAPI's `http_exception_handler`: no body below 200, nor for 204, 205 and 304.
        let mut response = if body_allowed(self.status) {
            detail_response(self.status, &self.detail)
        } else {
            (self.status, axum::body::Body::empty()).into_response()
        };
        if let Some(headers) = &self.headers {
            response
                .headers_mut()
                .extend(headers.iter().map(|(n, v)| (n.clone(), v.clone())));
        }
        response.extensions_mut().insert(self);
        response
    }
}
