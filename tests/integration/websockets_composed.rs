//! WebSocket routes composed: under routers with their prefixes and dependencies, after the
//! app's; and the start-up checks of a `WebSocket` argument.

use fastrs::prelude::*;
use fastrs::testing::TestClient;

/// An app dependency.
#[depends]
fn app_level(#[header] x_app: String) -> String {
    x_app
}

/// A router dependency.
#[depends]
fn router_level(#[query] key: String) -> String {
    key
}

mod routed {
    use fastrs::prelude::*;

    #[websocket("/feed/<name>")]
    pub(crate) async fn feed(ws: WebSocket, name: String) -> Result<(), WebSocketException> {
        ws.send_text(format!("feed {name}")).await?;
        Ok(())
    }
}

#[tokio::test]
async fn router_prefixes_and_the_routers_and_apps_dependencies_apply() {
    let router = fastrs::Router::new()
        .prefix("/rooms")
        .dependency::<router_level>()
        .mount(fastrs::routes![routed::feed]);
    let app = App::empty().dependency::<app_level>().include(router);
    let client = TestClient::new(app);
    let refused = client
        .websocket("/rooms/feed/a")
        .connect()
        .await
        .unwrap_err();
    assert_eq!(refused.status(), 403);
    assert_eq!(
        serde_json::from_str::<Value>(refused.close_reason().unwrap()).unwrap(),
        json!([
            {"type": "missing", "loc": ["header", "x-app"], "msg": "Field required", "input": null},
            {"type": "missing", "loc": ["query", "key"], "msg": "Field required", "input": null}
        ])
    );
    let mut ws = client
        .websocket("/rooms/feed/a?key=k")
        .header("x-app", "1")
        .connect()
        .await
        .unwrap();
    assert_eq!(ws.recv_text().await.unwrap(), "feed a");
    assert_eq!(ws.closed().await.code, 1000);
    // Without its prefix, the path has no websocket route.
    let refused = client.websocket("/feed/a").connect().await.unwrap_err();
    assert_eq!(
        (refused.status().as_u16(), refused.close_code()),
        (403, None)
    );
}

mod misplaced {
    use fastrs::prelude::*;

    #[get("/takes-a-socket")]
    pub(crate) async fn takes_a_socket(_ws: WebSocket) -> &'static str {
        "never"
    }

    #[websocket("/no-socket")]
    pub(crate) async fn no_socket() {}
}

#[test]
fn a_websocket_argument_belongs_to_a_websocket_route() {
    let error = App::empty()
        .mount(fastrs::routes![misplaced::takes_a_socket])
        .try_into_router()
        .unwrap_err()
        .to_string();
    assert!(
        error.contains(
            "`takes_a_socket` (GET /takes-a-socket at tests/integration/websockets_composed.rs:"
        ) && error.ends_with("takes a `WebSocket`, which only a `#[websocket]` route has"),
        "{error}"
    );
    let error = App::empty()
        .mount(fastrs::routes![misplaced::no_socket])
        .try_into_router()
        .unwrap_err()
        .to_string();
    assert!(
        error.ends_with(
            "is a websocket route without a `WebSocket` argument; add one (`ws: WebSocket`)"
        ),
        "{error}"
    );
}

mod secured {
    use fastrs::prelude::*;
    use fastrs::security::{HttpBearer, HttpCredentials};

    #[websocket("/secure")]
    pub(crate) async fn secure(
        ws: WebSocket,
        credentials: Depends<HttpBearer>,
    ) -> Result<(), WebSocketException> {
        let HttpCredentials { credentials, .. } = credentials.into_inner();
        ws.send_text(credentials).await?;
        Ok(())
    }
}

#[tokio::test]
async fn a_security_scheme_answers_its_401_over_http_before_the_handshake() {
    let client = TestClient::new(App::empty().mount(fastrs::routes![secured::secure]));
    let refused = client.websocket("/secure").connect().await.unwrap_err();
    crate::assert_answer(refused.response(), 401, r#"{"detail":"Not authenticated"}"#);
    assert_eq!(
        refused.response().header("www-authenticate"),
        Some("Bearer")
    );
    let mut ws = client
        .websocket("/secure")
        .header("authorization", "Bearer sesame")
        .connect()
        .await
        .unwrap();
    assert_eq!(ws.recv_text().await.unwrap(), "sesame");
}

#[tokio::test]
async fn the_apps_middleware_lets_a_handshake_through() {
    use fastrs::middleware::{Cors, GZip};
    let app = App::empty()
        .mount(fastrs::routes![routed::feed])
        .layer(GZip::new())
        .layer(Cors::new().allow_origins(["https://chat.test"]));
    let client = TestClient::new(app);
    let mut ws = client
        .websocket("/feed/x")
        .header("origin", "https://chat.test")
        .header("accept-encoding", "gzip, deflate")
        .connect()
        .await
        .unwrap();
    assert_eq!(ws.response().status(), 101);
    assert_eq!(ws.response().header("content-encoding"), None);
    assert_eq!(ws.recv_text().await.unwrap(), "feed x");
    assert_eq!(ws.closed().await.code, 1000);
}
