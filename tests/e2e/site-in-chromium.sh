#!/usr/bin/env bash
# The site example in headless Chromium: the page with its static CSS, a form post that
# redirects, an upload, and an event sent after load that shows without a reload.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=tests/e2e/common.sh
source tests/e2e/common.sh

need_playwright
start_example site
in_chromium site
no_panic
stop_example
