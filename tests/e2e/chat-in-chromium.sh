#!/usr/bin/env bash
# The chat example in headless Chromium: two pages join the same room, one says something,
# the other shows it; a page with a wrong token is refused.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=tests/e2e/common.sh
source tests/e2e/common.sh

need_playwright
start_example chat
in_chromium chat
no_panic
stop_example
