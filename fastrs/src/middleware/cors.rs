//! `Cors`: Starlette's `CORSMiddleware` (1.10), answer for answer, as a tower layer.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use tower::{Layer, Service};

use crate::error::StartupError;
use crate::pattern::{Compile, Pattern};

/// Every method, for `allow_methods(["*"])`, as Starlette lists them.
const ALL_METHODS: [&str; 8] = [
    "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "QUERY",
];
/// The headers a browser may always send, allowed whatever is configured.
const SAFELISTED_HEADERS: [&str; 4] = [
    "Accept",
    "Accept-Language",
    "Content-Language",
    "Content-Type",
];
const PREFLIGHT_VARY: &str = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network";

/// Cross-origin resource sharing, as Starlette's `CORSMiddleware` answers it: a preflight
/// (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) is answered here, 200 `OK` or
/// 400 `Disallowed CORS origin, method, headers`; any other request goes on, and its answer
/// gets the CORS headers its origin earns.
///
/// Defaults as Starlette's: no origin, `GET` only, the safelisted headers, no credentials,
/// `max_age` 600. Allowing credentials with the origin `*` is refused when the app is built:
/// any site could then act with the user's cookies.
///
/// ```
/// use fastrs::middleware::Cors;
/// use fastrs::prelude::*;
///
/// let app = App::empty().layer(
///     Cors::new()
///         .allow_origins(["https://shop.test"])
///         .allow_methods(["GET", "POST"])
///         .allow_headers(["X-Token"])
///         .allow_credentials(true),
/// );
/// # let _ = app;
/// ```
#[derive(Debug, Clone)]
pub struct Cors {
    allow_origins: Vec<String>,
    allow_methods: Vec<String>,
    allow_headers: Vec<String>,
    allow_credentials: bool,
    /// The pattern, with the engine it is compiled with (`crate::pattern`).
    allow_origin_regex: Option<(String, Compile)>,
    allow_private_network: bool,
    expose_headers: Vec<String>,
    max_age: u64,
}

impl Default for Cors {
    fn default() -> Self {
        Self::new()
    }
}

impl Cors {
    /// Starlette's defaults: no origin allowed, `GET`, the safelisted headers.
    pub fn new() -> Self {
        Self {
            allow_origins: Vec::new(),
            allow_methods: vec!["GET".to_owned()],
            allow_headers: Vec::new(),
            allow_credentials: false,
            allow_origin_regex: None,
            allow_private_network: false,
            expose_headers: Vec::new(),
            max_age: 600,
        }
    }

    /// The origins allowed (`https://shop.test`), or `"*"` for any.
    #[must_use]
    pub fn allow_origins<S: Into<String>>(mut self, origins: impl IntoIterator<Item = S>) -> Self {
        self.allow_origins = origins.into_iter().map(Into::into).collect();
        self
    }

    /// The methods allowed (`"GET"`, `"POST"`), or `"*"` for all.
    #[must_use]
    pub fn allow_methods<S: Into<String>>(mut self, methods: impl IntoIterator<Item = S>) -> Self {
        self.allow_methods = methods.into_iter().map(Into::into).collect();
        self
    }

    /// The request headers allowed beyond the safelisted ones, or `"*"` for any.
    #[must_use]
    pub fn allow_headers<S: Into<String>>(mut self, headers: impl IntoIterator<Item = S>) -> Self {
        self.allow_headers = headers.into_iter().map(Into::into).collect();
        self
    }

    /// Whether cookies and credentials may be sent (`Access-Control-Allow-Credentials`).
    #[must_use]
    pub fn allow_credentials(mut self, allow: bool) -> Self {
        self.allow_credentials = allow;
        self
    }

    /// A regular expression the whole origin must match, beside `allow_origins`.
    #[must_use]
    pub fn allow_origin_regex(mut self, regex: impl Into<String>) -> Self {
        self.allow_origin_regex = Some((regex.into(), crate::pattern::compile));
        self
    }

    /// Whether a preflight may ask for private-network access.
    #[must_use]
    pub fn allow_private_network(mut self, allow: bool) -> Self {
        self.allow_private_network = allow;
        self
    }

    /// The response headers a page's script may read (`Access-Control-Expose-Headers`).
    #[must_use]
    pub fn expose_headers<S: Into<String>>(mut self, headers: impl IntoIterator<Item = S>) -> Self {
        self.expose_headers = headers.into_iter().map(Into::into).collect();
        self
    }

    /// How long a browser may keep a preflight's answer, in seconds (600).
    #[must_use]
    pub fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = seconds;
        self
    }

    /// The policy, checked: credentials with any origin are refused, and the regex compiles.
    pub(crate) fn policy(&self) -> Result<Policy, StartupError> {
        let allow_all_origins = self.allow_origins.iter().any(|o| o == "*");
        if allow_all_origins && self.allow_credentials {
            return Err(StartupError::new(
                "`Cors` allows credentials from any origin (`*`): any site could then send requests with the user's cookies and read the answers; list the origins allowed instead"
                    .to_owned(),
            ));
        }
        let regex = match &self.allow_origin_regex {
            Some((pattern, compile)) => {
                Some(compile(&format!("^(?:{pattern})$")).map_err(|e| {
                    StartupError::new(format!("`Cors::allow_origin_regex` does not compile: {e}"))
                })?)
            }
            None => None,
        };
        let methods: Vec<String> = if self.allow_methods.iter().any(|m| m == "*") {
            ALL_METHODS.iter().map(|m| (*m).to_owned()).collect()
        } else {
            self.allow_methods.clone()
        };
        let allow_all_headers = self.allow_headers.iter().any(|h| h == "*");
        let mut headers: Vec<String> = SAFELISTED_HEADERS
            .iter()
            .map(|h| (*h).to_owned())
            .chain(self.allow_headers.iter().cloned())
            .collect();
        headers.sort();
        headers.dedup();
        let explicit_origin = !allow_all_origins || self.allow_credentials;
        let value = |text: &str| {
            HeaderValue::from_str(text).map_err(|_| {
                StartupError::new(format!("`Cors`: `{text}` cannot be a header value"))
            })
        };
        let mut simple = HeaderMap::new();
        if allow_all_origins {
            simple.insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            );
        }
        if self.allow_credentials {
            simple.insert(
                header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
                HeaderValue::from_static("true"),
            );
        }
        if !self.expose_headers.is_empty() {
            simple.insert(
                header::ACCESS_CONTROL_EXPOSE_HEADERS,
                value(&self.expose_headers.join(", "))?,
            );
        }
        let mut preflight = HeaderMap::new();
        preflight.insert(header::VARY, HeaderValue::from_static(PREFLIGHT_VARY));
        if !explicit_origin {
            preflight.insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            );
        }
        preflight.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            value(&methods.join(", "))?,
        );
        preflight.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from(self.max_age),
        );
        if !allow_all_headers {
            preflight.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                value(&headers.join(", "))?,
            );
        }
        if self.allow_credentials {
            preflight.insert(
                header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
                HeaderValue::from_static("true"),
            );
        }
        Ok(Policy {
            allow_origins: self.allow_origins.clone(),
            allow_all_origins,
            regex,
            methods,
            headers: headers.iter().map(|h| h.to_ascii_lowercase()).collect(),
            allow_all_headers,
            allow_credentials: self.allow_credentials,
            allow_private_network: self.allow_private_network,
            explicit_origin,
            simple,
            preflight,
        })
    }
}

/// A checked CORS configuration, its fixed headers made once.
#[derive(Debug)]
pub(crate) struct Policy {
    allow_origins: Vec<String>,
    allow_all_origins: bool,
    regex: Option<Pattern>,
    methods: Vec<String>,
    /// Lowercase, the safelisted ones included.
    headers: Vec<String>,
    allow_all_headers: bool,
    allow_credentials: bool,
    allow_private_network: bool,
    /// The preflight names the origin rather than `*`.
    explicit_origin: bool,
    simple: HeaderMap,
    preflight: HeaderMap,
}

impl Policy {
    fn is_allowed_origin(&self, origin: &str) -> bool {
        self.allow_all_origins
            || self.regex.as_ref().is_some_and(|r| r.is_match(origin))
            || self.allow_origins.iter().any(|o| o == origin)
    }

    /// The answer to a preflight, as Starlette's `preflight_response`.
    fn preflight(&self, request: &HeaderMap, origin: &HeaderValue) -> Response {
        let mut headers = self.preflight.clone();
        let mut failures = Vec::new();
        if self.is_allowed_origin(origin.to_str().unwrap_or("")) {
            if self.explicit_origin {
                headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
            }
        } else {
            failures.push("origin");
        }
        let method = request
            .get(header::ACCESS_CONTROL_REQUEST_METHOD)
            .and_then(|m| m.to_str().ok())
            .unwrap_or("");
        if !self.methods.iter().any(|m| m == method) {
            failures.push("method");
        }
        if let Some(requested) = request.get(header::ACCESS_CONTROL_REQUEST_HEADERS) {
            if self.allow_all_headers {
                headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, requested.clone());
            } else {
                let requested = requested.to_str().unwrap_or("").to_ascii_lowercase();
                if requested
                    .split(',')
                    .any(|h| !self.headers.iter().any(|allowed| allowed == h.trim()))
                {
                    failures.push("headers");
                }
            }
        }
        if request.contains_key("access-control-request-private-network") {
            if self.allow_private_network {
                headers.insert(
                    HeaderName::from_static("access-control-allow-private-network"),
                    HeaderValue::from_static("true"),
                );
            } else {
                failures.push("private-network");
            }
        }
        let (status, text) = if failures.is_empty() {
            (StatusCode::OK, "OK".to_owned())
        } else {
            (
                StatusCode::BAD_REQUEST,
                format!("Disallowed CORS {}", failures.join(", ")),
            )
        };
        let mut response = Response::new(Body::from(text));
        *response.status_mut() = status;
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        *response.headers_mut() = headers;
        response
    }

    /// The CORS headers of any other answer, as Starlette's `send`.
    fn simple(&self, origin: Option<&HeaderValue>, response: &mut Response) {
        let headers = response.headers_mut();
        if let Some(origin) = origin {
            for (name, value) in &self.simple {
                headers.insert(name, value.clone());
            }
            let allowed =
                !self.allow_all_origins && self.is_allowed_origin(origin.to_str().unwrap_or(""));
            if (self.allow_all_origins && self.allow_credentials) || allowed {
                headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
            }
        }
        // Starlette adds `Origin` to `Vary` on every answer (with or without an origin),
        // joining what was there.
        let vary: Vec<&str> = headers
            .get_all(header::VARY)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .chain(["Origin"])
            .collect();
        if let Ok(vary) = HeaderValue::from_str(&vary.join(", ")) {
            headers.insert(header::VARY, vary);
        }
    }
}

/// The checked policy as a tower layer (`App::layer` checks a [`Cors`] first).
impl<S> Layer<S> for Cors {
    type Service = CorsService<S>;

    fn layer(&self, inner: S) -> CorsService<S> {
        // `App::layer` checked the policy already; used elsewhere, a bad policy allows nothing.
        let policy = self.policy().unwrap_or_else(|e| {
            crate::say::say_error!("{e}; no origin is allowed");
            Cors::new().policy().expect("the default policy is valid")
        });
        CorsService {
            inner,
            policy: Arc::new(policy),
        }
    }
}

/// [`Cors`]'s service.
#[derive(Clone, Debug)]
pub struct CorsService<S> {
    inner: S,
    policy: Arc<Policy>,
}

impl<S> Service<Request> for CorsService<S>
where
    S: Service<Request, Response = Response, Error = Infallible> + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let origin = request.headers().get(header::ORIGIN).cloned();
        let policy = Arc::clone(&self.policy);
        if let Some(origin) = &origin
            && request.method() == Method::OPTIONS
            && request
                .headers()
                .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
        {
            let response = policy.preflight(request.headers(), origin);
            return Box::pin(std::future::ready(Ok(response)));
        }
        let answer = self.inner.call(request);
        Box::pin(async move {
            let Ok(mut response) = answer.await;
            policy.simple(origin.as_ref(), &mut response);
            Ok(response)
        })
    }
}
