"""Sends the same requests to Starlette's TrustedHostMiddleware (around the twin app, in
process) and to fastrs's `TrustedHost` (the parity server started with
FASTRS_PARITY_HOSTS=$1 at $FASTRS_BASE), and fails on any difference in status, body,
content type or Location.

    FASTRS_BASE=http://127.0.0.1:8099 python hosts.py example.com,*.example.com
"""

import sys

from side_by_side import compare
from starlette.middleware.trustedhost import TrustedHostMiddleware
from twin import app

HOSTS = [
    "example.com",
    "EXAMPLE.com:8000",
    "a.example.com",
    "a.b.example.com",
    "badexample.com",
    "shop.test",
    "shop.test:8080",
    "www.shop.test",
    "evil.test",
    "exa mple.com",
    "example.com:",
    "example.com:x",
    "[::1]:8000",
    "[zz]",
]

CASES = [("GET", "/bounded?limit=5", {"host": host}, None) for host in HOSTS]


def answer(response):
    headers = {
        k: v for k, v in response.headers.items() if k.lower() in ("content-type", "location")
    }
    return response.status_code, response.text, dict(sorted(headers.items()))


def main(hosts: str) -> int:
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts.split(","))
    return 1 if compare(app, CASES, answer, f"TrustedHost `{hosts}`", "Starlette") else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
