#!/usr/bin/env bash
# Soak: the items example under wrk for a minute at 256 connections, mixing valid requests,
# 404s and 422s. Reports socket errors, 5xx answers, and the server's resident memory at the
# start, the middle and the end (it should stay flat). Not a test: run it by hand.
#
#   benches/soak.sh                        # 60 s, 256 connections
#   DURATION=300 CONNECTIONS=512 benches/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-256}
PORT=${PORT:-8097}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build --release -q -p items

work=$(mktemp -d)
trap 'rm -rf "$work"; kill $(jobs -p) 2>/dev/null || true' EXIT

# Cycles through a valid GET, a valid PUT (replacing an item, so that the example's in-memory
# store does not grow), a 404 and two 422s; counts answers by status class.
cat >"$work/mix.lua" <<'LUA'
local requests = {
  wrk.format("GET", "/items/1?limit=5"),
  wrk.format("PUT", "/items/1", {["Content-Type"] = "application/json"}, '{"item":{"name":"Hammer","price":9.99},"importance":3}'),
  wrk.format("GET", "/nowhere"),
  wrk.format("GET", "/items/foo?limit=abc"),
  wrk.format("POST", "/items", {["Content-Type"] = "application/json"}, '{"name":"","price":-1}'),
}
local i = 0
counts = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {[2] = 0, [3] = 0, [4] = 0, [5] = 0}
end

function request()
  i = i % #requests + 1
  return requests[i]
end

function response(status, headers, body)
  local class = math.floor(status / 100)
  counts[class] = (counts[class] or 0) + 1
end

function done(summary, latency, requests)
  local total = {[2] = 0, [3] = 0, [4] = 0, [5] = 0}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for k, v in pairs(c) do total[k] = (total[k] or 0) + v end
  end
  local e = summary.errors
  io.write(string.format("requests %d | 2xx %d | 4xx %d | 5xx %d | socket errors: connect %d, read %d, write %d, timeout %d\n",
    summary.requests, total[2], total[4], total[5], e.connect, e.read, e.write, e.timeout))
end
LUA

ITEMS_ADDR="127.0.0.1:$PORT" target/release/items 2>"$work/server.log" &
pid=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done

rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$pid/status"; }
start=$(rss)
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$work/mix.lua" "http://127.0.0.1:$PORT" >"$work/wrk.out" &
wrk_pid=$!
sleep $((DURATION / 2))
middle=$(rss)
wait "$wrk_pid"
end=$(rss)
kill "$pid"; wait "$pid" 2>/dev/null || true

echo "# $(date -u +%Y-%m-%d), $(nproc) cores, wrk 2 threads, $CONNECTIONS connections, ${DURATION}s"
grep -E "Requests/sec|Latency" "$work/wrk.out"
grep "^requests" "$work/wrk.out"
echo "RSS: start $start, middle $middle, end $end"
if grep -q "panicked" "$work/server.log"; then
  echo "the server panicked:" && cat "$work/server.log"
  exit 1
fi
