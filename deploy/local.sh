#!/usr/bin/env bash
# The todo app as it runs in production, on this machine: PostgreSQL, Redis, three instances
# of the app and nginx in front, all on loopback, all kept in one directory.
#
#   deploy/local.sh start            # starts everything, prints where, and returns
#   deploy/local.sh stop             # stops everything and removes the directory
#   deploy/local.sh kill N           # kills instance N (1 to 3) with SIGKILL
#   deploy/local.sh restart N        # starts instance N again
#   deploy/local.sh run              # start, then wait: Ctrl-C stops everything
#
# Settings (environment): DEPLOY_DIR (/tmp/fastrs-deploy), DEPLOY_PORT (8100, nginx; the
# instances take the next three ports), DEPLOY_PG_PORT (54329), DEPLOY_REDIS_PORT (63799),
# TODO_BIN (the app's binary; built with cargo when unset), TODO_WRITE_LIMIT (100/minute).
# nginx, redis-server and PostgreSQL come from Debian's packages: apt-get install nginx
# redis-server postgresql.
set -euo pipefail
cd "$(dirname "$0")/.."

DIR=${DEPLOY_DIR:-/tmp/fastrs-deploy}
PORT=${DEPLOY_PORT:-8100}
PG_PORT=${DEPLOY_PG_PORT:-54329}
REDIS_PORT=${DEPLOY_REDIS_PORT:-63799}
INSTANCES=3
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
DATABASE_URL="postgres://todo@127.0.0.1:$PG_PORT/todo"
REDIS_URL="redis://127.0.0.1:$REDIS_PORT"

# Runs a PostgreSQL tool as the `postgres` user when we are root (PostgreSQL refuses root).
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Waits until `$1` (a command) succeeds, for up to 30 s.
wait_for() {
  for _ in $(seq 150); do
    if eval "$1" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "deploy: timed out waiting for: $1" >&2
  return 1
}

start_postgres() {
  mkdir -p "$DIR/pg"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR/pg"
  as_pg "$PG_BIN/initdb" -D "$DIR/pg/data" -U todo --auth=trust -E UTF8 >"$DIR/pg/initdb.log"
  as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg/data" -l "$DIR/pg/server.log" -w \
    -o "-p $PG_PORT -k $DIR/pg -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
  as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U todo todo
}

start_redis() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --dir "$DIR" --daemonize yes --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log"
  wait_for "redis-cli -p $REDIS_PORT ping | grep -q PONG"
}

# Starts instance $1 on port PORT+$1, in the background.
start_instance() {
  local n=$1 port=$((PORT + $1))
  TODO_ADDR="127.0.0.1:$port" \
    TODO_DATABASE="$DATABASE_URL" \
    TODO_REDIS="$REDIS_URL" \
    TODO_TRUSTED_PROXIES="127.0.0.1" \
    TODO_WRITE_LIMIT="${TODO_WRITE_LIMIT:-100/minute}" \
    TODO_AUDIT_LOG="$DIR/audit-$n.log" \
    FASTRS_LOG_FORMAT=json RUST_LOG="${RUST_LOG:-warn}" \
    setsid "$TODO_BIN" >"$DIR/todo-$n.log" 2>&1 &
  echo $! >"$DIR/todo-$n.pid"
  wait_for "curl -sf http://127.0.0.1:$port/ready"
}

start_nginx() {
  local upstreams=""
  for n in $(seq $INSTANCES); do
    upstreams+="server 127.0.0.1:$((PORT + n)) max_fails=1 fail_timeout=2s; "
  done
  sed -e "s|@DIR@|$DIR|g" -e "s|@PORT@|$PORT|g" -e "s|@UPSTREAMS@|$upstreams|" \
    deploy/nginx.conf >"$DIR/nginx.conf"
  nginx -p "$DIR" -c "$DIR/nginx.conf"
  wait_for "curl -sf http://127.0.0.1:$PORT/health"
}

start() {
  if [ -e "$DIR" ]; then
    echo "deploy: $DIR exists: deploy/local.sh stop first" >&2
    exit 1
  fi
  mkdir -p "$DIR"
  if [ -z "${TODO_BIN:-}" ]; then
    cargo build -q -p todo
    TODO_BIN=$PWD/target/debug/todo
  fi
  echo "$TODO_BIN" >"$DIR/todo-bin"
  start_postgres
  start_redis
  for n in $(seq $INSTANCES); do start_instance "$n"; done
  start_nginx
  echo "deploy: http://127.0.0.1:$PORT (docs at /docs) -> instances on ports" \
    "$((PORT + 1))-$((PORT + INSTANCES)); PostgreSQL $DATABASE_URL; Redis $REDIS_URL; files in $DIR"
}

stop() {
  [ -d "$DIR" ] || return 0
  [ -f "$DIR/nginx.pid" ] && kill "$(cat "$DIR/nginx.pid")" 2>/dev/null || true
  for pid in "$DIR"/todo-*.pid; do
    [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
  done
  [ -f "$DIR/redis.pid" ] && kill "$(cat "$DIR/redis.pid")" 2>/dev/null || true
  [ -d "$DIR/pg/data" ] && as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  sleep 0.5
  rm -rf "$DIR"
}

case "${1:-run}" in
  start) start ;;
  stop) stop ;;
  kill) kill -KILL "$(cat "$DIR/todo-$2.pid")" ;;
  restart) TODO_BIN=$(cat "$DIR/todo-bin") start_instance "$2" ;;
  run)
    start
    trap stop EXIT INT TERM
    echo "deploy: Ctrl-C stops everything"
    while true; do sleep 3600; done
    ;;
  *)
    echo "usage: deploy/local.sh start|stop|kill N|restart N|run" >&2
    exit 2
    ;;
esac
