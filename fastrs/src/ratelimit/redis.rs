//! The Redis store: counts that every instance of an app shares, one atomic Lua script per check
//! (sent by its digest with `EVALSHA`, and loaded again when Redis answers `NOSCRIPT`). When
//! Redis cannot answer, the store lets the request through (fail open, the default) or refuses
//! it with 503 (fail closed), and counts the failure.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};

use super::{Algorithm, Decision, Rate};

/// The fixed window: the first request of a key starts its window (the key expires with it);
/// every request counts. Answers the count and the window's milliseconds left.
const FIXED_WINDOW: &str = r"
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return {count, redis.call('PTTL', KEYS[1])}
";

/// GCRA on Redis's clock (so that the instances' clocks do not matter), in microseconds: the
/// key holds the theoretical arrival time of its next request. Answers whether the request
/// passes, the microseconds until the count is full again, and those until a refused key's
/// next request can pass.
const GCRA: &str = r"
local period = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then
  tat = now
end
local next = tat + interval
if next - now > period then
  return {0, tat - now, next - period - now}
end
redis.call('SET', KEYS[1], next, 'PX', math.ceil((next - now) / 1000))
return {1, next - now, 0}
";

/// What the store does with a request when Redis cannot answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnFailure {
    /// Lets it through, logs the failure and counts it ([`RedisStore::failures`]): the
    /// default, so that the limit's store going down does not take the app down with it.
    #[default]
    Allow,
    /// Refuses it with 503 `{"detail":"Service Unavailable"}`.
    Refuse,
}

/// Counts kept in Redis, shared by every instance of an app that uses the same server: behind
/// a proxy, N instances then hold one limit exactly, not N.
///
/// It connects on first use, and again whenever the connection is lost, within its
/// [`timeout`](Self::timeout) (500 ms by default) for every check; what happens to a request
/// Redis cannot count is its [`OnFailure`]. Cheap to clone: the clones share the connection.
///
/// ```
/// use fastrs::ratelimit::{RateLimiter, RedisStore};
///
/// let store = RedisStore::open("redis://127.0.0.1:6379/").unwrap();
/// let searches = RateLimiter::new("100/minute".parse().unwrap()).redis(&store, "search");
/// # let _ = searches;
/// ```
#[derive(Clone)]
pub struct RedisStore {
    inner: Arc<Shared>,
}

struct Shared {
    client: redis::Client,
    /// The connection, made on first use (again after a failure to make it); it reconnects
    /// by itself once made.
    connection: tokio::sync::OnceCell<ConnectionManager>,
    prefix: String,
    on_failure: OnFailure,
    timeout: Duration,
    failures: AtomicU64,
    /// Whether the last check failed: a failure is logged when it starts, and the recovery.
    failing: AtomicBool,
    fixed_window: redis::Script,
    gcra: redis::Script,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore")
            .field("server", &self.inner.client.get_connection_info().addr)
            .field("prefix", &self.inner.prefix)
            .field("on_failure", &self.inner.on_failure)
            .field("timeout", &self.inner.timeout)
            .finish_non_exhaustive()
    }
}

/// The Redis server's address does not parse.
#[derive(Debug)]
pub struct StoreError(redis::RedisError);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the Redis address is not valid: {}", self.0)
    }
}

impl std::error::Error for StoreError {}

impl RedisStore {
    /// A store on the Redis server at `url` (`redis://127.0.0.1:6379/`, `redis://:password@host/2`),
    /// which is not reached until the first check. Its keys start with `fastrs:ratelimit:`.
    pub fn open(url: &str) -> Result<Self, StoreError> {
        let client = redis::Client::open(url).map_err(StoreError)?;
        Ok(Self::build(
            client,
            "fastrs:ratelimit:".to_owned(),
            OnFailure::default(),
            Duration::from_millis(500),
        ))
    }

    fn build(
        client: redis::Client,
        prefix: String,
        on_failure: OnFailure,
        timeout: Duration,
    ) -> Self {
        Self {
            inner: Arc::new(Shared {
                client,
                connection: tokio::sync::OnceCell::new(),
                prefix,
                on_failure,
                timeout,
                failures: AtomicU64::new(0),
                failing: AtomicBool::new(false),
                fixed_window: redis::Script::new(FIXED_WINDOW),
                gcra: redis::Script::new(GCRA),
            }),
        }
    }

    fn rebuild(&self, prefix: String, on_failure: OnFailure, timeout: Duration) -> Self {
        Self::build(self.inner.client.clone(), prefix, on_failure, timeout)
    }

    /// Refuses with 503 the requests Redis cannot count, rather than letting them through.
    #[must_use]
    pub fn fail_closed(self) -> Self {
        self.on_failure(OnFailure::Refuse)
    }

    /// What to do with the requests Redis cannot count.
    #[must_use]
    pub fn on_failure(self, on_failure: OnFailure) -> Self {
        let inner = &self.inner;
        self.rebuild(inner.prefix.clone(), on_failure, inner.timeout)
    }

    /// Starts every key with `prefix` rather than `fastrs:ratelimit:` (apps sharing a server).
    #[must_use]
    pub fn prefix(self, prefix: &str) -> Self {
        let inner = &self.inner;
        self.rebuild(prefix.to_owned(), inner.on_failure, inner.timeout)
    }

    /// The longest a check waits for Redis, connecting included, before it counts as a
    /// failure. Default: 500 ms.
    #[must_use]
    pub fn timeout(self, timeout: Duration) -> Self {
        let inner = &self.inner;
        self.rebuild(inner.prefix.clone(), inner.on_failure, timeout)
    }

    /// How many checks Redis could not answer since the store was made.
    pub fn failures(&self) -> u64 {
        self.inner.failures.load(Ordering::Relaxed)
    }

    /// Whether Redis answers a `PING` within the store's timeout: for a readiness check.
    pub async fn ping(&self) -> bool {
        let ping = async {
            let mut connection = self.connection().await?;
            redis::cmd("PING")
                .query_async::<String>(&mut connection)
                .await
        };
        matches!(
            tokio::time::timeout(self.inner.timeout, ping).await,
            Ok(Ok(_))
        )
    }

    /// The connection, made on first use.
    async fn connection(&self) -> redis::RedisResult<ConnectionManager> {
        let inner = &self.inner;
        let connection = inner
            .connection
            .get_or_try_init(|| {
                let config = ConnectionManagerConfig::new()
                    .set_connection_timeout(inner.timeout)
                    .set_response_timeout(inner.timeout)
                    .set_number_of_retries(1);
                ConnectionManager::new_with_config(inner.client.clone(), config)
            })
            .await?;
        Ok(connection.clone())
    }

    /// Counts a request of `key` in the limit `name`.
    pub(super) async fn hit(
        &self,
        name: &str,
        key: &[u8],
        rate: Rate,
        algorithm: Algorithm,
    ) -> Decision {
        let inner = &self.inner;
        let mut redis_key = Vec::with_capacity(inner.prefix.len() + name.len() + 1 + key.len());
        redis_key.extend_from_slice(inner.prefix.as_bytes());
        redis_key.extend_from_slice(name.as_bytes());
        redis_key.push(b':');
        redis_key.extend_from_slice(key);
        let counted =
            tokio::time::timeout(inner.timeout, self.count(&redis_key, rate, algorithm)).await;
        match counted {
            Ok(Ok(decision)) => {
                if inner.failing.swap(false, Ordering::Relaxed) {
                    crate::say::say_info!("the rate limits' Redis answers again");
                }
                decision
            }
            Ok(Err(error)) => self.failed(rate, &error),
            Err(_) => self.failed(rate, &format!("no answer within {:?}", inner.timeout)),
        }
    }

    async fn count(
        &self,
        key: &[u8],
        rate: Rate,
        algorithm: Algorithm,
    ) -> redis::RedisResult<Decision> {
        let inner = &self.inner;
        let mut connection = self.connection().await?;
        let period = rate.period();
        match algorithm {
            Algorithm::FixedWindow => {
                let millis = u64::try_from(period.as_millis()).unwrap_or(u64::MAX).max(1);
                let (count, left): (u64, i64) = inner
                    .fixed_window
                    .key(key)
                    .arg(millis)
                    .invoke_async(&mut connection)
                    .await?;
                let reset_after = Duration::from_millis(u64::try_from(left).unwrap_or(millis));
                Ok(Decision::of_window(rate, count, reset_after))
            }
            Algorithm::Gcra => {
                let micros = u64::try_from(period.as_micros()).unwrap_or(u64::MAX);
                let interval = (micros / rate.count().max(1)).max(1);
                let (allowed, reset, retry): (u8, u64, u64) = inner
                    .gcra
                    .key(key)
                    .arg(micros)
                    .arg(interval)
                    .invoke_async(&mut connection)
                    .await?;
                let allowed = allowed == 1;
                let remaining = if allowed {
                    micros.saturating_sub(reset) / interval
                } else {
                    0
                };
                Ok(Decision {
                    allowed,
                    rate,
                    remaining,
                    reset_after: Duration::from_micros(reset),
                    retry_after: Duration::from_micros(retry),
                    store_failed: false,
                })
            }
        }
    }

    /// A check Redis could not answer: counted, logged when failures start, and let through
    /// or refused.
    fn failed(&self, rate: Rate, error: &dyn std::fmt::Display) -> Decision {
        let inner = &self.inner;
        inner.failures.fetch_add(1, Ordering::Relaxed);
        if !inner.failing.swap(true, Ordering::Relaxed) {
            let what = match inner.on_failure {
                OnFailure::Allow => "letting requests through",
                OnFailure::Refuse => "refusing requests with 503",
            };
            crate::say::say_warn!(
                "the rate limits' Redis cannot count ({error}); {what} until it answers"
            );
        }
        Decision {
            allowed: inner.on_failure == OnFailure::Allow,
            rate,
            remaining: rate.count(),
            reset_after: Duration::ZERO,
            retry_after: Duration::ZERO,
            store_failed: true,
        }
    }
}
