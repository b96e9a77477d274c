"""Drives the site example (examples/site) at BASE in headless Chromium (the system's, through
playwright): the page renders styled by its static CSS, the form post redirects back to the
page with the item listed, the upload form sends a file that the page then lists, and an item
added through the API after the page loaded appears in its live list without a reload
(Server-Sent Events).

    python site-in-chromium.py http://127.0.0.1:PORT
"""

import json
import sys
import tempfile
import urllib.request

from chromium import checker, launch
from playwright.sync_api import sync_playwright

BASE = sys.argv[1]


check = checker("site-in-chromium")


with sync_playwright() as p:
    browser = launch(p)
    page = browser.new_page()
    page.goto(BASE + "/")
    heading = page.locator("h1")
    check(heading.inner_text() == "Items", "the page renders")
    color = heading.evaluate("h => getComputedStyle(h).color")
    check(color == "rgb(0, 102, 153)", f"the static CSS styles it ({color})")

    page.fill("input[name=name]", "Widget <b>")
    with page.expect_navigation():
        page.click("form[action$='items'] button")
    check(page.url == BASE + "/", f"the form post redirects to the page ({page.url})")
    check("Widget <b>" in page.locator("#items").inner_text(), "the item is listed, as text")

    with tempfile.NamedTemporaryFile(suffix=".txt") as upload:
        upload.write(b"hello from chromium")
        upload.flush()
        page.set_input_files("input[type=file]", upload.name)
        with page.expect_navigation():
            page.click("form[action$='upload'] button")
        name = upload.name.rsplit("/", 1)[-1]
    uploads = page.locator("#uploads").inner_text()
    check(f"{name} (19 bytes)" in uploads, f"the upload succeeds and is listed ({uploads!r})")

    page.wait_for_selector("body[data-live=open]", timeout=10_000)
    request = urllib.request.Request(
        BASE + "/api/items",
        data=json.dumps({"name": "Live one"}).encode(),
        headers={"content-type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request) as answer:
        check(answer.status == 201, "the API adds an item")
    page.wait_for_selector("#live li:has-text('Live one')", timeout=10_000)
    check(page.url == BASE + "/", "the event shows on the page without a reload")
    browser.close()
