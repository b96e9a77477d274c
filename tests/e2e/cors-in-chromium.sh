#!/usr/bin/env bash
# CORS as a browser judges it: the todo example allows one front-end origin; a page served from
# that origin (another loopback port) calls the API with `fetch` and succeeds, the same page
# served from a third port is blocked by headless Chromium's own CORS check.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=tests/e2e/common.sh
source tests/e2e/common.sh

need_playwright

allowed=$(free_port)
other=$(free_port)
TODO_ALLOWED_ORIGINS="http://127.0.0.1:$allowed" start_example todo
in_chromium cors "$allowed" "$other"
no_panic
