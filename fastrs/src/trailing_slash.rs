//! A path that differs from a route's only by a trailing slash: redirected (FastAPI's 307),
//! refused, or served.

use std::sync::Arc;

use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};

/// What `/items/` does when only `/items` is a route (and the other way round).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TrailingSlash {
    /// 307 to the route's own form, with an absolute `Location`, as FastAPI does.
    #[default]
    Redirect,
    /// 404: only the path as declared.
    Strict,
    /// Both forms are served by the route.
    MatchBoth,
}

/// The path with its trailing slash added or removed; `None` for `/`.
pub(crate) fn toggled(path: &str) -> Option<String> {
    if path == "/" {
        return None;
    }
    Some(match path.strip_suffix('/') {
        Some(without) => without.to_owned(),
        None => format!("{path}/"),
    })
}

/// The fallback of an app that redirects: 307 when the other form matches a route, else 404.
pub(crate) fn redirecting_fallback(
    paths: &[&str],
) -> impl Fn(Request) -> std::future::Ready<Response> + Clone + Send + Sync + 'static {
    let mut matcher = matchit::Router::new();
    for path in paths {
        // Two templates of one shape are refused earlier; a failure here only loses a redirect.
        let _ = matcher.insert(*path, ());
    }
    let matcher = Arc::new(matcher);
    move |req: Request| {
        let target = toggled(req.uri().path()).filter(|t| matcher.at(t).is_ok());
        std::future::ready(match target {
            Some(target) => redirect(&req, &target),
            None => crate::error::HttpError::from_status(StatusCode::NOT_FOUND).into_response(),
        })
    }
}

fn redirect(req: &Request, path: &str) -> Response {
    let scheme = req.uri().scheme_str().unwrap_or("http");
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()))
        .unwrap_or("localhost");
    let query = req
        .uri()
        .query()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    let location = format!("{scheme}://{host}{path}{query}");
    match HeaderValue::from_str(&location) {
        Ok(location) => (
            StatusCode::TEMPORARY_REDIRECT,
            [(header::LOCATION, location)],
        )
            .into_response(),
        Err(_) => crate::error::HttpError::from_status(StatusCode::NOT_FOUND).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggles_the_trailing_slash() {
        assert_eq!(toggled("/items").as_deref(), Some("/items/"));
        assert_eq!(toggled("/items/").as_deref(), Some("/items"));
        assert_eq!(toggled("/"), None);
    }
}
