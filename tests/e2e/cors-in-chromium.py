"""Serves a blank page on two loopback ports, loads it in headless Chromium (the system's,
driven by playwright) and calls the todo API at BASE from it with `fetch`: from the allowed
origin a simple GET, a JSON POST (preflighted) and a DELETE succeed and their answers are
readable; from the other origin Chromium blocks each one (a TypeError in the page).

    python cors-in-chromium.py http://127.0.0.1:API_PORT ALLOWED_PORT OTHER_PORT
"""

import http.server
import sys
import threading

from chromium import launch
from playwright.sync_api import sync_playwright

BASE, ALLOWED, OTHER = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])


class Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"<!doctype html><title>front end</title><p>front end</p>"
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


for port in (ALLOWED, OTHER):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()

CALLS = """async ([base, name]) => {
  const call = async (path, init) => {
    try {
      const r = await fetch(base + path, init);
      return [r.status, await r.text()];
    } catch (e) {
      return ["blocked", e.name];
    }
  };
  const json = { "Content-Type": "application/json" };
  const project = await call("/projects", {
    method: "POST", headers: json, body: JSON.stringify({ name: name }),
  });
  const list = await call("/projects", {});
  const todo = await call("/todos", {
    method: "POST", headers: json, body: JSON.stringify({ project_id: 1, title: "milk" }),
  });
  const deleted = await call("/todos/1", { method: "DELETE" });
  const missing = await call("/todos/999", {});
  return { project, list, todo, deleted, missing };
}"""

with sync_playwright() as p:
    browser = launch(p)
    page = browser.new_page()

    page.goto(f"http://127.0.0.1:{OTHER}/")
    blocked = page.evaluate(CALLS, [BASE, "from elsewhere"])
    for name, answer in blocked.items():
        assert answer == ["blocked", "TypeError"], f"other origin, {name}: {answer}"

    page.goto(f"http://127.0.0.1:{ALLOWED}/")
    allowed = page.evaluate(CALLS, [BASE, "home"])
    assert allowed["project"] == [201, '{"id":1,"name":"home"}'], allowed
    assert allowed["list"] == [200, '[{"id":1,"name":"home"}]'], allowed
    assert allowed["todo"][0] == 201, allowed
    assert allowed["deleted"] == [204, ""], allowed
    # An error answer is readable too: CORS headers are on it.
    assert allowed["missing"] == [404, '{"detail":"Todo not found"}'], allowed
    browser.close()

print(
    f"cors-in-chromium: {len(allowed)} calls from the allowed origin answered, "
    f"{len(blocked)} from another blocked by Chromium"
)
