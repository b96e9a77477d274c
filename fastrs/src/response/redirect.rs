//! `Redirect`: FastAPI's `RedirectResponse`.

use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};

/// A redirect to a URL, FastAPI's `RedirectResponse`: `307 Temporary Redirect` by default, with
/// `Location` percent-encoded as Starlette does and an empty body.
///
/// ```
/// use fastrs::prelude::*;
/// use fastrs::response::Redirect;
///
/// #[get("/old")]
/// async fn old() -> Redirect {
///     Redirect::permanent("/new")
/// }
///
/// /// After a form post, the browser loads the page with a GET (303).
/// #[post("/items/new")]
/// async fn created(#[form] name: String) -> Redirect {
///     Redirect::see_other(&format!("/items/{name}"))
/// }
/// ```
#[derive(Debug, Clone)]
pub struct Redirect {
    status: StatusCode,
    location: HeaderValue,
}

impl Redirect {
    /// 307, as FastAPI's `RedirectResponse` answers unless told otherwise.
    pub fn to(url: &str) -> Redirect {
        Redirect::with_status(url, StatusCode::TEMPORARY_REDIRECT)
    }

    /// 307 Temporary Redirect: the client repeats the same method.
    pub fn temporary(url: &str) -> Redirect {
        Redirect::to(url)
    }

    /// 308 Permanent Redirect: the same method, and the client may remember it.
    pub fn permanent(url: &str) -> Redirect {
        Redirect::with_status(url, StatusCode::PERMANENT_REDIRECT)
    }

    /// 303 See Other: the client follows with a GET (the answer to a form post).
    pub fn see_other(url: &str) -> Redirect {
        Redirect::with_status(url, StatusCode::SEE_OTHER)
    }

    /// A redirect with another 3xx status.
    ///
    /// # Panics
    ///
    /// When `status` is not a redirection (3xx).
    pub fn with_status(url: &str, status: StatusCode) -> Redirect {
        assert!(status.is_redirection(), "{status} is not a redirect");
        let location = HeaderValue::from_str(&quote(url)).expect("percent-encoded");
        Redirect { status, location }
    }

    /// The `Location` sent.
    pub fn location(&self) -> &str {
        self.location.to_str().unwrap_or_default()
    }
}

/// `url` percent-encoded as Starlette quotes a redirect's location.
fn quote(url: &str) -> String {
    crate::context::sources::percent_encode(url, b":/%#?=@[]!$&'()*+,;")
}

impl IntoResponse for Redirect {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response
            .headers_mut()
            .insert(header::LOCATION, self.location);
        response
            .headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_location_is_quoted_as_starlettes() {
        assert_eq!(quote("/items?q=a b&x=é"), "/items?q=a%20b&x=%C3%A9");
        assert_eq!(quote("https://x.test/a#f"), "https://x.test/a#f");
        assert_eq!(Redirect::to("/a").status, StatusCode::TEMPORARY_REDIRECT);
    }
}
