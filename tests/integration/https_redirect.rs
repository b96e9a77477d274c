//! `HttpsRedirect` (Starlette's `HTTPSRedirectMiddleware`; `tests/parity/https.py` compares
//! the two behind uvicorn's proxy headers).

use fastrs::middleware::HttpsRedirect;
use fastrs::prelude::*;
use fastrs::testing::TestClient;

use crate::assert_answer;

mod routes {
    use fastrs::prelude::*;

    #[get("/items/<name>")]
    pub async fn item(name: String) -> String {
        name
    }
}

fn client(redirect: HttpsRedirect) -> TestClient {
    TestClient::new(App::scoped(concat!(module_path!(), "::routes")).layer(redirect))
}

#[tokio::test]
async fn plain_http_is_redirected_to_https() {
    let c = client(HttpsRedirect::new());
    let cases = [
        ("Shop.Test", "/items/a?x=1", "https://Shop.Test/items/a?x=1"),
        ("Shop.Test:80", "/items/a", "https://shop.test/items/a"),
        ("shop.test:443", "/items/a", "https://shop.test/items/a"),
        (
            "Shop.Test:8080",
            "/items/a",
            "https://Shop.Test:8080/items/a",
        ),
        ("[::1]:80", "/items/a", "https://[::1]/items/a"),
        // Escaped unreserved characters are decoded, as Starlette writes them; a `%2F` stays.
        (
            "shop.test",
            "/items/%7Ea%2Fb",
            "https://shop.test/items/~a%2Fb",
        ),
    ];
    for (host, path, location) in cases {
        let r = c.get(path).header("host", host).await;
        assert_answer(&r, 307, "");
        assert_eq!(r.header("location"), Some(location), "{host} {path}");
        assert_eq!(r.header("content-length"), Some("0"));
    }
    // Not behind a trusted proxy: the header is not believed.
    let r = c
        .get("/items/a")
        .header("host", "shop.test")
        .header("x-forwarded-proto", "https");
    assert_eq!(r.await.status(), 307);
}

#[tokio::test]
async fn behind_a_proxy_the_forwarded_scheme_decides() {
    let c = client(HttpsRedirect::new().trust_forwarded_proto(true));
    let get = |proto: &'static str| {
        c.get("/items/a")
            .header("host", "shop.test")
            .header("x-forwarded-proto", proto)
    };
    assert_answer(&get("https").await, 200, "a");
    assert_answer(&get("wss").await, 200, "a");
    let r = get("http").await;
    assert_eq!(r.header("location"), Some("https://shop.test/items/a"));
    // Unknown or differently cased values leave the scheme plain.
    assert_eq!(get("HTTPS").await.status(), 307);
    assert_eq!(get("ftp").await.status(), 307);
    // `ws` becomes `wss`.
    assert_eq!(
        get("ws").await.header("location"),
        Some("wss://shop.test/items/a")
    );
}

#[tokio::test]
async fn an_invalid_host_gets_400() {
    let c = client(HttpsRedirect::new());
    for host in ["shop.test:99999", "shop.test:", "exa mple.test", ""] {
        let r = c.get("/items/a").header("host", host).await;
        assert_answer(&r, 400, "Invalid host header");
        assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
    }
}
