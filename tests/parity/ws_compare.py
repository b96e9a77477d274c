"""Compares FastAPI's websocket tutorial under uvicorn (ws_tutorial.py, at $FASTAPI_BASE) with
its fastrs port (tests/bin/ws_tutorial.rs, at $FASTRS_BASE) on the wire, with the `websockets`
client: the echo, each handshake refusal (status and body), a bad token, a bad and a missing
query parameter, and plain HTTP requests to a websocket path. Fails on any difference.

    FASTAPI_BASE=http://127.0.0.1:8097 FASTRS_BASE=http://127.0.0.1:8098 python ws_compare.py
"""

import asyncio
import os
import socket
import sys

import websockets
from websockets.exceptions import ConnectionClosed, InvalidStatus

HANDSHAKE = (
    "Upgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
)


async def talk(base: str, path: str, messages: list, replies: int, headers=None):
    """Opens `path`, sends each message and reads `replies` answers to each: what was heard,
    or the refusal's status and body."""
    url = "ws" + base[len("http"):] + path
    try:
        async with websockets.connect(url, additional_headers=headers or {}) as ws:
            heard = []
            for message in messages:
                await ws.send(message)
                for _ in range(replies):
                    heard.append(await asyncio.wait_for(ws.recv(), 5))
            return ("open", heard)
    except InvalidStatus as refused:
        return ("refused", refused.response.status_code, refused.response.body)
    except ConnectionClosed as closed:
        return ("closed", closed.rcvd.code if closed.rcvd else None)


def raw(base: str, request: str):
    """Sends `request` as written: the status line, the content type and the body."""
    host, port = base[len("http://"):].split(":")
    with socket.create_connection((host, int(port))) as s:
        s.sendall(request.encode())
        s.settimeout(5)
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    content_type = next(
        (l.split(":", 1)[1].strip() for l in lines[1:] if l.lower().startswith("content-type:")),
        None,
    )
    # The reason phrase is the server's own wording (uvicorn's h11 and hyper differ in case).
    return (lines[0].split(" ")[1], content_type, body.decode())


WS_CASES = [
    ("the echo", "/ws", ["hi", "there"], 1, None),
    ("the tutorial with a token and q", "/items/foo/ws?token=abc&q=3", ["hi"], 3, None),
    ("the tutorial with a session cookie", "/items/foo/ws", ["a"], 2, {"Cookie": "session=xyz"}),
    ("a token in the query and a cookie", "/items/bar/ws?token=t", ["b"], 2, {"Cookie": "session=s"}),
    ("no token", "/items/foo/ws", ["x"], 1, None),
    ("no token, q given", "/items/foo/ws?q=1", ["x"], 1, None),
    ("q is not an integer", "/items/foo/ws?token=abc&q=x", ["x"], 1, None),
    ("q is empty", "/items/foo/ws?token=abc&q=", ["x"], 2, None),
    ("a handshake to an unknown path", "/nowhere", ["x"], 1, None),
    ("a handshake to an HTTP path", "/", ["x"], 1, None),
    ("a handshake to a path with a trailing slash", "/ws/", ["x"], 1, None),
]

RAW_CASES = [
    ("a plain GET to a websocket path", "GET /ws HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    ("a POST to a websocket path", "POST /ws HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    ("a GET with Upgrade but no Connection: upgrade", "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: close\r\n\r\n"),
    ("a handshake of another version", f"GET /ws HTTP/1.1\r\nHost: x\r\n{HANDSHAKE.replace('Version: 13', 'Version: 8')}\r\n"),
    ("a handshake without a key", "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n"),
    ("a handshake to an unknown path, raw", f"GET /nowhere HTTP/1.1\r\nHost: x\r\n{HANDSHAKE}\r\n"),
    ("a refused handshake, raw", f"GET /items/foo/ws HTTP/1.1\r\nHost: x\r\n{HANDSHAKE}\r\n"),
]


async def main() -> int:
    fastapi, fastrs = os.environ["FASTAPI_BASE"], os.environ["FASTRS_BASE"]
    failures = 0
    for name, path, messages, replies, headers in WS_CASES:
        theirs = await talk(fastapi, path, messages, replies, headers)
        ours = await talk(fastrs, path, messages, replies, headers)
        if theirs != ours:
            failures += 1
            print(f"DIFFERENT: {name} ({path})\n  FastAPI: {theirs!r}\n  fastrs:  {ours!r}")
    for name, request in RAW_CASES:
        theirs, ours = raw(fastapi, request), raw(fastrs, request)
        if theirs != ours:
            failures += 1
            print(f"DIFFERENT: {name}\n  FastAPI: {theirs!r}\n  fastrs:  {ours!r}")
    total = len(WS_CASES) + len(RAW_CASES)
    print(f"parity: websockets {total - failures}/{total} answers equal to FastAPI's on uvicorn")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
