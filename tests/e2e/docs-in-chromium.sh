#!/usr/bin/env bash
# Opens /docs and /redoc of the todo example (the README's first command) in headless Chromium
# with every non-loopback host blocked, and checks that each rendered page lists its
# operations.
# Screenshots go to target/e2e/; UPDATE_SCREENSHOT=1 copies the /docs one to docs/images/.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=tests/e2e/common.sh
source tests/e2e/common.sh

command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
start_example todo
mkdir -p target/e2e
profile=$(mktemp -d)

# Hostnames resolve nowhere but loopback, and any other address goes to a closed proxy port.
# Headless Chromium now and then crashes on start (a segfault seen once in CI): up to three
# tries, keeping only a successful run's output.
chrome() {
  local out attempt
  out=$(mktemp)
  for attempt in 1 2 3; do
    if chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
      --disable-component-update --disable-sync --no-first-run --disable-quic \
      --user-data-dir="$profile" \
      --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" \
      --proxy-server="127.0.0.1:9" --proxy-bypass-list="127.0.0.1" \
      --virtual-time-budget=10000 "$@" >"$out" 2>/dev/null; then
      cat "$out"
      rm -f "$out"
      return 0
    fi
    echo "chromium failed (try $attempt of 3)" >&2
  done
  rm -f "$out"
  return 1
}

expect() {
  local page=$1 needle=$2 dom=$3
  if ! grep -qF -- "$needle" "$dom"; then
    echo "FAIL: $page does not show $needle" >&2
    exit 1
  fi
}

chrome --dump-dom "$base/docs" >target/e2e/docs.html
for path in "/projects" "/projects/{project_id}" "/projects/{project_id}/todos" "/todos" "/todos/{todo_id}"; do
  expect /docs "data-path=\"$path\"" target/e2e/docs.html
done
for summary in "List Projects" "Create Project" "Read Todo" "Update Todo" "Delete Todo"; do
  expect /docs "$summary" target/e2e/docs.html
done
chrome --window-size=1280,1300 --screenshot=target/e2e/docs.png "$base/docs" >/dev/null

chrome --dump-dom "$base/redoc" >target/e2e/redoc.html
# Scalar renders the first tag's operations and lists the other tags (it loads them on scroll).
for summary in "List Projects" "Create Project" "Read Project" "Delete Project" "List Project Todos" ">todos<"; do
  expect /redoc "$summary" target/e2e/redoc.html
done
chrome --window-size=1280,900 --screenshot=target/e2e/redoc.png "$base/redoc" >/dev/null

if [ -n "${UPDATE_SCREENSHOT:-}" ]; then
  cp target/e2e/docs.png docs/images/docs.png
fi
no_panic
echo "docs-in-chromium: /docs and /redoc render every operation, offline"
