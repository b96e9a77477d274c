//! A route's `rate_limit = "5/minute"`: the innermost middleware of the route, which counts the
//! client's address and answers slowapi's 429, or lets the route answer and adds the
//! `X-RateLimit-*` headers.

use std::sync::Arc;

use axum::extract::Request;
use axum::response::IntoResponse;

use super::{Bound, Next};
use crate::ClientAddr;
use crate::ratelimit::{Rate, RateLimiter};

/// The middleware of a route limited to `rate` per client address, with counts of its own
/// (one set per app built); `headers` says whether its answers carry `X-RateLimit-*`.
pub(crate) fn route_limit(rate: Rate, headers: bool) -> Bound {
    let limiter = RateLimiter::new(rate);
    Arc::new(move |request: Request, next: Next| {
        let limiter = limiter.clone();
        Box::pin(async move {
            // Keyed by the address's bytes. The server gives the address to an app with a
            // limited route; an app served some other way without it counts one client.
            let ip = request
                .extensions()
                .get::<ClientAddr>()
                .and_then(ClientAddr::ip)
                .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
            let decision = limiter.check_ip(ip).await;
            if !decision.is_allowed() {
                return decision.refusal(headers).into_response();
            }
            let mut response = next.run(request).await;
            if headers {
                decision.write_headers(response.headers_mut());
            }
            response
        })
    })
}
