//! The `Host` header as Starlette reads it, and the service of the middleware that answer some
//! requests themselves from it ([`TrustedHost`](super::TrustedHost),
//! [`HttpsRedirect`](super::HttpsRedirect)).

use std::convert::Infallible;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use http::{HeaderValue, StatusCode, header};
use tower::Service;

/// What decides, for [`Guarded`], whether a middleware answers a request itself.
pub trait Check: Clone + Send + Sync + 'static {
    /// The middleware's own answer to `request`, or `None` to let the app serve it.
    fn answer(&self, request: &Request) -> Option<Response>;
}

/// The service of a middleware that answers some requests itself, before the app sees them
/// (a `TrustedHost`'s 400, an `HttpsRedirect`'s 307): `C` decides, `S` serves the rest.
#[derive(Clone, Debug)]
pub struct Guarded<S, C> {
    pub(crate) inner: S,
    pub(crate) check: C,
}

impl<S, C> Service<Request> for Guarded<S, C>
where
    S: Service<Request, Response = Response, Error = Infallible>,
    S::Future: Send + 'static,
    C: Check,
{
    type Response = Response;
    type Error = Infallible;
    type Future =
        futures_util::future::Either<std::future::Ready<Result<Response, Infallible>>, S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        match self.check.answer(&request) {
            None => futures_util::future::Either::Right(self.inner.call(request)),
            Some(answer) => futures_util::future::Either::Left(std::future::ready(Ok(answer))),
        }
    }
}

/// A `Host` as Starlette's `parse_host_header` reads it: the host (an IP literal keeps its
/// brackets) and the port as written; `None` when the header is not a host with an optional
/// port.
pub(crate) fn parse_host(header: &str) -> Option<(&str, Option<&str>)> {
    let (host, port) = if let Some(rest) = header.strip_prefix('[') {
        // An IP literal: `[::1]:8000`.
        let (literal, after) = rest.split_once(']')?;
        let valid = literal.parse::<std::net::Ipv6Addr>().is_ok()
            || literal.strip_prefix('v').is_some_and(|v| v.contains('.'));
        if !valid {
            return None;
        }
        (&header[..literal.len() + 2], after.strip_prefix(':'))
    } else {
        match header.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (header, None),
        }
    };
    if let Some(port) = port
        && (port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let allowed = |b: u8| b.is_ascii_alphanumeric() || b"._~%!$&'()*+,;=-".contains(&b);
    if !host.starts_with('[') && (host.is_empty() || !host.bytes().all(allowed)) {
        return None;
    }
    Some((host, port))
}

/// The host of a `Host` header ([`parse_host`]).
pub(crate) fn host_of(header: &str) -> Option<&str> {
    parse_host(header).map(|(host, _)| host)
}

/// The port of a `Host` header as a number, when Starlette finds it valid (at most 5 digits
/// after leading zeros, at most 65535): `Ok(None)` without a port.
pub(crate) fn port_of(port: Option<&str>) -> Result<Option<u16>, ()> {
    let Some(port) = port else {
        return Ok(None);
    };
    let digits = port.trim_start_matches('0');
    if digits.len() > 5 {
        return Err(());
    }
    let number: u32 = if digits.is_empty() {
        0
    } else {
        digits.parse().map_err(|_| ())?
    };
    u16::try_from(number).map(Some).map_err(|_| ())
}

/// Starlette's 400: `Invalid host header`, as text.
pub(crate) fn invalid_host() -> Response {
    let mut response = Response::new(Body::from("Invalid host header"));
    *response.status_mut() = StatusCode::BAD_REQUEST;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::{host_of, parse_host, port_of};

    #[test]
    fn hosts_as_starlette_parses_them() {
        assert_eq!(host_of("example.com"), Some("example.com"));
        assert_eq!(host_of("example.com:8000"), Some("example.com"));
        assert_eq!(host_of("[::1]:8000"), Some("[::1]"));
        assert_eq!(host_of("[zz]"), None);
        assert_eq!(host_of("example.com:"), None);
        assert_eq!(host_of("example.com:80a"), None);
        assert_eq!(host_of("exa mple.com"), None);
        assert_eq!(host_of(""), None);
        assert_eq!(parse_host("[::1]:443"), Some(("[::1]", Some("443"))));
    }

    #[test]
    fn ports_as_starlette_checks_them() {
        assert_eq!(port_of(None), Ok(None));
        assert_eq!(port_of(Some("8080")), Ok(Some(8080)));
        assert_eq!(port_of(Some("0080")), Ok(Some(80)));
        assert_eq!(port_of(Some("000")), Ok(Some(0)));
        assert_eq!(port_of(Some("65536")), Err(()));
        assert_eq!(port_of(Some("0000065535")), Ok(Some(65535)));
        assert_eq!(port_of(Some("123456")), Err(()));
    }
}
