# Shared by the end-to-end checks: start the example on a free port. Sourced, not run.

# Starts the example app (built in debug) on a free loopback port; sets $base and $app_pid,
# and writes the server's log to $log.
start_example() {
  cargo build -q -p items
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  base="http://127.0.0.1:$port"
  log=$(mktemp)
  ITEMS_ADDR="127.0.0.1:$port" target/debug/items >"$log" 2>&1 &
  app_pid=$!
  trap 'kill $app_pid 2>/dev/null || true' EXIT
  for _ in $(seq 100); do
    curl -s -o /dev/null "$base/" && return 0
    sleep 0.1
  done
  echo "the example did not start:" >&2
  cat "$log" >&2
  exit 1
}

# Fails when the server log shows a panic.
no_panic() {
  if grep -q "panicked" "$log"; then
    echo "the server panicked:" >&2
    cat "$log" >&2
    exit 1
  fi
}
