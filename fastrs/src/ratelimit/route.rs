//! A route's `rate_limit = "5/minute"`: one [`RateLimiter`] per route of each app built, keyed
//! by the client's address, checked by the pipeline when it starts the route (before anything
//! of the route runs, inside the route's own middleware, as slowapi's decorator).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::response::{IntoResponse, Response};
use http::HeaderValue;

use super::decision::Told;
use super::{Decision, Rate, RateLimiter};

/// A route's limit, and whether its answers carry the `X-RateLimit-*` headers.
#[derive(Debug)]
pub(crate) struct RouteLimit {
    limiter: RateLimiter,
    headers: bool,
    /// `X-RateLimit-Limit`, made once.
    limit: HeaderValue,
}

impl RouteLimit {
    /// A limit of `rate` per client address, with counts of its own.
    pub(crate) fn new(rate: Rate, headers: bool) -> Self {
        Self {
            limiter: RateLimiter::new(rate),
            headers,
            limit: super::numbers::value(rate.count()),
        }
    }

    /// Counts a request from `client`: the headers its answer will carry (`None` when they are
    /// switched off), or the refusal ([`answer`](Self::answer) it). A request without an
    /// address (an app served some other way than by fastrs's server, without axum's
    /// `ConnectInfo`) counts as one client, `0.0.0.0`.
    pub(crate) fn check(&self, client: Option<SocketAddr>) -> Result<Option<Told>, Decision> {
        let ip = client.map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |addr| addr.ip());
        let decision = self.limiter.check_ip_now(ip);
        if !decision.is_allowed() {
            return Err(decision);
        }
        Ok(self.headers.then(|| decision.told_with(self.limit.clone())))
    }

    /// The 429 of a refused request: slowapi's, with its headers unless they are switched off.
    pub(crate) fn answer(&self, refused: &Decision) -> Response {
        refused.refusal(self.headers).into_response()
    }
}
