"""Sends the same requests to Starlette's GZipMiddleware (around the twin app, in process) and
to fastrs's `GZip` (the parity server started with FASTRS_PARITY_GZIP=$1 at $FASTRS_BASE), and
fails on any difference in status, body (decompressed), Content-Encoding, Content-Type or Vary,
or in whether Content-Length is present and counts the bytes sent.

    FASTRS_BASE=http://127.0.0.1:8099 python gzipped.py default
"""

import sys

from side_by_side import compare
from starlette.middleware.gzip import GZipMiddleware
from twin import app

CONFIGS = {
    "default": dict(),
    "small": dict(minimum_size=10, compresslevel=1),
}

ENCODINGS = [
    {"accept-encoding": "gzip"},
    {"accept-encoding": "gzip, deflate, br"},
    {"accept-encoding": "br"},
    {"accept-encoding": "GZIP"},
    {"accept-encoding": "identity"},
]

PATHS = [
    "/gzip/text/9",
    "/gzip/text/10",
    "/gzip/text/499",
    "/gzip/text/500",
    "/gzip/text/4000",
    "/gzip/text/200000",
    "/gzip/json/600",
    "/gzip/with/png/600",
    "/gzip/with/svg/600",
    "/gzip/with/encoded/600",
    "/gzip/with/vary/600",
    "/gzip/with/vary/20",
    "/gzip/with/partial/600",
    "/gzip/stream/3/100",
    "/gzip/stream/1/5",
    "/gzip/stream/0/5",
    "/gzip/stream/40/1000",
    "/nothing",
    "/bounded?limit=0",
]

CASES = [("GET", path, headers, None) for path in PATHS for headers in ENCODINGS]


def answer(response):
    headers = {
        k: v
        for k, v in response.headers.items()
        if k.lower() in ("content-encoding", "content-type", "vary")
    }
    # The compressed bytes differ between zlib and flate2; their count must be the header's.
    length = response.headers.get("content-length")
    sent = None if length is None else int(length) == response.num_bytes_downloaded
    return response.status_code, response.text, dict(sorted(headers.items())), sent


def main(config: str) -> int:
    app.add_middleware(GZipMiddleware, **CONFIGS[config])
    return 1 if compare(app, CASES, answer, f"GZip `{config}`", "Starlette") else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
