//! Rate limiting: [`RateLimiter`] counts each key's requests in memory, by slowapi's fixed
//! window or by GCRA, and its [`Decision`] is the 429 of slowapi's words, with `Retry-After`
//! and the `X-RateLimit-*` headers (or the IETF draft's, [`HeaderStyle`]).
//!
//! A route's `rate_limit = "5/minute"` limits each client address ([`RouteLimit`], checked by
//! the pipeline when it starts the route). A limiter an app keeps in its state is checked by a dependency
//! with the key it chooses (the user, an API key), which is how a limit can depend on who
//! asks. See `docs/ratelimit.md`.

mod decision;
mod draft;
mod memory;
mod numbers;
mod rate;
#[cfg(feature = "redis")]
mod redis;
mod route;

use std::sync::Arc;

pub use decision::Decision;
pub use rate::{Rate, RateError};
#[cfg(feature = "redis")]
pub use redis::{OnFailure, RedisStore, StoreError};

pub(crate) use decision::Told;
use memory::MemoryStore;
pub(crate) use route::RouteLimit;

/// The headers that tell a client where it stands with the app's rate limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HeaderStyle {
    /// slowapi's: `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (when
    /// the count is full again, in seconds since the epoch).
    #[default]
    XRateLimit,
    /// The IETF draft's (draft-ietf-httpapi-ratelimit-headers): `RateLimit-Policy`, the limit's
    /// quota and window (`"POST /login";q=5;w=60`), and `RateLimit`, what is left and the
    /// seconds until more comes (`"POST /login";r=4;t=60`), named by the limit.
    Ietf,
    /// Both.
    Both,
}

impl HeaderStyle {
    /// Whether the `X-RateLimit-*` headers are written.
    pub(crate) fn x_ratelimit(self) -> bool {
        matches!(self, Self::XRateLimit | Self::Both)
    }

    /// Whether the IETF draft's fields are written.
    pub(crate) fn ietf(self) -> bool {
        matches!(self, Self::Ietf | Self::Both)
    }
}

/// How a limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Algorithm {
    /// slowapi's (`limits`' fixed window): a window of one period starts at a key's first
    /// request; up to `count` requests pass in it, and every request counts, refused ones too.
    #[default]
    FixedWindow,
    /// The generic cell rate algorithm: a request is due every `period / count`, and a burst of
    /// up to `count` passes at once; it never lets through twice the count across a window's
    /// edge, as a fixed window can. Refused requests do not count.
    Gcra,
}

/// A limit and the counts of its keys, in this process's memory.
///
/// Cheap to clone: the clones share the counts. It holds up to 100,000 keys by default
/// ([`max_keys`](Self::max_keys)); past that, the oldest counts are forgotten first when they
/// have expired, and a quarter of a full shard otherwise, so that a flood of keys cannot
/// exhaust memory.
///
/// ```
/// use fastrs::ratelimit::{Algorithm, Rate, RateLimiter};
///
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let logins = RateLimiter::new(Rate::per_minute(5)).algorithm(Algorithm::Gcra);
/// for _ in 0..5 {
///     assert!(logins.check("alice").await.is_allowed());
/// }
/// let refused = logins.check("alice").await;
/// assert!(!refused.is_allowed());
/// assert_eq!(refused.limit(), 5);
/// assert!(logins.check("bob").await.is_allowed());
/// # });
/// ```
#[derive(Debug, Clone)]
pub struct RateLimiter {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    rate: Rate,
    algorithm: Algorithm,
    max_keys: usize,
    store: Store,
}

/// Where a limiter keeps its counts.
#[derive(Debug)]
enum Store {
    Memory(MemoryStore),
    /// In Redis, under the limit's name.
    #[cfg(feature = "redis")]
    Redis {
        store: RedisStore,
        name: String,
    },
}

/// Keys a limiter holds unless told otherwise.
const MAX_KEYS: usize = 100_000;

impl RateLimiter {
    /// A limit of `rate` per key, counted by slowapi's fixed window.
    pub fn new(rate: Rate) -> Self {
        Self::build(rate, Algorithm::default(), MAX_KEYS)
    }

    fn build(rate: Rate, algorithm: Algorithm, max_keys: usize) -> Self {
        Self::with_store(
            rate,
            algorithm,
            max_keys,
            Store::Memory(MemoryStore::new(max_keys)),
        )
    }

    fn with_store(rate: Rate, algorithm: Algorithm, max_keys: usize, store: Store) -> Self {
        Self {
            inner: Arc::new(Inner {
                rate,
                algorithm,
                max_keys,
                store,
            }),
        }
    }

    /// Counts with `algorithm` (a new limiter, with no counts of its own; one in Redis keeps
    /// its store and name).
    #[must_use]
    pub fn algorithm(self, algorithm: Algorithm) -> Self {
        let inner = &self.inner;
        match &inner.store {
            Store::Memory(_) => Self::build(inner.rate, algorithm, inner.max_keys),
            #[cfg(feature = "redis")]
            Store::Redis { store, name } => Self::with_store(
                inner.rate,
                algorithm,
                inner.max_keys,
                Store::Redis {
                    store: store.clone(),
                    name: name.clone(),
                },
            ),
        }
    }

    /// Holds up to about `max_keys` keys in memory (a new limiter, with no counts).
    #[must_use]
    pub fn max_keys(self, max_keys: usize) -> Self {
        Self::build(self.inner.rate, self.inner.algorithm, max_keys)
    }

    /// Keeps the counts in Redis under `name` (which tells this limit's keys from the other
    /// limits' in the same store), shared by every instance of the app: a new limiter.
    #[cfg(feature = "redis")]
    #[must_use]
    pub fn redis(self, store: &RedisStore, name: &str) -> Self {
        let inner = &self.inner;
        Self::with_store(
            inner.rate,
            inner.algorithm,
            inner.max_keys,
            Store::Redis {
                store: store.clone(),
                name: name.to_owned(),
            },
        )
    }

    /// The limit.
    pub fn rate(&self) -> Rate {
        self.inner.rate
    }

    /// Counts a request of `key`: whether it passes, and what is left.
    pub async fn check(&self, key: &str) -> Decision {
        let inner = &self.inner;
        match &inner.store {
            Store::Memory(store) => self.hit(store, key.as_bytes()),
            #[cfg(feature = "redis")]
            Store::Redis { store, name } => {
                store
                    .hit(name, key.as_bytes(), inner.rate, inner.algorithm)
                    .await
            }
        }
    }

    /// Counts a request of a client address (in memory keyed by its bytes, with no text made
    /// of it; in Redis by its text).
    pub async fn check_ip(&self, ip: std::net::IpAddr) -> Decision {
        match self.check_ip_now(ip) {
            Some(decision) => decision,
            None => self.check(&ip.to_string()).await,
        }
    }

    /// [`check_ip`](Self::check_ip) without waiting, for the pipeline: `None` when the counts
    /// are not in memory.
    pub(crate) fn check_ip_now(&self, ip: std::net::IpAddr) -> Option<Decision> {
        match &self.inner.store {
            Store::Memory(store) => Some(match ip {
                std::net::IpAddr::V4(v4) => self.hit(store, &v4.octets()),
                std::net::IpAddr::V6(v6) => self.hit(store, &v6.octets()),
            }),
            #[cfg(feature = "redis")]
            Store::Redis { .. } => None,
        }
    }

    fn hit(&self, store: &MemoryStore, key: &[u8]) -> Decision {
        let inner = &self.inner;
        store.hit(
            key,
            inner.rate,
            inner.algorithm,
            tokio::time::Instant::now(),
        )
    }
}
