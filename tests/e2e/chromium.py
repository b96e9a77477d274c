"""Headless Chromium for the playwright checks: the system's, with every host but 127.0.0.1
resolving nowhere and any other address sent to a closed proxy port."""


def launch(playwright):
    """The browser, launched from `playwright` (`sync_playwright()`'s)."""
    return playwright.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--proxy-server=127.0.0.1:9",
            "--proxy-bypass-list=127.0.0.1",
        ],
    )


def checker(name):
    """`check(condition, what)` for the script `name`: says what held, or stops on what did
    not."""

    def check(condition, what):
        if not condition:
            raise SystemExit(f"{name}: {what}")
        print(f"{name}: {what}: yes")

    return check
