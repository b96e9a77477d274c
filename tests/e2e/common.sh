# Shared by the end-to-end checks: start a server on a free port. Sourced, not run.

# Starts example app $1 (`items`, `todo` or `auth`, built in debug) on a free loopback port; sets
# $base and $app_pid, and writes the server's log to $log. The todo app gets a fresh database.
# A free loopback port.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until the server at $base answers `/openapi.json`; else shows $log, naming server $1,
# and fails.
wait_until_serving() {
  for _ in $(seq 100); do
    curl -s -o /dev/null "$base/openapi.json" && return 0
    sleep 0.1
  done
  echo "$1 did not start:" >&2
  cat "$log" >&2
  exit 1
}

start_example() {
  local example=$1 port
  cargo build -q -p "$example"
  port=$(free_port)
  base="http://127.0.0.1:$port"
  log=$(mktemp)
  database=$(mktemp -u --suffix=.db)
  TODO_WRITE_LIMIT="1000000/minute" ITEMS_ADDR="127.0.0.1:$port" TODO_ADDR="127.0.0.1:$port" AUTH_ADDR="127.0.0.1:$port" SITE_ADDR="127.0.0.1:$port" CHAT_ADDR="127.0.0.1:$port" TODO_DATABASE="$database" \
    TODO_AUDIT_LOG="$database.audit.log" TODO_ALLOWED_ORIGINS="${TODO_ALLOWED_ORIGINS:-http://localhost:3000}" \
    "target/debug/$example" >"$log" 2>&1 &
  app_pid=$!
  trap 'kill $app_pid 2>/dev/null || true; rm -f "$database" "$database.audit.log"' EXIT
  wait_until_serving "the $example example"
}

# Stops the example started last.
stop_example() {
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  rm -f "$database" "$database.audit.log"
}

# Fails when the server log shows a panic.
no_panic() {
  if grep -q "panicked" "$log"; then
    echo "the server panicked:" >&2
    cat "$log" >&2
    exit 1
  fi
}

# Installs what the playwright checks need when missing: Chromium from Debian's packages,
# playwright from PyPI in the venv under target/; sets $venv.
need_playwright() {
  command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
  venv=target/e2e-venv
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/python" -c "import playwright" 2>/dev/null || "$venv/bin/pip" install --quiet playwright
}

# Runs the playwright check tests/e2e/$1-in-chromium.py against $base, with the rest of the
# arguments after it. A second try only if the first fails, as headless Chromium now and then
# crashes on start; a real failure fails both.
in_chromium() {
  local check="tests/e2e/$1-in-chromium.py"
  shift
  "$venv/bin/python" "$check" "$base" "$@" ||
    { echo "$check: trying again" >&2; "$venv/bin/python" "$check" "$base" "$@"; }
}
