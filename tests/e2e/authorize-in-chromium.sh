#!/usr/bin/env bash
# Logs in through Swagger UI's Authorize on /docs of the auth example, in headless Chromium
# driven by playwright (from PyPI, on the system's Chromium), and calls a protected route from
# the page. The screenshot goes to target/e2e/authorize.png.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=tests/e2e/common.sh
source tests/e2e/common.sh

need_playwright
mkdir -p target/e2e
start_example auth
# A second try only if the first fails, as headless Chromium now and then crashes on start;
# a real failure fails both.
"$venv/bin/python" tests/e2e/authorize-in-chromium.py "$base" ||
  { echo "authorize-in-chromium: trying again" >&2; "$venv/bin/python" tests/e2e/authorize-in-chromium.py "$base"; }
no_panic
