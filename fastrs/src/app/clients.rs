//! Who the client is: the proxies whose word the app takes for the client's address.

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
}
