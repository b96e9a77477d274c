"""Sends the same requests to FastAPI (twin.py, in process) and to the fastrs twin at
$FASTRS_BASE, and fails on any difference in status, body or the headers that carry meaning.

    FASTRS_BASE=http://127.0.0.1:8099 python compare.py
"""

import base64
import sys

from side_by_side import compare
from twin import app

JSON = {"content-type": "application/json"}
HEADERS = (
    "www-authenticate",
    "location",
    "content-type",
    "x-kept",
    "cache-control",
    "x-accel-buffering",
)


def basic(credentials: str) -> dict:
    return {"authorization": f"Basic {credentials}"}


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


# (method, path, headers, body): every answer must be the same from both.
CASES = [
    # 1. Declared bounds win over the type's range.
    ("GET", "/bounded?limit=50", {}, None),
    ("GET", "/bounded?limit=-1", {}, None),
    ("GET", "/bounded?limit=0", {}, None),
    ("GET", "/bounded?limit=5000000000", {}, None),
    ("GET", "/bounded?limit=99999999999999999999", {}, None),
    ("GET", "/bounded?limit=" + "9" * 60, {}, None),
    ("GET", "/bounded64?offset=99999999999999999999", {}, None),
    ("GET", "/bounded64?offset=-99999999999999999999", {}, None),
    ("GET", "/scalars?i=99999999999", {}, None),
    ("GET", "/scalars?i=abc&f=x&b=maybe&color=blue", {}, None),
    ("GET", "/scalars?i=5.0&f=1_000.5&b=YES&color=red", {}, None),
    ("POST", "/page", JSON, b'{"p":{"limit":5000000000},"size":5000000000}'),
    ("POST", "/page", JSON, b'{"p":{"limit":-1},"size":-1}'),
    # 2. Big integers echoed exactly.
    ("POST", "/projects", JSON, b'{"project_id":99999999999999999999}'),
    ("POST", "/projects", JSON, b'{"project_id":-99999999999999999999}'),
    ("POST", "/projects", JSON, b'{"project_id":1e20}'),
    ("POST", "/projects", JSON, b'{"project_id":12.5}'),
    ("POST", "/projects", JSON, b'{"project_id":"99999999999999999999"}'),
    ("POST", "/projects", JSON, b'{"project_id":1e19}'),
    ("POST", "/projects", JSON, b'{"project_id":9.2e18}'),
    ("POST", "/projects", JSON, b'{"project_id":-9.3e18}'),
    ("POST", "/projects", JSON, b'{"project_id": 99999999999999999999 }'),
    ("POST", "/several", JSON, b'{"item":{"name":"a","price":1},"importance":99999999999999999999}'),
    ("POST", "/page", JSON, b'{"p":{"limit":99999999999999999999},"size":1}'),
    # 3. Several body parameters, body not an object.
    ("POST", "/several", JSON, b"[1]"),
    ("POST", "/several", JSON, b'"text"'),
    ("POST", "/several", JSON, b"5"),
    ("POST", "/several", JSON, b"null"),
    ("POST", "/several", JSON, b"plain"),
    ("POST", "/several", JSON, b""),
    ("POST", "/defaulted", JSON, b"[1]"),
    ("POST", "/defaulted", JSON, b'{"item":{"name":"a","price":1}}'),
    ("POST", "/defaulted", {}, b'{"item":{"name":"a","price":1}}'),
    ("POST", "/defaulted", {"content-type": "text/plain"}, b"{}"),
    # 4. Explicit null.
    ("POST", "/items", JSON, b"null"),
    ("POST", "/several", JSON, b'{"item":null,"importance":1}'),
    ("POST", "/several", JSON, b'{"item":{"name":"a","price":1},"importance":null}'),
    ("POST", "/defaulted", JSON, b'{"item":{"name":"a","price":1},"importance":null}'),
    ("POST", "/optional", JSON, b"null"),
    ("POST", "/optional", JSON, b""),
    ("POST", "/optional", JSON, b'{"name":"a","price":2}'),
    ("POST", "/count", JSON, b"null"),
    ("POST", "/count", JSON, b'"7"'),
    # 5. garde errors in declaration order.
    ("POST", "/rules", JSON, b'{"zeta":"a","alpha":"b","mid":"c"}'),
    ("POST", "/rules", JSON, b'{"mid":"c","alpha":"abc"}'),
    # Patterns: a parameter's (searched, after the length), and a model's, alone (garde's)
    # and beside a type error (the walk's).
    ("GET", "/worded?word=abc", {}, None),
    ("GET", "/worded?word=ABC", {}, None),
    ("GET", "/worded?word=ab%20c", {}, None),
    ("GET", "/worded?word=ABCDEFG", {}, None),
    ("POST", "/coded", JSON, b'{"code":"ABC","count":1}'),
    ("POST", "/coded", JSON, b'{"code":"abc","count":1}'),
    ("POST", "/coded", JSON, b'{"code":"abc","count":"x"}'),
    ("POST", "/coded", JSON, b'{"code":5,"count":"x"}'),
    # 6. Strict Content-Type.
    ("POST", "/items", {}, b'{"name":"a","price":1}'),
    ("POST", "/items", {"content-type": "text/plain"}, b'{"name":"a","price":1}'),
    ("POST", "/items", {"content-type": "application/vnd.api+json"}, b'{"name":"a","price":1}'),
    ("POST", "/count", {}, b"5"),
    ("POST", "/count", {}, b"five"),
    ("POST", "/items", {}, b""),
    # 7. HTTP Basic and Bearer.
    ("GET", "/basic", {}, None),
    ("GET", "/basic", basic("!!!"), None),
    ("GET", "/basic", basic(b64("nocolon")), None),
    ("GET", "/basic", basic(base64.b64encode("ann:sé".encode()).decode()), None),
    ("GET", "/basic", basic("YW5uOnM"), None),
    ("GET", "/basic", basic("YW5u!OnNl"), None),
    ("GET", "/basic", basic(b64("ann:se:cret")), None),
    ("GET", "/basic", {"authorization": "Basic"}, None),
    ("GET", "/basic", {"authorization": "Bearer abc"}, None),
    ("GET", "/bearer", {"authorization": "Basic abc"}, None),
    ("GET", "/bearer", {"authorization": "Bearer"}, None),
    ("GET", "/bearer", {"authorization": "bearer tok"}, None),
    # 8. Literal values.
    ("GET", "/sorted", {}, None),
    ("GET", "/sorted?order_by=updated_at", {}, None),
    ("GET", "/sorted?order_by=x", {}, None),
    # 9. inf and nan.
    *[
        ("POST", "/measure", JSON, b'{"value":%s}' % v)
        for v in [b'"inf"', b'"Infinity"', b'"-inf"', b'"nan"', b'"NAN"', b'"1.5"', b'"infinite"']
    ],
    # 10. BOM, the empty rest of a path, the documents' trailing slash.
    ("POST", "/items", JSON, b'\xef\xbb\xbf{"name":"a","price":1}'),
    ("GET", "/files/", {}, None),
    ("GET", "/files/a/b.txt", {}, None),
    ("GET", "/docs/", {}, None),
    ("GET", "/redoc/", {}, None),
    ("GET", "/openapi.json/", {}, None),
    # 11. Response-model filters, on FastAPI's tutorial store.
    *[
        ("GET", f"/store/{kind}/{item}", {}, None)
        for kind in ["unset", "defaults", "none", "include", "exclude"]
        for item in ["foo", "bar", "baz", "nothing"]
    ],
    ("GET", "/store/all", {}, None),
    ("POST", "/store/echo", JSON, b'{"name":"Echo","price":1,"tags":["a"]}'),
    ("POST", "/store/echo", JSON, b'{"name":"Echo","price":1,"tax":10.5,"description":null}'),
    # Headers and cookies.
    ("GET", "/headers", {"x-ids": "1"}, None),
    ("GET", "/headers", {}, None),
    ("GET", "/headers", {"x-ids": "x", "x-token": "t", "cookie": "session=s"}, None),
    # FastAPI's tutorial exception, raised by a route and by a dependency, and its handler.
    ("GET", "/unicorns/yolo", {}, None),
    ("GET", "/unicorns/ana", {}, None),
    ("GET", "/ride?rider=nobody", {}, None),
    ("GET", "/ride?rider=ana", {}, None),
    ("GET", "/ride", {}, None),
    # An HTTPException keeps its headers; no body below 200, nor for 204, 205 and 304.
    *[("GET", f"/raise/{code}", {}, None) for code in (204, 205, 304, 400, 404, 418, 503)],
    # Streams: JSON Lines, Server-Sent Events (with Last-Event-ID), text.
    ("GET", "/stream/jsonl", {}, None),
    ("GET", "/stream/sse", {}, None),
    ("GET", "/stream/sse", {"last-event-id": "6"}, None),
    ("GET", "/stream/sse", {"last-event-id": "x"}, None),
    ("GET", "/stream/sse-items", {}, None),
    ("GET", "/stream/text", {}, None),
    # Not found, method not allowed.
    ("GET", "/nothing", {}, None),
    ("DELETE", "/items", {}, None),
]


def answer(response) -> tuple:
    try:
        body = response.json()
    except ValueError:
        body = response.text
    headers = {h: response.headers.get(h) for h in HEADERS if h in response.headers}
    # A redirect's host is the request's: the same Host is sent to both.
    return response.status_code, body, headers


def main() -> int:
    return 1 if compare(app, CASES, answer, "FastAPI's twin", "FastAPI") else 0


if __name__ == "__main__":
    sys.exit(main())
