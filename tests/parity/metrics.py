"""Sends the requests of compare.py, and a few more, to FastAPI's twin instrumented by
prometheus-fastapi-instrumentator (in process) and to the fastrs twin with `App::metrics`
(the parity server started with FASTRS_PARITY_METRICS=1 at $FASTRS_BASE, and sent nothing
before), then compares their `/metrics`, parsed: the `http_*` families with their HELP and
TYPE, every series with its labels, and every count. Durations differ between the two servers:
a duration histogram's buckets from 1 second up, its count and its `+Inf` bucket are compared,
its sum only for being there.

    FASTRS_BASE=http://127.0.0.1:8099 python metrics.py
"""

import os
import re
import sys

# prometheus_client adds a `_created` series to every counter, histogram and summary: an
# OpenMetrics series, which the Prometheus text format and the dashboards do without; fastrs
# writes none.
os.environ["PROMETHEUS_DISABLE_CREATED_SERIES"] = "True"

import httpx  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from prometheus_fastapi_instrumentator import Instrumentator  # noqa: E402

from compare import CASES, JSON  # noqa: E402
from twin import app  # noqa: E402

# Beyond compare.py's: HEAD on a path that is not found, a path redirected to its slashless
# form, an extension method, request bodies (their sizes counted). Not a HEAD on a GET route:
# FastAPI's routes refuse it (405), fastrs's serve it as axum and Starlette's own routes do.
EXTRA = [
    ("HEAD", "/nothing", {}, None),
    ("GET", "/bounded/?limit=5", {}, None),
    ("PURGE", "/bounded", {}, None),
    ("POST", "/nothing", JSON, b'{"a":1}'),
    ("PUT", "/items", JSON, b'{"name":"a","price":1}'),
]

SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$")
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')
DURATIONS = ("http_request_duration_seconds", "http_request_duration_highr_seconds")


def parse(text: str):
    """The `http_*` families of a Prometheus text exposition: {name: (help, type)}, and
    {(sample name, labels): value}."""
    families, samples = {}, {}
    for line in text.splitlines():
        if line.startswith("# HELP ") or line.startswith("# TYPE "):
            _, kind, name, rest = (line.split(" ", 3) + [""])[:4]
            if name.startswith("http_"):
                help_, type_ = families.get(name, (None, None))
                families[name] = (rest, type_) if kind == "HELP" else (help_, rest)
            continue
        if not line or line.startswith("#"):
            continue
        match = SAMPLE.match(line)
        if match is None:
            raise ValueError(f"not a sample: {line!r}")
        name, labels, value = match.groups()
        if name.startswith("http_"):
            key = (name, tuple(sorted(LABEL.findall(labels or ""))))
            samples[key] = float(value)
    return families, samples


def comparable(key, value):
    """What of a sample must be the same on both servers: its value, unless it measures time."""
    name, labels = key
    if not name.startswith(DURATIONS):
        return value
    if name.endswith("_sum"):
        return "a sum"
    if name.endswith("_bucket"):
        le = dict(labels)["le"]
        if le != "+Inf" and float(le) < 1.0:
            return "a bucket under a second"
    return value


def main() -> int:
    Instrumentator(should_instrument_requests_inprogress=True).instrument(app).expose(
        app, include_in_schema=False
    )
    python = TestClient(app, base_url="http://api.test", follow_redirects=False)
    fastrs = httpx.Client(base_url=os.environ["FASTRS_BASE"], follow_redirects=False, timeout=10)
    cases = CASES + EXTRA
    for method, path, headers, body in cases:
        headers = {"host": "api.test", **headers}
        python.request(method, path, headers=headers, content=body)
        fastrs.request(method, path, headers=headers, content=body)
    expected_page = python.get("/metrics")
    got_page = fastrs.get("/metrics")
    differences = 0
    for page, who in ((expected_page, "FastAPI"), (got_page, "fastrs")):
        if page.status_code != 200 or not page.headers["content-type"].startswith("text/plain; version="):
            print(f"DIFFERS /metrics of {who}: {page.status_code} {page.headers['content-type']}")
            differences += 1
    expected_families, expected = parse(expected_page.text)
    got_families, got = parse(got_page.text)
    for name in sorted(set(expected_families) | set(got_families)):
        if expected_families.get(name) != got_families.get(name):
            differences += 1
            print(f"DIFFERS family {name}:")
            print(f"  instrumentator: {expected_families.get(name)}")
            print(f"  fastrs:         {got_families.get(name)}")
    for key in sorted(set(expected) | set(got)):
        want = comparable(key, expected[key]) if key in expected else "absent"
        have = comparable(key, got[key]) if key in got else "absent"
        if want != have:
            differences += 1
            name, labels = key
            print(f"DIFFERS {name}{{{','.join(f'{k}={v!r}' for k, v in labels)}}}:")
            print(f"  instrumentator: {want}")
            print(f"  fastrs:         {have}")
    total = sum(v for (name, _), v in got.items() if name == "http_requests_total")
    same = sum(
        1 for key, value in expected.items()
        if key in got and comparable(key, value) == comparable(key, got[key])
    )
    print(
        f"parity: /metrics after {len(cases)} requests: {same} of prometheus-fastapi-instrumentator's"
        f" {len(expected)} series the same in fastrs's {len(got)}, in {len(expected_families)}"
        f" families; {total:.0f} requests counted"
    )
    if total != len(cases):
        print(f"DIFFERS: fastrs counted {total:.0f} requests, {len(cases)} were sent")
        differences += 1
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
