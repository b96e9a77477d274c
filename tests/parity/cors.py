"""Sends the same CORS requests to Starlette's CORSMiddleware (around the twin app, in
process) and to fastrs's `Cors` (the parity server started with FASTRS_PARITY_CORS=$1 at
$FASTRS_BASE), and fails on any difference in status, body, content type, Vary or CORS header.

    FASTRS_BASE=http://127.0.0.1:8099 python cors.py basic
"""

import sys

from side_by_side import compare
from starlette.middleware.cors import CORSMiddleware
from twin import app

CONFIGS = {
    "basic": dict(
        allow_origins=["https://example.org"],
        allow_methods=["GET", "POST"],
        allow_headers=["X-Example", "Content-Type"],
        expose_headers=["X-Status"],
        allow_credentials=True,
    ),
    "wildcard": dict(
        allow_origins=["*"],
        allow_methods=["*"],
        allow_headers=["*"],
        expose_headers=["X-Status", "X-Other"],
    ),
    "regex": dict(allow_origin_regex=r"https://.*\.example\.org", allow_credentials=True),
    "private": dict(
        allow_origins=["https://example.org"], allow_private_network=True, max_age=60
    ),
}

ALLOWED = "https://example.org"
OTHER = "https://evil.test"
SUB = "https://shop.example.org"


def preflight(origin, method="GET", headers=None, private=False):
    h = {"origin": origin, "access-control-request-method": method}
    if headers is not None:
        h["access-control-request-headers"] = headers
    if private:
        h["access-control-request-private-network"] = "true"
    return ("OPTIONS", "/bounded", h, None)


CASES = [
    preflight(ALLOWED),
    preflight(OTHER),
    preflight(SUB),
    preflight("https://example.org.evil.test"),
    preflight(ALLOWED, "DELETE"),
    preflight(ALLOWED, "POST", "X-Example, Content-Type"),
    preflight(ALLOWED, "GET", "x-example,accept"),
    preflight(ALLOWED, "GET", "X-Unknown"),
    preflight(OTHER, "PATCH", "X-Unknown"),
    preflight(ALLOWED, "get"),
    preflight(ALLOWED, private=True),
    preflight(OTHER, private=True),
    ("OPTIONS", "/bounded", {"origin": ALLOWED}, None),
    ("GET", "/bounded?limit=5", {"origin": ALLOWED}, None),
    ("GET", "/bounded?limit=5", {"origin": OTHER}, None),
    ("GET", "/bounded?limit=5", {"origin": SUB}, None),
    ("GET", "/bounded?limit=5", {}, None),
    ("GET", "/bounded?limit=0", {"origin": ALLOWED}, None),
    ("GET", "/nothing", {"origin": ALLOWED}, None),
    ("POST", "/items", {"origin": ALLOWED, "content-type": "application/json"}, b'{"name":"a","price":1}'),
    ("DELETE", "/items", {"origin": ALLOWED}, None),
]

HEADERS = ("content-type", "vary")


def answer(response):
    headers = {
        k: v
        for k, v in response.headers.items()
        if k.lower() in HEADERS or k.lower().startswith("access-control-")
    }
    return response.status_code, response.text, dict(sorted(headers.items()))


def main(config: str) -> int:
    app.add_middleware(CORSMiddleware, **CONFIGS[config])
    return 1 if compare(app, CASES, answer, f"CORS `{config}`", "Starlette") else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
