"""FastAPI's websocket tutorial (docs/en/docs/advanced/websockets.md), whole: the page, the
echo at /ws, and the endpoint with a path parameter, a query parameter and a cookie-or-token
dependency. tests/ws_tutorial.rs is its fastrs port (served by tests/bin/ws_tutorial.rs); ws_compare.py compares them on the
wire, this one served by uvicorn."""

from typing import Annotated

from fastapi import (
    Cookie,
    Depends,
    FastAPI,
    Query,
    WebSocket,
    WebSocketException,
    status,
)
from fastapi.responses import HTMLResponse

app = FastAPI()

html = """<!DOCTYPE html><html><head><title>Chat</title></head><body><h1>WebSocket Chat</h1></body></html>"""


@app.get("/")
async def get():
    return HTMLResponse(html)


@app.websocket("/ws")
async def echo(websocket: WebSocket):
    await websocket.accept()
    while True:
        data = await websocket.receive_text()
        await websocket.send_text(f"Message text was: {data}")


async def get_cookie_or_token(
    websocket: WebSocket,
    session: Annotated[str | None, Cookie()] = None,
    token: Annotated[str | None, Query()] = None,
):
    if session is None and token is None:
        raise WebSocketException(code=status.WS_1008_POLICY_VIOLATION)
    return session or token


@app.websocket("/items/{item_id}/ws")
async def websocket_endpoint(
    *,
    websocket: WebSocket,
    item_id: str,
    q: int | None = None,
    cookie_or_token: Annotated[str, Depends(get_cookie_or_token)],
):
    await websocket.accept()
    while True:
        data = await websocket.receive_text()
        await websocket.send_text(
            f"Session cookie or query token value is: {cookie_or_token}"
        )
        if q is not None:
            await websocket.send_text(f"Query parameter q is: {q}")
        await websocket.send_text(f"Message text was: {data}, for item ID: {item_id}")
