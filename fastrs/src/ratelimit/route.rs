//! A route's `rate_limit = "5/minute"`: one [`RateLimiter`] per route of each app built, keyed
//! by the client's address, checked by the pipeline when it starts the route (before anything
//! of the route runs, inside the route's own middleware, as slowapi's decorator).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::response::{IntoResponse, Response};
use http::HeaderValue;

use super::decision::Told;
use super::draft::DraftPolicy;
use super::{Decision, Rate, RateLimiter};

/// A route's limit, and the headers its answers carry.
#[derive(Debug)]
pub(crate) struct RouteLimit {
    limiter: RateLimiter,
    /// `X-RateLimit-Limit`, made once, when the `X-RateLimit-*` headers are on.
    limit: Option<HeaderValue>,
    /// Its policy, when the IETF draft's fields are on.
    draft: Option<Arc<DraftPolicy>>,
    /// `POST /login`, `router <prefix>`, `app`: what its store and its metric call it.
    name: Box<str>,
    /// The requests it refused.
    refused: AtomicU64,
}

impl RouteLimit {
    /// A limit named `name` of `rate` per client address counted by `algorithm`, with counts
    /// of its own, its answers carrying the headers of `style` (none unless `headers`).
    pub(crate) fn new(
        rate: Rate,
        algorithm: super::Algorithm,
        headers: bool,
        style: super::HeaderStyle,
        name: &str,
    ) -> Self {
        Self {
            limiter: RateLimiter::new(rate).algorithm(algorithm),
            limit: (headers && style.x_ratelimit()).then(|| super::numbers::value(rate.count())),
            draft: (headers && style.ietf()).then(|| Arc::new(DraftPolicy::new(name, rate))),
            name: name.into(),
            refused: AtomicU64::new(0),
        }
    }

    /// Counts in Redis (`App::rate_limit_store`) under its name (the route's method and
    /// template), so that every instance of the app shares the route's counts.
    #[cfg(feature = "redis")]
    pub(crate) fn in_redis(self, store: &super::RedisStore) -> Self {
        Self {
            limiter: self.limiter.redis(store, &self.name),
            ..self
        }
    }

    /// Its name: `POST /login`, `router <prefix>`, `app`.
    #[cfg_attr(not(feature = "metrics"), allow(dead_code))]
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// The requests it refused so far.
    #[cfg_attr(not(feature = "metrics"), allow(dead_code))]
    pub(crate) fn refused(&self) -> u64 {
        self.refused.load(Ordering::Relaxed)
    }

    /// Counts a request from `client` without waiting, when the counts are in memory: the
    /// headers its answer will carry (`None` when they are switched off), or the refusal
    /// ([`answer`](Self::answer) it). `None` when the counts are in Redis:
    /// [`check_later`](Self::check_later) waits for them. A request without an address (an
    /// app served some other way than by fastrs's server, without axum's `ConnectInfo`) counts
    /// as one client, `0.0.0.0`.
    #[allow(clippy::option_option)]
    pub(crate) fn check(
        &self,
        client: Option<SocketAddr>,
    ) -> Option<Result<Option<Told>, Decision>> {
        let decision = self.limiter.check_ip_now(ip_of(client))?;
        Some(self.judge(&decision))
    }

    /// [`check`](Self::check), waiting for the store.
    pub(crate) async fn check_later(
        &self,
        client: Option<SocketAddr>,
    ) -> Result<Option<Told>, Decision> {
        let decision = self.limiter.check_ip(ip_of(client)).await;
        self.judge(&decision)
    }

    fn judge(&self, decision: &Decision) -> Result<Option<Told>, Decision> {
        if !decision.is_allowed() {
            return Err(*decision);
        }
        // A store that could not count says nothing of the counts.
        if decision.store_failed() {
            return Ok(None);
        }
        if self.limit.is_none() && self.draft.is_none() {
            return Ok(None);
        }
        Ok(Some(
            decision.told_with(self.limit.clone(), self.draft.as_ref()),
        ))
    }

    /// The 429 of a refused request: slowapi's, with its headers unless they are switched off.
    pub(crate) fn answer(&self, refused: &Decision) -> Response {
        self.refused.fetch_add(1, Ordering::Relaxed);
        refused
            .refusal(self.limit.is_some(), self.draft.as_deref())
            .into_response()
    }
}

/// The address a request is counted under.
fn ip_of(client: Option<SocketAddr>) -> IpAddr {
    client.map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |addr| addr.ip())
}
