#!/usr/bin/env bash
# Runs schemathesis against the running example, from its own OpenAPI document: every check,
# a bounded number of cases, no server error and no answer outside the documented schema.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=tests/e2e/common.sh
source tests/e2e/common.sh

venv=target/e2e-venv
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet schemathesis
fi
start_example
"$venv/bin/schemathesis" run "$base/openapi.json" --checks all --max-examples 50 \
  --generation-deterministic
no_panic
