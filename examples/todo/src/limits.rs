//! The limit on writes: each client may create, change or delete so many things a minute
//! (`TODO_WRITE_LIMIT`, 100/minute by default), all write routes together, counted in Redis
//! when the app has one, so that every instance behind the proxy shares the count.

use fastrs::ClientAddr;
use fastrs::HttpError;
use fastrs::prelude::*;
use fastrs::ratelimit::RateLimiter;

/// The writes' limit, in the app's state.
#[derive(Debug, Clone)]
pub struct WriteLimit(pub RateLimiter);

/// Counts a write of the client (the one the trusted proxy names): past the limit, slowapi's
/// 429 with `Retry-After`.
#[depends]
pub async fn write_limit(client: ClientAddr, limit: State<WriteLimit>) -> Result<(), HttpError> {
    let ip = client
        .ip()
        .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    limit.0.check_ip(ip).await.into_result().map(|_| ())
}
