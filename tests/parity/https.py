"""Sends the same requests to Starlette's HTTPSRedirectMiddleware (behind uvicorn's
ProxyHeadersMiddleware, around the twin app, in process) and to fastrs's `HttpsRedirect` with
`trust_forwarded_proto(true)` (the parity server started with FASTRS_PARITY_HTTPS=1 at
$FASTRS_BASE), and fails on any difference in status, body, Location or Content-Type.

    FASTRS_BASE=http://127.0.0.1:8099 python https.py
"""

import sys

from side_by_side import compare
from starlette.middleware.httpsredirect import HTTPSRedirectMiddleware
from twin import app
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

HOSTS = ["api.test", "api.test:80", "API.Test:443", "api.test:8080", "API.test:8443", "[::1]:8080"]
PATHS = ["/bounded?limit=5", "/nothing", "/files/a/b?x=1&y=%20z", "/%7Euser/%41%20b"]
PROTOS = [None, "http", "https", "HTTPS", "wss", "ws", "ftp"]


def case(host, path, proto):
    headers = {"host": host}
    if proto is not None:
        headers["x-forwarded-proto"] = proto
    return ("GET", path, headers, None)


CASES = [case(host, path, None) for host in HOSTS for path in PATHS] + [
    case(host, "/bounded?limit=5", proto) for host in HOSTS[:4] for proto in PROTOS
]


def answer(response):
    headers = {
        k: v for k, v in response.headers.items() if k.lower() in ("content-type", "location")
    }
    return response.status_code, response.text, dict(sorted(headers.items()))


def main() -> int:
    app.add_middleware(HTTPSRedirectMiddleware)
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts="*")
    return 1 if compare(app, CASES, answer, "HttpsRedirect", "Starlette") else 0


if __name__ == "__main__":
    sys.exit(main())
