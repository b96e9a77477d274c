//! Who the client is, and where its counts are kept: the proxies whose word the app takes for
//! the client's address, and the store of the routes' rate limits.

use super::App;

impl App {
    /// Takes the word of the proxies at these addresses for who the client is, as uvicorn's
    /// `--proxy-headers --forwarded-allow-ips` does: a request whose connection comes from one
    /// of them is from the client its `X-Forwarded-For` names (or, without one, its RFC 7239
    /// `Forwarded`'s `for=`), read from the right: the first address that is not a trusted
    /// proxy's, or the leftmost when all are. [`ClientAddr`](crate::ClientAddr) and the
    /// routes' `rate_limit` see that address (with the port the proxy gave, or 0).
    ///
    /// Each entry is an address (`127.0.0.1`, `::1`), a network (`10.0.0.0/8`, `fd00::/8`), or
    /// `*` for every peer, which only makes sense when nothing but the proxy can reach the
    /// app. Anyone else's headers are ignored, so that a client cannot escape its limit by
    /// sending them. An entry that is neither stops the app from starting.
    ///
    /// ```
    /// use fastrs::prelude::*;
    ///
    /// // nginx on the same machine, and the load balancers of the private network.
    /// let app = App::new().trusted_proxies(["127.0.0.1", "::1", "10.0.0.0/8"]);
    /// # let _ = app;
    /// ```
    #[must_use]
    pub fn trusted_proxies<I>(mut self, proxies: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.proxies = Some(crate::proxies::TrustedProxies::parse(proxies));
        self
    }

    /// Counts the routes' `rate_limit`s in Redis rather than in this process's memory, so that
    /// every instance of the app behind a proxy shares them: `5/minute` is then five a minute
    /// across all instances, not five on each. Each route's keys are named by its method and
    /// path (`fastrs:ratelimit:POST /login:203.0.113.9`).
    ///
    /// ```
    /// use fastrs::prelude::*;
    /// use fastrs::ratelimit::RedisStore;
    ///
    /// let store = RedisStore::open("redis://127.0.0.1:6379/").unwrap();
    /// let app = App::new().rate_limit_store(store);
    /// # let _ = app;
    /// ```
    #[cfg(feature = "redis")]
    #[must_use]
    pub fn rate_limit_store(mut self, store: crate::ratelimit::RedisStore) -> Self {
        self.rate_limit_store = Some(store);
        self
    }
}
