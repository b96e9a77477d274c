//! `HttpsRedirect`: Starlette's `HTTPSRedirectMiddleware` (1.10), as a tower layer.

use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use http::{HeaderValue, StatusCode, header};
use tower::Layer;

use super::host::{Check, Guarded, invalid_host, parse_host, port_of};

/// Redirects every plain-HTTP request to the same URL on `https` with a 307, as Starlette's
/// `HTTPSRedirectMiddleware`: the host is lowercased and its port dropped when it is 80 or 443,
/// the path and query are kept (escaped letters, digits and `-._~` decoded, as Starlette
/// writes them).
///
/// fastrs's server speaks plain HTTP, so every request it receives directly is redirected.
/// Behind a proxy that ends TLS, `trust_forwarded_proto(true)` reads the scheme the client used
/// from the proxy's `X-Forwarded-Proto` (its last value: `http`, `https`, `ws` or `wss`), as
/// uvicorn's `--proxy-headers` does; then only the requests that came in on plain HTTP are
/// redirected. Turn it on only behind such a proxy: a client that reaches the app directly
/// could send the header itself (which would only keep it on plain HTTP).
///
/// A request without a valid `Host` gets 400 `Invalid host header`: where Starlette falls back
/// to the server's own address, fastrs does not guess a URL for the client.
///
/// ```
/// use fastrs::middleware::HttpsRedirect;
/// use fastrs::prelude::*;
///
/// let app = App::empty().layer(HttpsRedirect::new().trust_forwarded_proto(true));
/// # let _ = app;
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct HttpsRedirect {
    forwarded_proto: bool,
}

impl HttpsRedirect {
    /// Redirects every request.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the scheme is read from `X-Forwarded-Proto` (off by default).
    #[must_use]
    pub fn trust_forwarded_proto(mut self, trust: bool) -> Self {
        self.forwarded_proto = trust;
        self
    }

    /// The scheme the client used: `http` unless the proxy says otherwise.
    fn scheme<'r>(&self, request: &'r Request) -> &'r str {
        if !self.forwarded_proto {
            return "http";
        }
        let forwarded = request
            .headers()
            .get_all("x-forwarded-proto")
            .iter()
            .next_back()
            .and_then(|v| v.to_str().ok())
            .map(str::trim);
        match forwarded {
            Some(scheme @ ("http" | "https" | "ws" | "wss")) => scheme,
            _ => "http",
        }
    }

    /// `None` to serve (the request is secure), or the redirect.
    fn verdict(&self, request: &Request) -> Option<Response> {
        let secure = match self.scheme(request) {
            "https" | "wss" => return None,
            "ws" => "wss",
            _ => "https",
        };
        let header = request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default();
        let Some((host, port)) = parse_host(header) else {
            return Some(invalid_host());
        };
        let netloc = match port_of(port) {
            Ok(Some(80 | 443)) => host.to_ascii_lowercase(),
            Ok(_) => header.to_owned(),
            Err(()) => return Some(invalid_host()),
        };
        let path = unreserved_decoded(request.uri().path());
        let query = request
            .uri()
            .query()
            .map_or(String::new(), |q| format!("?{q}"));
        let location = HeaderValue::from_str(&format!("{secure}://{netloc}{path}{query}")).ok()?;
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::TEMPORARY_REDIRECT;
        response.headers_mut().insert(header::LOCATION, location);
        response
            .headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
        Some(response)
    }
}

/// `path` with its escaped unreserved characters (letters, digits, `-._~`) decoded, the
/// normalization of RFC 3986 §6.2.2.2: `/%7Euser` is `/~user`, as Starlette writes it. Other
/// escapes stay, where Starlette decodes them all (`%2F` would become a `/`, another path).
fn unreserved_decoded(path: &str) -> std::borrow::Cow<'_, str> {
    if !path.contains('%') {
        return path.into();
    }
    let bytes = path.as_bytes();
    let mut decoded = String::with_capacity(path.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| path.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            .filter(|b| b.is_ascii_alphanumeric() || b"-._~".contains(b));
        match escaped {
            Some(byte) => {
                decoded.push(char::from(byte));
                i += 3;
            }
            None => {
                decoded.push(char::from(bytes[i]));
                i += 1;
            }
        }
    }
    decoded.into()
}

impl<S> Layer<S> for HttpsRedirect {
    type Service = HttpsRedirectService<S>;

    fn layer(&self, inner: S) -> HttpsRedirectService<S> {
        Guarded {
            inner,
            check: *self,
        }
    }
}

/// [`HttpsRedirect`]'s service.
pub type HttpsRedirectService<S> = Guarded<S, HttpsRedirect>;

impl Check for HttpsRedirect {
    fn answer(&self, request: &Request) -> Option<Response> {
        self.verdict(request)
    }
}

#[cfg(test)]
mod tests {
    use super::unreserved_decoded;

    #[test]
    fn only_unreserved_escapes_are_decoded() {
        assert_eq!(unreserved_decoded("/%7Euser/%41"), "/~user/A");
        assert_eq!(unreserved_decoded("/a%2Fb%20c%25"), "/a%2Fb%20c%25");
        assert_eq!(unreserved_decoded("/a%7"), "/a%7");
        assert_eq!(unreserved_decoded("/plain"), "/plain");
    }
}
