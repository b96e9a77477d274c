"""Sends the same file, range, conditional and static requests to Starlette's FileResponse,
RedirectResponse and StaticFiles (twin.py, in process) and to fastrs at $FASTRS_BASE, and
fails on any difference in status, body or key header. Each server's own ETag and
Last-Modified are sent back to it; the multipart boundary and the redirect's host are
normalized.

    python files.py --make DIR                       # writes the fixture directory
    FASTRS_PARITY_FILES=DIR FASTRS_BASE=http://127.0.0.1:8099 python files.py
"""

import os
import re
import sys
import warnings

warnings.filterwarnings("ignore")

HEADERS = (
    "content-type",
    "content-length",
    "content-range",
    "content-disposition",
    "accept-ranges",
    "last-modified",
    "location",
    "allow",
)


def make(root: str) -> None:
    def write(path: str, content: bytes) -> None:
        path = os.path.join(root, path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content)

    write("public/hello.txt", b"0123456789abcdefghij")
    write("public/css/site.css", b"body { color: red }")
    write("public/data.json", b'{"a": 1}')
    write("public/empty.bin", b"")
    write("site/index.html", b"<h1>home</h1>")
    write("site/docs/index.html", b"<h1>docs</h1>")
    write("site/404.html", b"<h1>lost</h1>")
    write("secret.txt", b"top secret")


def get(path, headers=None):
    return lambda client, own: client.get(path, headers=headers or {})


def with_own(path, header, source, wrap=lambda v: v, extra=None):
    """A GET sending `header` with the server's own `source` header (ETag, Last-Modified)."""

    def send(client, own):
        value = client.get(path).headers[source]
        return client.get(path, headers={header: wrap(value), **(extra or {})})

    return send


CASES = [
    get("/file/hello.txt"),
    get("/file/data.json"),
    get("/file/hello.txt?as_name=report.txt"),
    get("/file/hello.txt?as_name=my%20r%C3%A9sum%C3%A9.txt"),
    # (HEAD on a GET route: FastAPI answers 405, fastrs serves it, as docs/responses.md says.)
    *[
        get("/file/hello.txt", {"range": r})
        for r in [
            "bytes=0-4",
            "bytes=-3",
            "bytes=18-",
            "bytes=2-100",
            "bytes=0-1, 1-2, 10-11",
            "bytes=0-0,5-5,19-",
            "bytes=20-",
            "bytes=-0",
            "bytes=5-2",
            "pages=1-2",
            "bytes",
            "bytes=x-y",
            "bytes=0-1,x",
        ]
    ],
    get("/file/empty.bin", {"range": "bytes=0-"}),
    with_own("/file/hello.txt", "if-range", "etag", extra={"range": "bytes=0-1"}),
    with_own("/file/hello.txt", "if-range", "last-modified", extra={"range": "bytes=0-1"}),
    with_own("/file/hello.txt", "if-range", "etag", lambda v: "W/" + v, {"range": "bytes=0-1"}),
    get("/file/hello.txt", {"range": "bytes=0-1", "if-range": '"other"'}),
    get("/go?to=/items%3Fq%3Da%20b"),
    # StaticFiles.
    get("/static/css/site.css"),
    get("/static/hello.txt", {"range": "bytes=2-3"}),
    lambda client, own: client.head("/static/hello.txt"),
    lambda client, own: client.post("/static/hello.txt"),
    lambda client, own: client.delete("/static/nothing"),
    get("/static/nothing.txt"),
    get("/static/css"),
    get("/static/css/"),
    with_own("/static/css/site.css", "if-none-match", "etag"),
    with_own("/static/css/site.css", "if-none-match", "etag", lambda v: f'"x", W/{v}'),
    with_own("/static/css/site.css", "if-modified-since", "last-modified"),
    with_own("/static/css/site.css", "if-modified-since", "last-modified", extra={"if-none-match": '"x"'}),
    get("/static/css/site.css", {"if-none-match": "*"}),
    get("/static/css/site.css", {"if-modified-since": "Thu, 01 Jan 1970 00:00:00 GMT"}),
    *[
        get(path)
        for path in [
            "/static/%2e%2e/secret.txt",
            "/static/..%2fsecret.txt",
            "/static/..%5csecret.txt",
            "/static/%2Fetc%2Fpasswd",
            "/static/css/../hello.txt",
            "/static/leak.txt",
        ]
    ],
    # A site.
    get("/site/"),
    get("/site/docs"),
    get("/site/docs?x=1"),
    get("/site/docs/"),
    get("/site/missing"),
    get("/site/missing", {"accept": "text/html"}),
]


def answer(response) -> tuple:
    headers = {h: response.headers[h] for h in HEADERS if h in response.headers}
    body = response.content
    boundary = re.search(r"boundary=(\w+)", headers.get("content-type", ""))
    if boundary:
        headers["content-type"] = headers["content-type"].replace(boundary.group(1), "B")
        body = body.replace(boundary.group(1).encode(), b"B")
    if "location" in headers:
        headers["location"] = headers["location"].removeprefix("http://api.test")
    headers["etag"] = "etag" in response.headers
    return response.status_code, body.decode("latin-1"), headers


def main() -> int:
    import httpx
    from fastapi.testclient import TestClient

    from twin import app

    python = TestClient(app, base_url="http://api.test", follow_redirects=False)
    fastrs = httpx.Client(
        base_url=os.environ["FASTRS_BASE"],
        headers={"host": "api.test"},
        follow_redirects=False,
        timeout=10,
    )
    differences = 0
    for i, case in enumerate(CASES):
        expected = answer(case(python, {}))
        got = answer(case(fastrs, {}))
        if expected != got:
            differences += 1
            print(f"DIFFERS files: case {i}")
            print(f"  Starlette: {expected}")
            print(f"  fastrs:    {got}")
    print(f"parity: files, {len(CASES) - differences} of {len(CASES)} answers as Starlette's")
    return 1 if differences else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--make"]:
        make(sys.argv[2])
        sys.exit(0)
    sys.exit(main())
