//! `TrustedHost` (Starlette's `TrustedHostMiddleware`; `tests/parity/hosts.py` compares the
//! two), and the server's own check of `Host` (RFC 9112 §3.2) on a real socket.

use fastrs::middleware::TrustedHost;
use fastrs::prelude::*;
use fastrs::testing::TestClient;

use crate::assert_answer;
use crate::socket::raw_request;

mod routes {
    use fastrs::prelude::*;

    #[get("/items")]
    pub async fn items() -> &'static str {
        "items"
    }
}

fn app() -> App {
    App::scoped(concat!(module_path!(), "::routes"))
}

#[tokio::test]
async fn only_the_allowed_hosts_are_served() {
    let c = TestClient::new(app().layer(TrustedHost::new([
        "example.com",
        "*.example.com",
        "www.shop.test",
    ])));
    let get = |host: &'static str| c.get("/items?x=1").header("host", host);
    assert_answer(&get("example.com").await, 200, "items");
    assert_answer(&get("EXAMPLE.COM:8000").await, 200, "items");
    assert_answer(&get("eu.example.com").await, 200, "items");
    let refused = get("evil.test").await;
    assert_answer(&refused, 400, "Invalid host header");
    assert_eq!(
        refused.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    // The wildcard is for subdomains: `badexample.com` does not end with `.example.com`.
    assert_eq!(get("badexample.com").await.status(), 400);
    assert_eq!(get("exa mple.com").await.status(), 400);
    // Only `www.shop.test` is allowed: `shop.test` is redirected there.
    let r = get("shop.test:8080").await;
    assert_eq!(r.status(), 307);
    assert_eq!(
        r.header("location"),
        Some("http://www.shop.test:8080/items?x=1")
    );
    let c = TestClient::new(app().layer(TrustedHost::new(["www.shop.test"]).www_redirect(false)));
    assert_eq!(
        c.get("/items").header("host", "shop.test").await.status(),
        400
    );
}

#[test]
fn a_misplaced_wildcard_stops_the_app() {
    for pattern in ["example.*", "*example.com"] {
        let error = app()
            .layer(TrustedHost::new([pattern]))
            .try_into_router()
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("domain wildcard patterns must be like '*.example.com'"),
            "{error}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_answers_400_without_exactly_one_host() {
    let (addr, server) = crate::socket::serve(app()).await;
    let answers = tokio::task::spawn_blocking(move || {
        [
            "GET /items HTTP/1.1\r\nConnection: close\r\n\r\n",
            "GET /items HTTP/1.1\r\nHost: a.test\r\nHost: b.test\r\nConnection: close\r\n\r\n",
            "GET /items HTTP/1.1\r\nHost: a.test\r\nConnection: close\r\n\r\n",
            // HTTP/1.0 has no `Host` to require.
            "GET /items HTTP/1.0\r\n\r\n",
        ]
        .map(|request| raw_request(addr, request))
    })
    .await
    .unwrap();
    let [missing, twice, one, old] = answers;
    for refused in [&missing, &twice] {
        assert!(
            refused.starts_with("HTTP/1.1 400 Bad Request\r\n"),
            "{refused}"
        );
        assert!(refused.contains("connection: close\r\n"), "{refused}");
        assert!(
            refused.ends_with(r#"{"detail":"Invalid host header"}"#),
            "{refused}"
        );
    }
    assert!(one.starts_with("HTTP/1.1 200 OK\r\n"), "{one}");
    assert!(old.starts_with("HTTP/1.0 200 OK\r\n"), "{old}");
    server.abort();
}
