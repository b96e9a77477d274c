//! The chat, in process: members of a room hear each other, a bad token or name is refused
//! before the handshake, an invalid message is told to its sender only.

use fastrs::serde_json::{Value, json};
use fastrs::testing::{TestClient, TestWebSocket};

async fn join(client: &TestClient, room: &str, name: &str) -> TestWebSocket {
    client
        .websocket(&format!("/ws/{room}?token=secret&name={name}"))
        .connect()
        .await
        .unwrap()
}

async fn next(ws: &mut TestWebSocket) -> Value {
    ws.recv_json().await.unwrap()
}

#[tokio::test]
async fn members_of_a_room_hear_each_other_and_no_one_else() {
    let client = TestClient::new(chat::app("secret"));
    let mut ana = join(&client, "lobby", "ana").await;
    assert_eq!(
        next(&mut ana).await,
        json!({"type": "joined", "room": "lobby", "name": "ana"})
    );
    let mut bo = join(&client, "lobby", "bo").await;
    let mut cy = join(&client, "kitchen", "cy").await;
    assert_eq!(next(&mut ana).await["name"], "bo");
    assert_eq!(next(&mut bo).await["name"], "bo");
    assert_eq!(next(&mut cy).await["name"], "cy");
    bo.send_json(&json!({"text": "hello"})).await;
    let said = json!({"type": "message", "room": "lobby", "name": "bo", "text": "hello"});
    assert_eq!(next(&mut ana).await, said);
    assert_eq!(next(&mut bo).await, said);
    let rooms: Value = client.get("/rooms").send().await.json();
    assert_eq!(
        rooms,
        json!([{"room": "kitchen", "members": 1}, {"room": "lobby", "members": 2}])
    );
    // Nothing reached the other room.
    cy.send_json(&json!({"text": "alone"})).await;
    assert_eq!(next(&mut cy).await["text"], "alone");
    bo.close(1000, "").await;
    assert_eq!(
        next(&mut ana).await,
        json!({"type": "left", "room": "lobby", "name": "bo"})
    );
}

#[tokio::test]
async fn a_bad_token_or_name_is_refused_before_the_handshake() {
    let client = TestClient::new(chat::app("secret"));
    let refused = client
        .websocket("/ws/lobby?token=wrong&name=ana")
        .connect()
        .await
        .unwrap_err();
    assert_eq!(refused.status(), 403);
    assert_eq!(
        (refused.close_code(), refused.close_reason()),
        (Some(1008), Some("invalid token"))
    );
    let refused = client
        .websocket("/ws/lobby?token=secret")
        .connect()
        .await
        .unwrap_err();
    assert_eq!(refused.close_code(), Some(1008));
    assert_eq!(
        serde_json::from_str::<Value>(refused.close_reason().unwrap()).unwrap(),
        json!([{"type": "missing", "loc": ["query", "name"], "msg": "Field required", "input": null}])
    );
}

#[tokio::test]
async fn an_invalid_message_is_told_to_its_sender_only() {
    let client = TestClient::new(chat::app("secret"));
    let mut ana = join(&client, "r", "ana").await;
    let _joined = next(&mut ana).await;
    ana.send_json(&json!({"text": ""})).await;
    let told = next(&mut ana).await;
    assert_eq!(told["type"], "error");
    assert_eq!(told["errors"][0]["type"], "string_too_short");
    // Still open.
    ana.send_json(&json!({"text": "ok"})).await;
    assert_eq!(next(&mut ana).await["text"], "ok");
}

#[tokio::test]
async fn the_page_is_served_and_the_websocket_is_not_documented() {
    let client = TestClient::new(chat::app("secret"));
    let page = client.get("/").send().await;
    assert_eq!(page.status(), 200);
    assert!(page.text().contains("new WebSocket("));
    let document: Value = client.get("/openapi.json").send().await.json();
    let paths: Vec<&String> = document["paths"].as_object().unwrap().keys().collect();
    assert_eq!(paths, ["/rooms"]);
}
