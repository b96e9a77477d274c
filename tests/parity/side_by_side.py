"""The loop both checks share: each request sent to the Python app in process and to the
fastrs server at $FASTRS_BASE, their answers compared."""

import json
import os
import warnings

warnings.filterwarnings("ignore")

import httpx  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402


def compare(app, cases, answer, what: str, reference: str) -> int:
    """Sends `cases` (method, path, headers, body) to `app` and to fastrs, with the same Host;
    prints each difference of `answer(response)` and a summary; the number of differences."""
    python = TestClient(app, base_url="http://api.test", follow_redirects=False)
    fastrs = httpx.Client(base_url=os.environ["FASTRS_BASE"], follow_redirects=False, timeout=10)
    differences = 0
    for method, path, headers, body in cases:
        headers = {"host": "api.test", **headers}
        expected = answer(python.request(method, path, headers=headers, content=body))
        got = answer(fastrs.request(method, path, headers=headers, content=body))
        if expected != got:
            differences += 1
            print(f"DIFFERS {what}: {method} {path} {headers} {body!r}")
            print(f"  {reference}: {json.dumps(expected)}")
            print(f"  fastrs: {json.dumps(got)}")
    print(f"parity: {what}, {len(cases) - differences} of {len(cases)} answers as {reference}'s")
    return differences
