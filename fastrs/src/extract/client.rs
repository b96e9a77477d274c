//! `ClientAddr`: the address of the client at the other end of the connection, FastAPI's
//! `request.client`.

use std::net::{IpAddr, SocketAddr};

use axum::extract::Request;

use super::{Cx, FromCx};
use crate::context::{Fact, Meta};

/// The client's address and port, as the connection shows them: FastAPI's `request.client`.
///
/// Behind a reverse proxy this is the proxy's address, unless the app trusts the proxy
/// ([`App::trusted_proxies`](crate::App::trusted_proxies)): then it is the client's address
/// that the proxy's `X-Forwarded-For` names. fastrs's server gives it to the routes
/// that ask (a route or dependency taking `ClientAddr`; the others pay nothing for it); the
/// `TestClient` gives `127.0.0.1:50000` unless told otherwise
/// ([`TestRequest::client_addr`](crate::testing::TestRequest::client_addr)); an app served
/// through axum gives axum's `ConnectInfo<SocketAddr>` when it has one, and `None` otherwise.
///
/// ```
/// use fastrs::ClientAddr;
/// use fastrs::prelude::*;
///
/// #[get("/whoami")]
/// async fn whoami(client: ClientAddr) -> String {
///     client.ip().map_or("unknown".to_owned(), |ip| ip.to_string())
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientAddr(pub Option<SocketAddr>);

impl ClientAddr {
    /// The address and port, when the server knows them.
    pub fn get(&self) -> Option<SocketAddr> {
        self.0
    }

    /// The address, when the server knows it.
    pub fn ip(&self) -> Option<IpAddr> {
        self.0.map(|addr| addr.ip())
    }
}

impl FromCx for ClientAddr {
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self> {
        Some(ClientAddr(cx.client))
    }

    fn describe(meta: &mut Meta) {
        meta.push(Fact::Client);
    }
}

/// The client's address a request carries in its extensions: the server's (when middleware
/// stands between it and the route, or a `TestClient`'s), or else axum's `ConnectInfo`.
#[inline]
pub(crate) fn client_of(req: &Request) -> Option<SocketAddr> {
    let extensions = req.extensions();
    if extensions.is_empty() {
        return None;
    }
    extensions
        .get::<ClientAddr>()
        .and_then(ClientAddr::get)
        .or_else(|| {
            extensions
                .get::<axum::extract::ConnectInfo<SocketAddr>>()
                .map(|info| info.0)
        })
}
