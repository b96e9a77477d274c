#!/usr/bin/env bash
# Serves the same app with fastrs (tests/bin/parity_server.rs) and FastAPI 0.165
# (tests/parity/twin.py), sends both the requests of tests/parity/compare.py, and fails on any
# difference in status, body or meaningful header.
set -euo pipefail
cd "$(dirname "$0")/../.."

venv=target/e2e-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import fastapi, httpx; assert fastapi.__version__.startswith("0.165.")' 2>/dev/null; then
  "$venv/bin/pip" install --quiet "fastapi==0.165.*" httpx
fi

cargo build -q -p fastrs-tests --bin parity_server
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
FASTRS_TEST_ADDR="127.0.0.1:$port" target/debug/parity_server >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/openapi.json" && break
  sleep 0.1
done
(cd tests/parity && FASTRS_BASE="http://127.0.0.1:$port" "../../$venv/bin/python" compare.py)
if grep -q "panicked" "$log"; then
  echo "the parity server panicked:" >&2
  cat "$log" >&2
  exit 1
fi
