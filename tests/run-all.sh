#!/usr/bin/env bash
# Every test: the Rust tests, then the checks that need tools from outside the toolchain
# (installed when missing: Chromium, redis-server, nginx and PostgreSQL from Debian's packages, openapi-spec-validator,
# schemathesis, playwright and FastAPI 0.165 from PyPI in a venv under target/).
set -euo pipefail
cd "$(dirname "$0")/.."

# The rate-limit tests in Redis start a redis-server of their own.
command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server; }

cargo test --workspace
# The load test of the chat example (1,000 websockets) and the rate limiter's flood of a million
# keys, alone and one after the other, so that the two cores and the memory figures are theirs.
cargo test -p fastrs-tests --test integration -- --ignored --test-threads=1 --nocapture \
  chat_load a_flood_of_a_million_keys

# No two modules of a crate import each other, directly or around a circle (docs/architecture.md).
if [ -f ../shared/tools/module_cycles.py ]; then
  python3 ../shared/tools/module_cycles.py fastrs/src fastrs-macros/src
else
  echo "run-all: ../shared/tools/module_cycles.py not found; the import-circle check is skipped"
fi

# The golden OpenAPI documents are valid OpenAPI 3.1. A document with streamed answers has
# OpenAPI 3.2's `itemSchema`, which FastAPI writes in its 3.1 documents as fastrs does: such a
# document is checked against 3.2.
venv=target/e2e-venv
if [ ! -x "$venv/bin/openapi-spec-validator" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet openapi-spec-validator
fi
for document in tests/openapi/*.json; do
  if grep -q '"itemSchema"' "$document"; then
    as_32=$(mktemp --suffix=.json)
    sed 's/"openapi": "3.1.0"/"openapi": "3.2.0"/' "$document" >"$as_32"
    "$venv/bin/openapi-spec-validator" "$as_32" | sed "s|$as_32|$document (as OpenAPI 3.2)|"
    rm -f "$as_32"
  else
    "$venv/bin/openapi-spec-validator" "$document"
  fi
done

tests/e2e/parity.sh
tests/e2e/docs-in-chromium.sh
tests/e2e/authorize-in-chromium.sh
tests/e2e/cors-in-chromium.sh
tests/e2e/site-in-chromium.sh
tests/e2e/chat-in-chromium.sh
tests/e2e/schemathesis.sh
# The todo app scaled out behind nginx, on PostgreSQL and Redis, under load (docs/deployment.md).
tests/e2e/scale_out.sh
