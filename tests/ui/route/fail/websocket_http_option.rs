use fastrs::prelude::*;

#[websocket("/ws", status = 201)]
async fn ws(ws: WebSocket) -> Result<(), WebSocketException> {
    ws.send_text("hi").await?;
    Ok(())
}

fn main() {}
