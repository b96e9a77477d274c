//! FastAPI's websocket tutorial, ported: the page, the echo at `/ws`, and the endpoint with a
//! path parameter, a query parameter and a cookie-or-token dependency. Served on
//! `FASTRS_TEST_ADDR`; `tests/parity/ws_compare.py` compares it on the wire with
//! `tests/parity/ws_tutorial.py` under uvicorn.

use fastrs::prelude::*;
use fastrs::response::Html;
use fastrs::websocket::close_code;

#[get("/")]
async fn get() -> Html<&'static str> {
    Html(
        "<!DOCTYPE html><html><head><title>Chat</title></head><body><h1>WebSocket Chat</h1></body></html>",
    )
}

#[websocket("/ws")]
async fn echo(mut ws: WebSocket) -> Result<(), WebSocketException> {
    loop {
        let data = ws.recv_text().await?;
        ws.send_text(format!("Message text was: {data}")).await?;
    }
}

#[depends]
async fn get_cookie_or_token(
    #[cookie] session: Option<String>,
    #[query] token: Option<String>,
) -> Result<String, WebSocketException> {
    match (session, token) {
        (None, None) => Err(WebSocketException::new(close_code::POLICY_VIOLATION, "")),
        (Some(session), _) if !session.is_empty() => Ok(session),
        (session, token) => Ok(token.or(session).unwrap_or_default()),
    }
}

#[websocket("/items/<item_id>/ws")]
async fn websocket_endpoint(
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

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("FASTRS_TEST_ADDR").unwrap_or_else(|_| "127.0.0.1:8098".into());
    App::scoped(module_path!()).serve(addr).await
}
