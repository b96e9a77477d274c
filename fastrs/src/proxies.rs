//! Trusted proxies (`App::trusted_proxies`): behind them, the client's address is the one
//! their `X-Forwarded-For` (or RFC 7239 `Forwarded`) names, read as uvicorn's
//! `--proxy-headers --forwarded-allow-ips` reads it: from the right, the first address that is
//! not a trusted proxy's.

use std::net::{IpAddr, SocketAddr};

use http::HeaderMap;

use crate::error::StartupError;

/// The addresses and networks whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default)]
pub(crate) struct TrustedProxies {
    /// `"*"`: every peer is a trusted proxy, and the client is the leftmost address.
    all: bool,
    networks: Vec<Network>,
}

/// An address and how many of its leading bits a member shares (`10.0.0.0/8`; a single
/// address is a network of all its bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Network {
    base: IpAddr,
    bits: u8,
}

impl Network {
    fn parse(text: &str) -> Option<Self> {
        let (address, bits) = match text.split_once('/') {
            Some((address, bits)) => (address, Some(bits)),
            None => (text, None),
        };
        let base: IpAddr = address.parse().ok()?;
        let most = if base.is_ipv4() { 32 } else { 128 };
        let bits = match bits {
            Some(bits) => bits.parse().ok().filter(|bits| *bits <= most)?,
            None => most,
        };
        // As Python's `ip_network` (strict): no host bits set beyond the prefix.
        (masked(base, bits) == base).then_some(Self { base, bits })
    }

    fn contains(&self, ip: IpAddr) -> bool {
        match (self.base, ip) {
            (IpAddr::V4(_), IpAddr::V4(_)) | (IpAddr::V6(_), IpAddr::V6(_)) => {
                masked(ip, self.bits) == self.base
            }
            _ => false,
        }
    }
}

/// `ip` with every bit past the first `bits` cleared.
fn masked(ip: IpAddr, bits: u8) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(bits)).unwrap_or(0);
            IpAddr::V4((u32::from(v4) & mask).into())
        }
        IpAddr::V6(v6) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
            IpAddr::V6((u128::from(v6) & mask).into())
        }
    }
}

impl TrustedProxies {
    /// The proxies `entries` name: addresses (`127.0.0.1`, `::1`), networks (`10.0.0.0/8`),
    /// or `*` for any peer.
    pub(crate) fn parse<S: AsRef<str>>(
        entries: impl IntoIterator<Item = S>,
    ) -> Result<Self, StartupError> {
        let mut proxies = Self::default();
        for entry in entries {
            let entry = entry.as_ref().trim();
            if entry == "*" {
                proxies.all = true;
                continue;
            }
            match Network::parse(entry) {
                Some(network) => proxies.networks.push(network),
                None => {
                    return Err(StartupError::new(format!(
                        "`App::trusted_proxies`: `{entry}` is not an IP address or network (such as `10.0.0.0/8`)"
                    )));
                }
            }
        }
        Ok(proxies)
    }

    /// Whether `ip` is a trusted proxy's.
    pub(crate) fn trusts(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.all || self.networks.iter().any(|network| network.contains(ip))
    }

    /// The client of a request that `peer` sent with `headers`: `peer` itself unless it is a
    /// trusted proxy that says who sent it.
    pub(crate) fn client(&self, peer: SocketAddr, headers: &HeaderMap) -> SocketAddr {
        if !self.trusts(peer.ip()) {
            return peer;
        }
        let mut hops = Vec::new();
        let forwarded_for = headers.get_all("x-forwarded-for");
        if forwarded_for.iter().next().is_some() {
            for value in forwarded_for {
                let Ok(value) = value.to_str() else {
                    return peer;
                };
                hops.extend(value.split(',').map(|hop| Hop::of(hop.trim())));
            }
        } else {
            for value in headers.get_all(http::header::FORWARDED) {
                let Ok(value) = value.to_str() else {
                    return peer;
                };
                // An element without `for=` is a hop that did not say: unknown.
                hops.extend(
                    value
                        .split(',')
                        .map(|element| forwarded_for_of(element).map_or(Hop::Unknown, Hop::of)),
                );
            }
        }
        self.walk(peer, &hops)
    }

    /// The client from the hops, nearest last: the nearest that is not a trusted proxy's; all
    /// trusted, the farthest (uvicorn's rule). A hop that is no address (`unknown`, an
    /// obfuscated name) ends the walk: the hop after it, which reported it, is the client.
    fn walk(&self, peer: SocketAddr, hops: &[Hop]) -> SocketAddr {
        if self.all {
            return match hops.first() {
                Some(Hop::Address(client)) => *client,
                _ => peer,
            };
        }
        let mut client = peer;
        for hop in hops.iter().rev() {
            match hop {
                Hop::Address(addr) => {
                    client = *addr;
                    if !self.trusts(addr.ip()) {
                        break;
                    }
                }
                Hop::Unknown => break,
            }
        }
        client
    }
}

/// One entry of a forwarding list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hop {
    /// An address, with its port when the entry has one (0 otherwise, as uvicorn).
    Address(SocketAddr),
    Unknown,
}

impl Hop {
    /// `203.0.113.7`, `203.0.113.7:4711`, `2001:db8::1`, `[2001:db8::1]:4711`.
    fn of(entry: &str) -> Self {
        let entry = entry.trim_matches('"');
        if let Ok(ip) = entry.parse::<IpAddr>() {
            return Hop::Address(SocketAddr::new(ip, 0));
        }
        if let Ok(addr) = entry.parse::<SocketAddr>() {
            return Hop::Address(addr);
        }
        // `[2001:db8::1]` without a port.
        if let Some(ip) = entry
            .strip_prefix('[')
            .and_then(|rest| rest.strip_suffix(']'))
            .and_then(|ip| ip.parse::<IpAddr>().ok())
        {
            return Hop::Address(SocketAddr::new(ip, 0));
        }
        Hop::Unknown
    }
}

/// The `for=` of one element of a `Forwarded` header (`for=192.0.2.60;proto=http`).
fn forwarded_for_of(element: &str) -> Option<&str> {
    element.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("for")
            .then(|| value.trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(entries: &[&str]) -> TrustedProxies {
        TrustedProxies::parse(entries).unwrap()
    }

    fn client(proxies: &TrustedProxies, peer: &str, headers: &[(&str, &str)]) -> String {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(
                http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        proxies.client(peer.parse().unwrap(), &map).to_string()
    }

    #[test]
    fn entries_are_addresses_or_networks() {
        let trusted = proxies(&["127.0.0.1", "10.0.0.0/8", "fd00::/8", "::1"]);
        for ip in [
            "127.0.0.1",
            "10.200.3.4",
            "fd12::7",
            "::1",
            "::ffff:10.0.0.1",
        ] {
            assert!(trusted.trusts(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["127.0.0.2", "11.0.0.1", "fe80::1", "2001:db8::1"] {
            assert!(!trusted.trusts(ip.parse().unwrap()), "{ip}");
        }
        // Host bits past the prefix, as Python's `ip_network`, and the rest, are refused.
        for wrong in ["10.0.0.1/8", "10.0.0.0/33", "localhost", "10.0.0.0/", ""] {
            let error = TrustedProxies::parse([wrong]).unwrap_err().to_string();
            assert!(
                error.contains(&format!("`{wrong}` is not an IP address or network")),
                "{error}"
            );
        }
    }

    #[test]
    fn the_client_is_the_nearest_untrusted_hop() {
        let trusted = proxies(&["127.0.0.1", "10.0.0.0/8"]);
        // `X-Forwarded-For` from a trusted proxy, and the client it names.
        let cases = [
            // The address it names.
            ("203.0.113.9", "203.0.113.9:0"),
            // A spoofed list, then the real client the proxy appended: the real one.
            ("1.1.1.1, 203.0.113.9", "203.0.113.9:0"),
            // Through two trusted proxies.
            ("203.0.113.9, 10.0.0.7", "203.0.113.9:0"),
            // All trusted: the leftmost, as uvicorn.
            ("10.0.0.8, 10.0.0.7", "10.0.0.8:0"),
            // Ports as uvicorn reads them, IPv6 in brackets.
            ("203.0.113.9:4711", "203.0.113.9:4711"),
            ("[2001:db8::1]:4711", "[2001:db8::1]:4711"),
            ("2001:db8::1", "[2001:db8::1]:0"),
        ];
        for (list, expected) in cases {
            let seen = client(&trusted, "127.0.0.1:5000", &[("x-forwarded-for", list)]);
            assert_eq!(seen, expected, "{list}");
        }
        // Two header lines are one list.
        assert_eq!(
            client(
                &trusted,
                "127.0.0.1:5000",
                &[
                    ("x-forwarded-for", "203.0.113.9"),
                    ("x-forwarded-for", "10.0.0.7")
                ]
            ),
            "203.0.113.9:0"
        );
    }

    #[test]
    fn anyone_elses_headers_are_ignored() {
        let trusted = proxies(&["127.0.0.1"]);
        let spoofed = [("x-forwarded-for", "203.0.113.9")];
        assert_eq!(
            client(&trusted, "198.51.100.1:6000", &spoofed),
            "198.51.100.1:6000"
        );
        // Without a header, or with one that names nothing, the proxy is the client.
        assert_eq!(client(&trusted, "127.0.0.1:5000", &[]), "127.0.0.1:5000");
        assert_eq!(
            client(&trusted, "127.0.0.1:5000", &[("x-forwarded-for", "")]),
            "127.0.0.1:5000"
        );
        // A hop that is no address stops the walk at the proxy that reported it.
        assert_eq!(
            client(
                &trusted,
                "127.0.0.1:5000",
                &[("x-forwarded-for", "203.0.113.9, unknown")]
            ),
            "127.0.0.1:5000"
        );
    }

    #[test]
    fn forwarded_is_read_without_x_forwarded_for() {
        let trusted = proxies(&["127.0.0.1"]);
        assert_eq!(
            client(
                &trusted,
                "127.0.0.1:5000",
                &[(
                    "forwarded",
                    r#"for=1.1.1.1, for="[2001:db8:cafe::17]:4711";proto=https"#
                )]
            ),
            "[2001:db8:cafe::17]:4711"
        );
        assert_eq!(
            client(
                &trusted,
                "127.0.0.1:5000",
                &[("forwarded", "For=192.0.2.60;proto=http;by=203.0.113.43")]
            ),
            "192.0.2.60:0"
        );
        // An element without `for=` says nothing of its hop.
        assert_eq!(
            client(
                &trusted,
                "127.0.0.1:5000",
                &[("forwarded", "for=192.0.2.60, proto=https")]
            ),
            "127.0.0.1:5000"
        );
        // `X-Forwarded-For` wins when both are sent.
        assert_eq!(
            client(
                &trusted,
                "127.0.0.1:5000",
                &[
                    ("forwarded", "for=192.0.2.60"),
                    ("x-forwarded-for", "203.0.113.9")
                ]
            ),
            "203.0.113.9:0"
        );
    }

    #[test]
    fn a_star_trusts_every_peer_and_takes_the_leftmost() {
        let trusted = proxies(&["*"]);
        assert_eq!(
            client(
                &trusted,
                "198.51.100.1:6000",
                &[("x-forwarded-for", "203.0.113.9, 10.0.0.7")]
            ),
            "203.0.113.9:0"
        );
    }
}
