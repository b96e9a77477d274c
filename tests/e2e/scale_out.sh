#!/usr/bin/env bash
# The scale-out test: the todo app as deploy/local.sh runs it (nginx, three instances,
# PostgreSQL, Redis, all on loopback), driven by tests/e2e/scale_out.py: a load with one instance
# killed and restarted, the writes found in PostgreSQL, the write limit shared by the instances,
# the metrics adding up. nginx and PostgreSQL are installed from Debian's packages when missing
# (their services, which the packages start, are stopped: the test starts its own).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v nginx >/dev/null; then
  apt-get update -qq && apt-get install -y -qq nginx >/dev/null
  service nginx stop >/dev/null 2>&1 || true
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v psql >/dev/null; then
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  service postgresql stop >/dev/null 2>&1 || true
fi

export DEPLOY_DIR=/tmp/fastrs-scale-out-$$
export DEPLOY_PORT=${DEPLOY_PORT:-18100}
export DEPLOY_PG_PORT=${DEPLOY_PG_PORT:-15433}
export DEPLOY_REDIS_PORT=${DEPLOY_REDIS_PORT:-16380}
export TODO_WRITE_LIMIT=100/minute
cargo build -q -p todo
export TODO_BIN=$PWD/target/debug/todo

trap 'deploy/local.sh stop' EXIT
deploy/local.sh start
python3 tests/e2e/scale_out.py
