"""Logs in through Swagger UI's Authorize (OAuth2 password flow) on /docs of the auth example,
then calls GET /users/me from the page and checks the 200 and the user in the DOM; first,
the same call without logging in must answer 401. Headless Chromium (the system's), driven
by playwright, with every host but 127.0.0.1 blocked.

    python authorize-in-chromium.py http://127.0.0.1:PORT
"""

import sys

from chromium import launch
from playwright.sync_api import sync_playwright

BASE = sys.argv[1]


def execute(page, operation):
    """Runs `operation` from the page; its status and body as the page shows them."""
    op = page.locator(f"#{operation}")
    if not op.locator("button.execute").is_visible():
        op.locator(".opblock-summary").click()
        op.locator("button.try-out__btn").click()
    op.locator("button.execute").click()
    status = op.locator(".live-responses-table .response .response-col_status")
    status.wait_for(timeout=10000)
    # The body as received: Swagger UI renders it highlighted, a moment after the status.
    code = op.locator(".live-responses-table .response-col_description .highlight-code code").first
    for _ in range(100):
        body = code.text_content() if code.count() else ""
        if '"' in body:
            break
        page.wait_for_timeout(100)
    # The status cell reads `401` and, for an undocumented status, `Undocumented`.
    text = (status.inner_text().split()[0], body)
    op.locator("button.btn-clear").click()
    return text


with sync_playwright() as p:
    browser = launch(p)
    page = browser.new_page()
    page.goto(f"{BASE}/docs")
    page.wait_for_selector("button.authorize", timeout=20000)

    status, body = execute(page, "operations-users-read_users_me")
    assert status == "401", f"before logging in: {status} {body}"
    assert "Not authenticated" in body, body

    page.click("button.authorize")
    oauth = page.locator(".auth-container", has_text="OAuth2PasswordBearer")
    page.fill("#oauth_username", "johndoe")
    page.fill("#oauth_password", "secret")
    oauth.locator("a[data-all='true']").click()
    oauth.locator("button.authorize").click()
    oauth.locator("button", has_text="Logout").wait_for(timeout=10000)
    page.locator("button.btn-done").first.click()

    status, body = execute(page, "operations-users-read_users_me")
    assert status == "200", f"after logging in: {status} {body}"
    assert '"username": "johndoe"' in body, body
    page.screenshot(path="target/e2e/authorize.png")
    browser.close()

print("authorize-in-chromium: logged in through Authorize, GET /users/me answered 200 in the page")
