//! `TrustedHost`: Starlette's `TrustedHostMiddleware` (1.10), as a tower layer.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use http::{HeaderValue, StatusCode, header};
use tower::Layer;

use super::host::{Check, Guarded, host_of, invalid_host as invalid};
use crate::error::StartupError;

/// Answers 400 `Invalid host header` (text) to a request whose `Host` is not one of the
/// allowed hosts, as Starlette's `TrustedHostMiddleware`: a host such as `example.com`, a
/// leading wildcard `*.example.com` (its subdomains, not itself), or `*` for any. A request
/// for `example.com` when only `www.example.com` is allowed is redirected there (307) unless
/// `www_redirect(false)`. A pattern with a wildcard elsewhere stops the app at start-up.
///
/// ```
/// use fastrs::middleware::TrustedHost;
/// use fastrs::prelude::*;
///
/// let app = App::empty().layer(TrustedHost::new(["example.com", "*.example.com"]));
/// # let _ = app;
/// ```
#[derive(Debug, Clone)]
pub struct TrustedHost {
    allowed: Vec<String>,
    www_redirect: bool,
}

impl TrustedHost {
    /// Only these hosts (lowercased); `*` allows any.
    pub fn new<S: Into<String>>(allowed_hosts: impl IntoIterator<Item = S>) -> Self {
        Self {
            allowed: allowed_hosts
                .into_iter()
                .map(|h| h.into().to_ascii_lowercase())
                .collect(),
            www_redirect: true,
        }
    }

    /// Whether `example.com` is redirected to an allowed `www.example.com` (the default).
    #[must_use]
    pub fn www_redirect(mut self, redirect: bool) -> Self {
        self.www_redirect = redirect;
        self
    }

    /// Refuses a wildcard anywhere but at the start, as `*.example.com`.
    pub(crate) fn check(&self) -> Result<(), StartupError> {
        for pattern in &self.allowed {
            let misplaced = pattern.get(1..).is_some_and(|rest| rest.contains('*'));
            let bare = pattern.starts_with('*') && pattern != "*" && !pattern.starts_with("*.");
            if misplaced || bare {
                return Err(StartupError::new(format!(
                    "`TrustedHost` pattern `{pattern}`: domain wildcard patterns must be like '*.example.com'"
                )));
            }
        }
        Ok(())
    }

    /// `None` to serve, or the answer: 400, or the redirect to `www.`.
    fn verdict(&self, request: &Request) -> Option<Response> {
        let header = request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok());
        let Some(host) = header.and_then(host_of) else {
            return Some(invalid());
        };
        let host = host.to_ascii_lowercase();
        let mut www = false;
        for pattern in &self.allowed {
            if host == *pattern
                || pattern
                    .strip_prefix('*')
                    .is_some_and(|suffix| host.ends_with(suffix))
            {
                return None;
            }
            if pattern.strip_prefix("www.") == Some(host.as_str()) {
                www = true;
            }
        }
        if !(www && self.www_redirect) {
            return Some(invalid());
        }
        let netloc = header.unwrap_or_default();
        let target = request.uri().path_and_query().map_or("/", |p| p.as_str());
        let location = format!("http://www.{netloc}{target}");
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::TEMPORARY_REDIRECT;
        match HeaderValue::from_str(&location) {
            Ok(location) => {
                response.headers_mut().insert(header::LOCATION, location);
                Some(response)
            }
            Err(_) => Some(invalid()),
        }
    }
}

impl<S> Layer<S> for TrustedHost {
    type Service = TrustedHostService<S>;

    fn layer(&self, inner: S) -> TrustedHostService<S> {
        Guarded {
            inner,
            check: Arc::new(self.clone()),
        }
    }
}

/// [`TrustedHost`]'s service.
pub type TrustedHostService<S> = Guarded<S, Arc<TrustedHost>>;

impl Check for Arc<TrustedHost> {
    fn answer(&self, request: &Request) -> Option<Response> {
        if self.allowed.iter().any(|h| h == "*") {
            return None;
        }
        self.verdict(request)
    }
}
