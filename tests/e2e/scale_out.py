"""The todo app scaled out, under load: the deploy/local.sh stack (nginx, three instances,
PostgreSQL, Redis) already running, this drives it and checks what a deployment promises.

1. Load: REQUESTS requests through nginx from THREADS threads, a quarter of them writes
   (POST /todos, each from one of 200 client addresses named in X-Forwarded-For, so that no
   client nears its write limit), the rest reads. At 40% of them, instance 2 is killed with
   SIGKILL; two seconds later it is started again. Only the POSTs in flight on it may fail
   (nginx resends the idempotent requests, never a POST): every other request must succeed.
2. Every acknowledged write (201) is in PostgreSQL afterwards, with its title.
3. The write limit (100 a minute per client) holds across the three instances, because the
   count lives in Redis: 150 writes of one new client, spread by nginx over the instances,
   give 100 201s (within 1%) and 429s for the rest.
4. The instances' /metrics add up to the requests sent: K requests through nginx move the sum
   of their http_requests_total by K, plus the three scrapes of the first reading.

It prints the figures, and exits non-zero on the first promise broken.
"""

import http.client
import os
import re
import subprocess
import sys
import threading
import time

PORT = int(os.environ["DEPLOY_PORT"])
PG_PORT = int(os.environ["DEPLOY_PG_PORT"])
REQUESTS = int(os.environ.get("SCALE_OUT_REQUESTS", "24000"))
THREADS = int(os.environ.get("SCALE_OUT_THREADS", "16"))
LIMIT = 100


def fail(message):
    print(f"scale-out: FAILED: {message}", flush=True)
    sys.exit(1)


class Client:
    """One keep-alive connection to nginx, opened again when it breaks."""

    def __init__(self, port=PORT):
        self.port = port
        self.connection = None

    def request(self, method, path, body=None, forwarded=None):
        headers = {"content-type": "application/json"} if body is not None else {}
        if forwarded:
            headers["x-forwarded-for"] = forwarded
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                return response.status, response.read()
            except (ConnectionError, http.client.HTTPException, OSError):
                # nginx closed the keep-alive connection between two requests: open another
                # and send again (nothing was received by nginx).
                self.connection.close()
                self.connection = None
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")


def deploy(*args):
    subprocess.run(["deploy/local.sh", *args], check=True)


def load():
    """Phase 1: the mixed load, with instance 2 killed and restarted in its middle."""
    status, body = Client().request("POST", "/projects", b'{"name": "load"}', "198.51.100.1")
    if status != 201:
        fail(f"creating the project answered {status} {body!r}")
    project = int(re.search(rb'"id":(\d+)', body).group(1))

    counter = iter(range(REQUESTS))
    lock = threading.Lock()
    acknowledged = []  # (id, title) of every 201
    failures = []  # (method, path, status)
    statuses = {}
    kill_at = int(REQUESTS * 0.4)
    killed = threading.Event()
    killers = []

    def killer():
        deploy("kill", "2")
        killed.set()
        time.sleep(2)
        deploy("restart", "2")

    def worker(thread):
        client = Client()
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            if n == kill_at:
                kill = threading.Thread(target=killer)
                killers.append(kill)
                kill.start()
            if n % 4 == 0:
                title = f"load {n}"
                body = f'{{"project_id": {project}, "title": "{title}"}}'.encode()
                method, path = "POST", "/todos"
                status, answer = client.request(
                    method, path, body, f"203.0.113.{n // 4 % 200 + 1}"
                )
                if status == 201:
                    todo = int(re.search(rb'"id":(\d+)', answer).group(1))
                    with lock:
                        acknowledged.append((todo, title))
            else:
                method, path = ("GET", "/todos?limit=5") if n % 4 != 3 else ("GET", f"/projects/{project}")
                status, _ = client.request(method, path)
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if status not in (200, 201):
                    failures.append((method, path, status))

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    for kill in killers:
        kill.join()
    if not killed.is_set():
        fail("instance 2 was never killed")
    print(
        f"scale-out: load: {REQUESTS} requests ({REQUESTS // 4} writes) from {THREADS} threads "
        f"in {elapsed:.1f} s ({REQUESTS / elapsed:.0f}/s), statuses {dict(sorted(statuses.items()))}; "
        f"instance 2 killed with SIGKILL at request {kill_at} and restarted 2 s later",
        flush=True,
    )
    print(f"scale-out: load: {len(failures)} failed: {failures}", flush=True)
    # Only the POSTs in flight on the killed instance may fail: at most one per thread.
    if any(method != "POST" for method, _, _ in failures):
        fail(f"a request nginx could resend failed: {failures}")
    if len(failures) > THREADS:
        fail(f"{len(failures)} writes failed, more than the {THREADS} that can be in flight")
    return acknowledged


def stored_todos():
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "todo", "-d", "todo", "-Atc",
         "SELECT id, title FROM todos"],
        check=True, capture_output=True, text=True,
    ).stdout
    return {(int(i), t) for i, t in (line.split("|", 1) for line in out.splitlines() if line)}


def writes_are_stored(acknowledged):
    """Phase 2: every acknowledged write is in PostgreSQL."""
    stored = stored_todos()
    missing = [write for write in acknowledged if write not in stored]
    print(
        f"scale-out: writes: {len(acknowledged)} acknowledged, {len(stored)} rows in PostgreSQL, "
        f"{len(missing)} acknowledged but missing",
        flush=True,
    )
    if missing:
        fail(f"acknowledged writes missing from PostgreSQL: {missing[:10]}")


def limit_holds():
    """Phase 3: one client's writes, over the three instances, stop at the limit."""
    statuses = {}
    lock = threading.Lock()
    writes = iter(range(150))

    def worker():
        client = Client()
        while True:
            with lock:
                n = next(writes, None)
            if n is None:
                return
            status, body = client.request(
                "POST", "/projects", f'{{"name": "limited {n}"}}'.encode(), "192.0.2.77"
            )
            if status == 429 and body != b'{"detail":"Rate limit exceeded: 100 per 1 minute"}':
                fail(f"a 429 with the body {body!r}")
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    allowed = statuses.get(201, 0)
    print(
        f"scale-out: limit: 150 writes of one client through nginx to 3 instances: "
        f"{allowed} allowed, {statuses.get(429, 0)} refused (limit {LIMIT}/minute, "
        f"off by {abs(allowed - LIMIT) / LIMIT:.1%})",
        flush=True,
    )
    if abs(allowed - LIMIT) > LIMIT // 100 or allowed + statuses.get(429, 0) != 150:
        fail(f"the limit did not hold across the instances: {statuses}")


def requests_counted(port):
    """The sum of an instance's http_requests_total."""
    status, body = Client(port).request("GET", "/metrics")
    if status != 200:
        fail(f"/metrics of the instance on {port} answered {status}")
    return sum(
        int(float(value))
        for value in re.findall(rb"^http_requests_total\{[^\n]*\} (\S+)$", body, re.M)
    )


def metrics_add_up():
    """Phase 4: K requests through nginx move the instances' counts by K."""
    instances = [PORT + n for n in (1, 2, 3)]
    before = [requests_counted(port) for port in instances]
    k = 3000
    client = Client()
    for n in range(k):
        status, _ = client.request("GET", "/health" if n % 2 else "/todos?limit=1")
        if status != 200:
            fail(f"a request of the metrics phase answered {status}")
    after = [requests_counted(port) for port in instances]
    moved = [a - b for a, b in zip(after, before)]
    # Each instance's first scrape counts once it is answered: one more request each.
    print(
        f"scale-out: metrics: {k} requests through nginx; the instances counted {moved} "
        f"(sum {sum(moved)}, of which 3 are the first scrapes)",
        flush=True,
    )
    if sum(moved) != k + 3:
        fail(f"the instances counted {sum(moved)} requests, not {k} + 3")
    if min(moved) == 0:
        fail(f"an instance served nothing: {moved}")


def main():
    acknowledged = load()
    writes_are_stored(acknowledged)
    limit_holds()
    metrics_add_up()
    print("scale-out: every promise held", flush=True)


if __name__ == "__main__":
    main()
