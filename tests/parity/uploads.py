"""Sends the same multipart and urlencoded bodies to FastAPI's UploadFile twins (twin.py, in
process) and to fastrs at $FASTRS_BASE, and fails on any difference in status or body.

    FASTRS_BASE=http://127.0.0.1:8099 python uploads.py
"""

import logging
import sys

from side_by_side import compare
from twin import app

# python-multipart logs each malformed body it refuses; the answers are what is compared.
logging.getLogger("python_multipart").setLevel(logging.CRITICAL)

B = "x7MA4YWxkTrZu0gW"
MULTIPART = {"content-type": f"multipart/form-data; boundary={B}"}
URLENCODED = {"content-type": "application/x-www-form-urlencoded"}


def part(disposition: str, content: bytes, content_type: str = None) -> bytes:
    head = f"--{B}\r\nContent-Disposition: {disposition}\r\n"
    if content_type:
        head += f"Content-Type: {content_type}\r\n"
    return head.encode() + b"\r\n" + content + b"\r\n"


def file(name: str, filename: str, content: bytes, content_type: str = "text/plain") -> bytes:
    return part(f'form-data; name="{name}"; filename="{filename}"', content, content_type)


def text(name: str, value: bytes) -> bytes:
    return part(f'form-data; name="{name}"', value)


def form(*parts: bytes) -> bytes:
    return b"".join(parts) + f"--{B}--\r\n".encode()


def post(path: str, body: bytes, headers: dict = MULTIPART) -> tuple:
    return ("POST", path, headers, body)


CASES = [
    # One file: its name, type, size and content.
    post("/up/file", form(file("file", "a.txt", b"hello"))),
    post("/up/file", form(file("file", "a.bin", b"\x00\x01\xff", content_type=None))),
    post("/up/file", form(file("file", "r\xc3\xa9sum\xc3\xa9.txt", b"utf-8 name"))),
    post("/up/file", form(part("form-data; name=\"file\"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt", b"x"))),
    post("/up/file", form(file("file", "", b"no name"))),
    post("/up/file", form(file("file", "big.txt", b"start" + b"y" * (1536 * 1024)))),
    post("/up/file", form(file("file", "a.txt", b"first"), file("file", "b.txt", b"last"))),
    # Missing, or a text in the file's place.
    post("/up/file", form()),
    post("/up/file", b""),
    post("/up/file", b"", {}),
    post("/up/file", b'{"file": 1}', {"content-type": "application/json"}),
    post("/up/file", form(text("file", b"text"))),
    post("/up/file", form(text("file", b""))),
    post("/up/file", b"file=text", URLENCODED),
    # Lists of files, with a field.
    post("/up/files", form(file("files", "a.txt", b"x"), text("note", b"n"), file("files", "b.txt", b"yy"))),
    post("/up/files", form(text("note", b"n"))),
    post("/up/files", form(text("note", b"n"), text("files", b"t"), file("files", "b", b"y"), text("files", b"u"))),
    post("/up/files", form(file("files", "a.txt", b"x"))),
    post("/up/files", form(file("files", "a.txt", b"x"), text("note", b"caf\xe9"))),
    # Optional.
    post("/up/maybe", b""),
    post("/up/maybe", form(text("file", b""), text("note", b""))),
    post("/up/maybe", form(file("file", "z.txt", b"z"), text("note", b"hi"))),
    post("/up/maybe", form(file("file", "", b""), text("note", b"x"))),
    post("/up/files", form(file("files", "", b""), file("files", "a", b"1"), text("note", b"n"))),
    post("/up/files", form(file("files", "", b""), text("note", b"n"))),
    # Starlette's limits, per route.
    post("/up/limited", form(file("files", "a", b"1"), file("files", "b", b"2"), file("files", "c", b"3"))),
    post("/up/limited", form(text("note", b"1"), text("note", b"2"), text("note", b"3"))),
    post("/up/limited", form(text("note", b"x" * 1025))),
    post("/up/limited", form(text("note", b"x" * 1024), file("files", "a", b"z" * 4096))),
    post("/up/limited", b"note=" + b"y" * 1020, URLENCODED),
    post("/up/limited", b"note=" + b"y" * 1021, URLENCODED),
    post("/up/limited", b"a=1&b=2&note=3", URLENCODED),
    post("/up/limited", b"a=1&note=2", URLENCODED),
    # Malformed bodies. (Two differ on purpose, see docs/files.md: fastrs skips a preamble before
    # the first boundary, as RFC 2046 says, and refuses a body cut before its closing boundary
    # with 400 where Starlette reads the parts it has; both are in tests/integration/uploads.rs.)
    post("/up/file", b"xx", {"content-type": "multipart/form-data"}),
    post("/up/file", b"xx", MULTIPART),
    post("/up/file", form(part('form-data; filename="a"', b"xx"))),
    # A file read by a dependency, beside a field of the route.
    post("/up/checked", form(file("file", "a.txt", b"x"), text("note", b"n"))),
    post("/up/checked", form(file("file", "a.png", b"x", "image/png"), text("note", b"n"))),
    post("/up/checked", form()),
    post("/up/checked", form(text("note", b"n"))),
    # Form fields from a multipart body, and from an urlencoded one.
    post("/up/form", form(text("username", b"ann"), text("tags", b"a"), text("tags", b"b"))),
    post("/up/form", b"username=ann+lee&tags=a&&tags=b&x", URLENCODED),
    post("/up/form", b"username=%C3%A9&tags=%zz", URLENCODED),
    post("/up/form", form(text("tags", b"a"))),
]


def answer(response) -> tuple:
    try:
        body = response.json()
    except ValueError:
        body = response.text
    return response.status_code, body


def main() -> int:
    return 1 if compare(app, CASES, answer, "uploads", "FastAPI") else 0


if __name__ == "__main__":
    sys.exit(main())
