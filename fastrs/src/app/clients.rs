//! Who the client is, which request it sent, and where its counts are kept: the proxies whose
//! word the app takes for the client's address, request ids, and the app's rate limits.

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

    /// Gives every request an id: its own `X-Request-ID` when it sends a sound one (1 to 128
    /// characters of letters, digits and `-_.:+/=`), or else a new one (a random UUID's form),
    /// which replaces its header. Every answer carries it back in `x-request-id`; handlers and
    /// middleware read it as [`RequestId`](crate::RequestId); the log lines of a panic and of
    /// the background tasks name it, and a panic's 500 carries it.
    ///
    /// ```
    /// use fastrs::prelude::*;
    ///
    /// let app = App::new().request_ids();
    /// # let _ = app;
    /// ```
    #[must_use]
    pub fn request_ids(mut self) -> Self {
        self.request_ids = true;
        self
    }

    /// Limits every client to `rate` requests to the app, all paths together (the
    /// documentation and the 404s too), as slowapi's `application_limits`: a client past it
    /// gets slowapi's 429 before routing, inside the app's middleware (which sees it, CORS
    /// included). A route's own `rate_limit` counts apart, besides; its answers carry its own
    /// `X-RateLimit-*` headers, the others the app's. The client is the connection's address,
    /// or the one a trusted proxy names ([`trusted_proxies`](Self::trusted_proxies)).
    ///
    /// ```
    /// use fastrs::prelude::*;
    /// use fastrs::ratelimit::Rate;
    ///
    /// let app = App::new().rate_limit(Rate::per_minute(600));
    /// # let _ = app;
    /// ```
    #[must_use]
    pub fn rate_limit(mut self, rate: crate::ratelimit::Rate) -> Self {
        let headers = self.rate_limit.is_none_or(|(_, headers)| headers);
        self.rate_limit = Some((rate, headers));
        self
    }

    /// Leaves the `X-RateLimit-*` headers of [`rate_limit`](Self::rate_limit) out of the
    /// app's answers (its 429 keeps `Retry-After`), as slowapi's `headers_enabled=False`.
    ///
    /// # Panics
    ///
    /// When the app has no `rate_limit` yet: call that first.
    #[must_use]
    pub fn rate_limit_headers(mut self, headers: bool) -> Self {
        let Some((rate, _)) = self.rate_limit else {
            panic!("App::rate_limit_headers: the app has no rate_limit; call App::rate_limit first")
        };
        self.rate_limit = Some((rate, headers));
        self
    }

    /// Which headers the app's rate limits write on their answers (their 429s too):
    /// slowapi's `X-RateLimit-*` (the default), the IETF draft's `RateLimit-Policy` and
    /// `RateLimit`, or both. A limit whose headers are off (`rate_limit_headers = false`)
    /// writes neither. As with the `X-RateLimit-*` headers, an answer tells of one limit: the
    /// route's own, else its router's, else the app's.
    ///
    /// ```
    /// use fastrs::prelude::*;
    /// use fastrs::ratelimit::HeaderStyle;
    ///
    /// #[post("/login", rate_limit = "5/minute")]
    /// async fn login() -> &'static str {
    ///     "welcome"
    /// }
    ///
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let app = App::empty()
    ///     .rate_limit_header_style(HeaderStyle::Ietf)
    ///     .mount(fastrs::routes![login]);
    /// let client = fastrs::testing::TestClient::new(app);
    /// let answer = client.post("/login").send().await;
    /// assert_eq!(answer.header("ratelimit-policy"), Some(r#""POST /login";q=5;w=60"#));
    /// assert_eq!(answer.header("ratelimit"), Some(r#""POST /login";r=4;t=60"#));
    /// assert_eq!(answer.header("x-ratelimit-limit"), None);
    /// # });
    /// ```
    #[must_use]
    pub fn rate_limit_header_style(mut self, style: crate::ratelimit::HeaderStyle) -> Self {
        self.rate_limit_header_style = style;
        self
    }

    /// Counts the app's rate limits (its routes' and routers' `rate_limit`s, and
    /// [`rate_limit`](Self::rate_limit)) by `algorithm`: slowapi's fixed window by default, or
    /// GCRA, which lets a burst of the count through and then one request every
    /// `period / count`, and never twice the count across a window's edge.
    ///
    /// ```
    /// use fastrs::prelude::*;
    /// use fastrs::ratelimit::Algorithm;
    ///
    /// let app = App::new().rate_limit_algorithm(Algorithm::Gcra);
    /// # let _ = app;
    /// ```
    #[must_use]
    pub fn rate_limit_algorithm(mut self, algorithm: crate::ratelimit::Algorithm) -> Self {
        self.rate_limit_algorithm = algorithm;
        self
    }

    /// Counts the app's rate limits in Redis rather than in this process's memory (the
    /// routes' and routers' `rate_limit`s, and [`rate_limit`](Self::rate_limit)), so that every
    /// instance of the app behind a proxy shares them: `5/minute` is then five a minute across
    /// all instances, not five on each. Each limit's keys are named alike in every instance (a
    /// route's by its method and path: `fastrs:ratelimit:POST /login:203.0.113.9`).
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
