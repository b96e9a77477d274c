//! FastAPI's websocket tutorial, ported: the page, the echo at `/ws`, and the endpoint with a
//! path parameter, a query parameter and a cookie-or-token dependency. Served by
//! `bin/ws_tutorial.rs`, which `parity/ws_compare.py` compares on the wire with
//! `parity/ws_tutorial.py` under uvicorn, and tested in process by
//! `integration/websockets.rs`.

use fastrs::prelude::*;
use fastrs::response::Html;
use fastrs::websocket::close_code;

/// The tutorial's page.
#[get("/")]
pub async fn get() -> Html<&'static str> {
    Html(
        "<!DOCTYPE html><html><head><title>Chat</title></head><body><h1>WebSocket Chat</h1></body></html>",
    )
}

/// Echoes each text message.
#[websocket("/ws")]
pub async fn echo(mut ws: WebSocket) -> Result<(), WebSocketException> {
    loop {
        let data = ws.recv_text().await?;
        ws.send_text(format!("Message text was: {data}")).await?;
    }
}

/// The session cookie or the token of the query; refuses with 1008 when there is neither.
#[depends]
pub async fn get_cookie_or_token(
    #[cookie] session: Option<String>,
    #[query] token: Option<String>,
) -> Result<String, WebSocketException> {
    match (session, token) {
        (None, None) => Err(WebSocketException::new(close_code::POLICY_VIOLATION, "")),
        (Some(session), _) if !session.is_empty() => Ok(session),
        (session, token) => Ok(token.or(session).unwrap_or_default()),
    }
}

/// Answers each message with the token, `q` and the item.
#[websocket("/items/<item_id>/ws")]
pub async fn websocket_endpoint(
    mut ws: WebSocket,
    item_id: String,
    q: Option<i64>,
    cookie_or_token: Depends<get_cookie_or_token>,
) -> Result<(), WebSocketException> {
    loop {
        let data = ws.recv_text().await?;
        ws.send_text(format!(
            "Session cookie or query token value is: {}",
            *cookie_or_token
        ))
        .await?;
        if let Some(q) = q {
            ws.send_text(format!("Query parameter q is: {q}")).await?;
        }
        ws.send_text(format!("Message text was: {data}, for item ID: {item_id}"))
            .await?;
    }
}

/// The tutorial's app. Its routes are mounted by name: a program that uses this crate only
/// through this function links them in.
pub fn app() -> App {
    App::empty().mount(fastrs::routes![get, echo, websocket_endpoint])
}
