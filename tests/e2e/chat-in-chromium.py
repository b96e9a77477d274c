"""Drives the chat example (examples/chat) at BASE in headless Chromium (the system's, through
playwright): two pages join the room `lobby` with the token, one sends a message, the other
shows it without a reload; a third page with a wrong token is refused and says it closed.

    python chat-in-chromium.py http://127.0.0.1:PORT
"""

import sys

from chromium import checker, launch
from playwright.sync_api import sync_playwright

BASE = sys.argv[1]


check = checker("chat-in-chromium")


def join(page, name, token="letmein"):
    page.goto(BASE + "/")
    page.fill("#room", "lobby")
    page.fill("#name", name)
    page.fill("#token", token)
    page.click("#join")


with sync_playwright() as p:
    browser = launch(p)
    ana, bo = browser.new_page(), browser.new_page()
    join(ana, "ana")
    ana.wait_for_selector("#status:has-text('Joined lobby.')", timeout=10_000)
    join(bo, "bo")
    bo.wait_for_selector("#status:has-text('Joined lobby.')", timeout=10_000)
    check(True, "two pages join the room")
    ana.wait_for_selector("#log li:has-text('bo joined lobby')", timeout=10_000)
    check(True, "the first page sees the second join")

    ana.fill("#text", "hello from ana")
    ana.click("#send")
    bo.wait_for_selector("#log li:has-text('ana: hello from ana')", timeout=10_000)
    check(True, "the other page shows the message")
    ana.wait_for_selector("#log li:has-text('ana: hello from ana')", timeout=10_000)
    check(True, "the sender's page shows it too")

    # An empty message is refused by the model: told to the sender only.
    ana.evaluate("() => socket.send(JSON.stringify({text: ''}))")
    ana.wait_for_selector("#log li.error", timeout=10_000)
    errors = ana.locator("#log li.error").inner_text()
    check("at least 1 character" in errors, f"an invalid message is told to its sender ({errors!r})")
    check(bo.locator("#log li.error").count() == 0, "and to no one else")

    intruder = browser.new_page()
    join(intruder, "eve", token="wrong")
    intruder.wait_for_selector("#status:has-text('Closed')", timeout=10_000)
    status = intruder.locator("#status").inner_text()
    check(status == "Closed (1006).", f"a wrong token is refused before the handshake ({status!r})")
    browser.close()
