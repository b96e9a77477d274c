//! `App::trusted_proxies`: behind a trusted proxy, the client is the one its `X-Forwarded-For`
//! names, for `ClientAddr` and for a route's rate limit; anyone else's header is ignored.

use std::net::SocketAddr;

use fastrs::ClientAddr;
use fastrs::prelude::*;
use fastrs::testing::TestClient;

#[get("/whoami")]
async fn whoami(client: ClientAddr) -> String {
    client
        .get()
        .map_or_else(|| "unknown".to_owned(), |addr| addr.to_string())
}

/// One attempt a minute per client.
#[post("/attempt", rate_limit = "1/minute")]
async fn attempt() -> &'static str {
    "ok"
}

fn app() -> App {
    App::empty()
        .trusted_proxies(["10.0.0.0/8", "127.0.0.1"])
        .mount(fastrs::routes![whoami, attempt])
}

const PROXY: &str = "10.1.2.3:40000";
const STRANGER: &str = "198.51.100.1:6000";

fn addr(text: &str) -> SocketAddr {
    text.parse().unwrap()
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_client_is_the_one_it_names() {
    let client = TestClient::new(app());
    let answer = client
        .get("/whoami")
        .client_addr(addr(PROXY))
        .header("x-forwarded-for", "1.1.1.1, 203.0.113.9")
        .send()
        .await;
    assert_eq!(answer.text(), "203.0.113.9:0");
    // Anyone else's header is ignored: the connection's address stands.
    let spoofed = client
        .get("/whoami")
        .client_addr(addr(STRANGER))
        .header("x-forwarded-for", "203.0.113.9")
        .send()
        .await;
    assert_eq!(spoofed.text(), STRANGER);
    // Without trusted proxies, nobody's header is read.
    let plain = TestClient::new(App::empty().mount(fastrs::routes![whoami]));
    let answer = plain
        .get("/whoami")
        .client_addr(addr(PROXY))
        .header("x-forwarded-for", "203.0.113.9")
        .send()
        .await;
    assert_eq!(answer.text(), PROXY);
}

#[tokio::test]
async fn a_routes_limit_counts_the_client_behind_the_proxy() {
    let client = TestClient::new(app());
    // An attempt through `peer`, whose `X-Forwarded-For` names `ip`.
    let attempt = |peer: &str, ip: &'static str| {
        client
            .post("/attempt")
            .client_addr(addr(peer))
            .header("x-forwarded-for", ip)
    };
    assert_eq!(attempt(PROXY, "203.0.113.9").send().await.status(), 200);
    // Another client behind the same proxy has its own count.
    assert_eq!(attempt(PROXY, "203.0.113.10").send().await.status(), 200);
    let refused = attempt(PROXY, "203.0.113.9").send().await;
    assert_eq!(refused.status(), 429);
    assert_eq!(
        refused.text(),
        r#"{"detail":"Rate limit exceeded: 1 per 1 minute"}"#
    );
    // A client reaching the app itself cannot escape its count with the header.
    assert_eq!(attempt(STRANGER, "192.0.2.1").send().await.status(), 200);
    assert_eq!(attempt(STRANGER, "192.0.2.2").send().await.status(), 429);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_socket_the_proxy_is_the_connection() {
    let (at, _server) = crate::socket::serve(app()).await;
    let ask = |headers: &'static str| {
        let request =
            format!("GET /whoami HTTP/1.1\r\nHost: x\r\n{headers}Connection: close\r\n\r\n");
        tokio::task::spawn_blocking(move || crate::socket::raw_request(at, &request))
    };
    // The test connects from 127.0.0.1, a trusted proxy.
    let named = ask("X-Forwarded-For: 203.0.113.9:4711\r\n").await.unwrap();
    assert!(named.ends_with("\r\n\r\n203.0.113.9:4711"), "{named}");
    let rfc = ask("Forwarded: for=\"[2001:db8::17]\";proto=https\r\n")
        .await
        .unwrap();
    assert!(rfc.ends_with("\r\n\r\n[2001:db8::17]:0"), "{rfc}");
    let none = ask("").await.unwrap();
    assert!(none.contains("\r\n\r\n127.0.0.1:"), "{none}");
}

#[test]
fn an_entry_that_is_no_address_stops_the_app() {
    let error = App::empty()
        .trusted_proxies(["10.0.0.0/8", "nginx"])
        .mount(fastrs::routes![whoami])
        .try_into_router()
        .unwrap_err()
        .to_string();
    assert!(
        error.contains(
            "`App::trusted_proxies`: `nginx` is not an IP address or network (such as `10.0.0.0/8`)"
        ),
        "{error}"
    );
}
