#!/usr/bin/env bash
# Serves the same app with fastrs (tests/bin/parity_server.rs) and FastAPI 0.165
# (tests/parity/twin.py), sends both the requests of tests/parity/compare.py, and fails on any
# difference in status, body or meaningful header, and the uploads and files of
# tests/parity/uploads.py and files.py;
# then does the same for fastrs's `Cors`
# against Starlette's CORSMiddleware in four configurations, `TrustedHost` against its
# TrustedHostMiddleware, `GZip` against its GZipMiddleware in two, and `HttpsRedirect` against
# its HTTPSRedirectMiddleware; `/metrics` against prometheus-fastapi-instrumentator's
# (tests/parity/metrics.py); and FastAPI's websocket tutorial under uvicorn against its fastrs
# port (tests/parity/ws_compare.py). Then checks that FastAPI's document of
# tests/openapi/fastapi_style.py equals fastrs's golden tests/openapi/fastapi_style.json
# (served in `OpenApiStyle::FastApi`), as parsed JSON.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=tests/e2e/common.sh
source tests/e2e/common.sh

venv=target/e2e-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import fastapi, httpx, multipart, uvicorn, websockets, prometheus_fastapi_instrumentator; assert fastapi.__version__.startswith("0.165.")' 2>/dev/null; then
  "$venv/bin/pip" install --quiet "fastapi==0.165.*" httpx python-multipart uvicorn websockets \
    "prometheus-fastapi-instrumentator==8.1.*"
fi

cargo build -q -p fastrs-tests --bin parity_server --bin ws_tutorial
log=$(mktemp)
server=""
# The files both twins serve (tests/parity/files.py), with a link out of the directory.
FASTRS_PARITY_FILES=$(mktemp -d)
export FASTRS_PARITY_FILES
"$venv/bin/python" tests/parity/files.py --make "$FASTRS_PARITY_FILES"
ln -s "$FASTRS_PARITY_FILES/secret.txt" "$FASTRS_PARITY_FILES/public/leak.txt"
uvicorn=""
trap 'kill $server $uvicorn 2>/dev/null || true; rm -f "$log"; rm -rf "$FASTRS_PARITY_FILES"' EXIT

# Starts the parity server with CORS configuration $1 (none when empty), trusted hosts $2, GZip
# configuration $3 and the HTTPS redirect when $4 is 1 (none when absent) on a free port; sets
# $base and $server.
# With metrics when $5 is 1: then the server is sent no request until it listens (each would be
# counted).
start_server() {
  local port
  port=$(free_port)
  base="http://127.0.0.1:$port"
  FASTRS_TEST_ADDR="127.0.0.1:$port" FASTRS_PARITY_CORS="$1" FASTRS_PARITY_HOSTS="${2:-}" FASTRS_PARITY_GZIP="${3:-}" \
    FASTRS_PARITY_HTTPS="${4:-}" FASTRS_PARITY_METRICS="${5:-}" \
    target/debug/parity_server >"$log" 2>&1 &
  server=$!
  if [ "${5:-}" = 1 ]; then
    for _ in $(seq 100); do
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
      sleep 0.1
    done
    echo "the parity server did not start:" >&2
    cat "$log" >&2
    exit 1
  fi
  wait_until_serving "the parity server"
}

stop_server() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  if grep -q "panicked" "$log"; then
    echo "the parity server panicked:" >&2
    cat "$log" >&2
    exit 1
  fi
}

start_server ""
(cd tests/parity && FASTRS_BASE="$base" "../../$venv/bin/python" compare.py)
# Uploads and forms against FastAPI's UploadFile, File and Form, under the same limits.
(cd tests/parity && FASTRS_BASE="$base" "../../$venv/bin/python" uploads.py)
# Files, ranges, conditional requests and static files against Starlette's.
(cd tests/parity && FASTRS_BASE="$base" "../../$venv/bin/python" files.py)
stop_server

# fastrs's `Cors` against Starlette's CORSMiddleware, configuration by configuration.
for config in basic wildcard regex private; do
  start_server "$config"
  (cd tests/parity && FASTRS_BASE="$base" "../../$venv/bin/python" cors.py "$config")
  stop_server
done

# fastrs's `TrustedHost` against Starlette's TrustedHostMiddleware.
for hosts in "example.com,*.example.com,www.shop.test" "*"; do
  start_server "" "$hosts"
  (cd tests/parity && FASTRS_BASE="$base" "../../$venv/bin/python" hosts.py "$hosts")
  stop_server
done

# fastrs's `GZip` against Starlette's GZipMiddleware.
for gzip in default small; do
  start_server "" "" "$gzip"
  (cd tests/parity && FASTRS_BASE="$base" "../../$venv/bin/python" gzipped.py "$gzip")
  stop_server
done

# fastrs's `HttpsRedirect` against Starlette's HTTPSRedirectMiddleware behind uvicorn's proxy
# headers.
start_server "" "" "" 1
(cd tests/parity && FASTRS_BASE="$base" "../../$venv/bin/python" https.py)
stop_server

# fastrs's `/metrics` against prometheus-fastapi-instrumentator's, after the same requests.
start_server "" "" "" "" 1
(cd tests/parity && FASTRS_BASE="$base" "../../$venv/bin/python" metrics.py)
stop_server

# FastAPI's websocket tutorial under uvicorn (with the `websockets` package, as
# `uvicorn[standard]`) against its fastrs port, on the wire.
port=$(free_port)
fastapi_base="http://127.0.0.1:$port"
(cd tests/parity && exec "../../$venv/bin/uvicorn" ws_tutorial:app --port "$port" --log-level warning) >"$log" 2>&1 &
uvicorn=$!
port=$(free_port)
base="http://127.0.0.1:$port"
FASTRS_TEST_ADDR="127.0.0.1:$port" target/debug/ws_tutorial >>"$log" 2>&1 &
server=$!
for _ in $(seq 100); do
  curl -s -o /dev/null "$fastapi_base/" && curl -s -o /dev/null "$base/" && break
  sleep 0.1
done
(cd tests/parity && FASTAPI_BASE="$fastapi_base" FASTRS_BASE="$base" "../../$venv/bin/python" ws_compare.py)
kill "$uvicorn" 2>/dev/null || true
stop_server

"$venv/bin/python" - <<'PY'
import json, subprocess, sys
fastapi = json.loads(subprocess.check_output([sys.executable, "tests/openapi/fastapi_style.py"]))
with open("tests/openapi/fastapi_style.json") as golden:
    fastrs = json.load(golden)
if fastapi != fastrs:
    print("tests/openapi/fastapi_style.json differs from FastAPI's document of fastapi_style.py")
    print(json.dumps(fastapi, indent=2))
    sys.exit(1)
print(f"parity: the FastAPI-style document equals FastAPI's ({len(fastapi['paths'])} paths)")
PY
