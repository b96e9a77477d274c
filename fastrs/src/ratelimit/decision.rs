//! `Decision`: what a limiter says of one request, and how it is told to the client: slowapi's
//! `X-RateLimit-*` headers (or the IETF draft's `RateLimit-Policy` and `RateLimit`), and its 429
//! with `Retry-After`.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};

use super::draft::{DraftPolicy, RATELIMIT_POLICY};
use super::{Rate, numbers};
use crate::error::HttpError;

/// Whether a request passes its limit, with what is left of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub(super) allowed: bool,
    pub(super) rate: Rate,
    pub(super) remaining: u64,
    /// Until the key's count is back to its full limit (fixed window: the window's end).
    pub(super) reset_after: Duration,
    /// Until a refused key's next request can pass (zero when it passed).
    pub(super) retry_after: Duration,
    /// The store could not count it (Redis down): let through or refused by the store's
    /// [`OnFailure`](super::OnFailure).
    pub(super) store_failed: bool,
}

impl Decision {
    /// A fixed window's verdict on its `count`-th request, the window ending in `reset_after`:
    /// every request counts, and a refused one waits for the window's end.
    pub(super) fn of_window(rate: Rate, count: u64, reset_after: Duration) -> Self {
        let allowed = count <= rate.count();
        Self {
            allowed,
            rate,
            remaining: rate.count().saturating_sub(count),
            reset_after,
            retry_after: if allowed { Duration::ZERO } else { reset_after },
            store_failed: false,
        }
    }

    /// Whether the request passes.
    pub fn is_allowed(&self) -> bool {
        self.allowed
    }

    /// Whether the store could not count the request (Redis did not answer): it passed or
    /// was refused (503) by the store's `OnFailure`, and the counts say nothing.
    pub fn store_failed(&self) -> bool {
        self.store_failed
    }

    /// The requests a period allows.
    pub fn limit(&self) -> u64 {
        self.rate.count()
    }

    /// The requests left before the limit.
    pub fn remaining(&self) -> u64 {
        self.remaining
    }

    /// How long until the key's count is back to the full limit.
    pub fn reset_after(&self) -> Duration {
        self.reset_after
    }

    /// How long a refused client waits before its next request can pass; `None` when it
    /// passed.
    pub fn retry_after(&self) -> Option<Duration> {
        (!self.allowed).then_some(self.retry_after)
    }

    /// slowapi's headers: `X-RateLimit-Limit`, `X-RateLimit-Remaining`, and
    /// `X-RateLimit-Reset` (when the count is full again, in seconds since the epoch).
    pub fn headers(&self) -> HeaderMap {
        let mut headers = HeaderMap::with_capacity(4);
        self.write_headers(&mut headers);
        headers
    }

    /// Puts [`headers`](Self::headers) into `headers` (an answer's), replacing any of the same
    /// names.
    pub fn write_headers(&self, headers: &mut HeaderMap) {
        self.told().write(headers);
        if let Some(wait) = self.retry_after() {
            headers.insert(
                header::RETRY_AFTER,
                HeaderValue::from(seconds_up(wait).max(1)),
            );
        }
    }

    /// The IETF draft's fields (draft-ietf-httpapi-ratelimit-headers) under the policy name
    /// `policy`: `RateLimit-Policy` (`"logins";q=5;w=60`: the quota and its window in
    /// seconds), `RateLimit` (`"logins";r=4;t=60`: what is left, and the seconds until more
    /// comes), and `Retry-After` when refused.
    ///
    /// ```
    /// use fastrs::ratelimit::{Rate, RateLimiter};
    ///
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let logins = RateLimiter::new(Rate::per_minute(5));
    /// let headers = logins.check("alice").await.ietf_headers("logins");
    /// assert_eq!(headers["ratelimit-policy"], r#""logins";q=5;w=60"#);
    /// assert_eq!(headers["ratelimit"], r#""logins";r=4;t=60"#);
    /// # });
    /// ```
    pub fn ietf_headers(&self, policy: &str) -> HeaderMap {
        let mut headers = HeaderMap::with_capacity(3);
        DraftPolicy::new(policy, self.rate).write(&mut headers, self.remaining, self.more_in());
        if let Some(wait) = self.retry_after() {
            headers.insert(
                header::RETRY_AFTER,
                HeaderValue::from(seconds_up(wait).max(1)),
            );
        }
        headers
    }

    /// The seconds until more of the limit comes (the draft's `t`): until the count is full
    /// again when the request passed, until the next can pass when refused.
    fn more_in(&self) -> u64 {
        if self.allowed {
            seconds_up(self.reset_after)
        } else {
            seconds_up(self.retry_after).max(1)
        }
    }

    /// The `X-RateLimit-*` values, the reset as a time (read from the clock now).
    pub(crate) fn told(&self) -> Told {
        self.told_with(Some(numbers::value(self.limit())), None)
    }

    /// [`told`](Self::told) as a route's limit tells it: `limit`, its `X-RateLimit-Limit`
    /// made once (`None` when those are off), and `draft`, its policy (when the IETF draft's
    /// fields are on).
    pub(crate) fn told_with(
        &self,
        limit: Option<HeaderValue>,
        draft: Option<&Arc<DraftPolicy>>,
    ) -> Told {
        let reset = match limit {
            Some(_) => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default()
                .saturating_add(self.reset_after),
            None => Duration::ZERO,
        };
        Told {
            limit,
            remaining: self.remaining,
            reset: seconds_up(reset),
            draft: draft.map(|policy| (Arc::clone(policy), self.more_in())),
        }
    }

    /// `Ok` when the request passes; otherwise the 429 to answer:
    /// `{"detail":"Rate limit exceeded: 5 per 1 minute"}`, with `Retry-After` and the
    /// `X-RateLimit-*` headers (or 503 `{"detail":"Service Unavailable"}` when a store that
    /// fails closed could not count it).
    pub fn into_result(self) -> Result<Self, HttpError> {
        if self.allowed {
            return Ok(self);
        }
        Err(self.refusal(true, None))
    }

    /// The 429 of a refused request: its `Retry-After`, the `X-RateLimit-*` headers unless
    /// they are switched off, and the IETF draft's fields of `draft` when on.
    pub(crate) fn refusal(&self, x_ratelimit: bool, draft: Option<&DraftPolicy>) -> HttpError {
        if self.store_failed {
            return HttpError::from_status(StatusCode::SERVICE_UNAVAILABLE);
        }
        let error = HttpError::new(
            StatusCode::TOO_MANY_REQUESTS,
            format!("Rate limit exceeded: {}", self.rate),
        );
        let mut headers = if x_ratelimit {
            self.headers()
        } else {
            let mut retry = HeaderMap::with_capacity(1);
            let wait = seconds_up(self.retry_after).max(1);
            retry.insert(header::RETRY_AFTER, HeaderValue::from(wait));
            retry
        };
        if let Some(draft) = draft {
            draft.write(&mut headers, self.remaining, self.more_in());
        }
        headers
            .iter()
            .fold(error, |error, (name, value)| match value.to_str() {
                Ok(value) => error.header(name.as_str(), value),
                Err(_) => error,
            })
    }
}

/// What the rate-limit headers of an answer say: kept by a limited route's answer on its way,
/// and written into it once it is made.
#[derive(Debug, Clone)]
pub(crate) struct Told {
    /// `X-RateLimit-Limit`, unless the `X-RateLimit-*` headers are off.
    limit: Option<HeaderValue>,
    remaining: u64,
    /// When the count is full again, in seconds since the epoch.
    reset: u64,
    /// The IETF draft's policy, and the seconds until more of it comes, when its fields are on.
    draft: Option<(Arc<DraftPolicy>, u64)>,
}

impl Told {
    /// [`write`](Self::write), unless the answer already says a limit (a route's own, more
    /// precise than the app's).
    pub(crate) fn write_unless_said(self, headers: &mut HeaderMap) {
        let said = match self.limit {
            Some(_) => headers.contains_key(LIMIT),
            None => headers.contains_key(RATELIMIT_POLICY),
        };
        if !said {
            self.write(headers);
        }
    }

    /// Writes the headers into `headers`, replacing any of the same names.
    pub(crate) fn write(self, headers: &mut HeaderMap) {
        if let Some(limit) = self.limit {
            headers.insert(LIMIT, limit);
            headers.insert(REMAINING, numbers::value(self.remaining));
            headers.insert(RESET, numbers::kept(self.reset));
        }
        if let Some((policy, more_in)) = self.draft {
            policy.write(headers, self.remaining, more_in);
        }
    }
}

const LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
const REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
const RESET: HeaderName = HeaderName::from_static("x-ratelimit-reset");

/// Whole seconds, rounded up.
fn seconds_up(duration: Duration) -> u64 {
    duration.as_secs() + u64::from(duration.subsec_nanos() > 0)
}
