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
in_chromium authorize
no_panic
