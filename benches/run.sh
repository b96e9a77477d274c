#!/usr/bin/env bash
# fastrs against the same endpoints in hand-written axum, side by side under wrk on loopback.
# Not a test: run it by hand on a quiet machine. Each server is pinned to CPU 0 and wrk to
# CPU 1; the figure that counts is the server's CPU time per request, read from /proc.
#
#   benches/run.sh                 # 10 s per scenario, 64 connections
#   DURATION=30 CONNECTIONS=128 benches/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-8090}
ADDR="127.0.0.1:$PORT"
TICKS=$(getconf CLK_TCK)

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build --release -q -p fastrs-benches

work=$(mktemp -d)
trap 'rm -rf "$work"; [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true' EXIT

# name | method | path | body | expected status
scenarios=(
  "plain|GET|/plain||200"
  "json|GET|/json||200"
  "read item|GET|/items/42?q=hello&limit=20||200"
  "read item 422 (path)|GET|/items/abc||422"
  "read item 422 (limit)|GET|/items/1?limit=0||422"
  "create item|POST|/items|{\"name\":\"Hammer\",\"price\":9.99,\"tags\":[\"tools\",\"hardware\"]}|201"
  "create item 422|POST|/items|{\"name\":\"\",\"price\":0,\"tags\":[]}|422"
)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run_server() {
  local name=$1
  BENCH_ADDR=$ADDR taskset -c 0 "target/release/bench-$name" 2>/dev/null &
  server=$!
  for _ in $(seq 50); do curl -s -o /dev/null "http://$ADDR/plain" && break; sleep 0.1; done
  for s in "${scenarios[@]}"; do
    IFS='|' read -r label method path body expected <<<"$s"
    script="$work/req.lua"
    {
      echo "wrk.method = \"$method\""
      if [ -n "$body" ]; then
        echo "wrk.body = '$body'"
        echo 'wrk.headers["Content-Type"] = "application/json"'
      fi
    } >"$script"
    status=$(curl -s -o /dev/null -w '%{http_code}' -X "$method" -H 'content-type: application/json' ${body:+-d "$body"} "http://$ADDR$path")
    if [ "$status" != "$expected" ]; then
      echo "$name $label: expected $expected, got $status" >&2
      exit 1
    fi
    taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d2s -s "$script" "http://$ADDR$path" >/dev/null
    before=$(cpu_ticks "$server")
    out=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$script" "http://$ADDR$path")
    after=$(cpu_ticks "$server")
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    errors=$(echo "$out" | awk '/Socket errors/ {print $0}')
    cpu_us=$(awk -v t="$((after - before))" -v hz="$TICKS" -v n="$requests" 'BEGIN {printf "%.2f", t * 1e6 / hz / n}')
    echo "$label|$name|$rps|$cpu_us|${errors:-0 socket errors}" >>"$work/results"
  done
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
}

run_server fastrs
run_server axum

echo "# $(date -u +%Y-%m-%d) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# wrk: 1 thread, $CONNECTIONS connections, ${DURATION}s per scenario; server on CPU 0, wrk on CPU 1"
echo
echo "| scenario | fastrs req/s | axum req/s | fastrs CPU µs/req | axum CPU µs/req | ratio |"
echo "|---|---:|---:|---:|---:|---:|"
for s in "${scenarios[@]}"; do
  label=${s%%|*}
  f=$(awk -F'|' -v l="$label" '$1 == l && $2 == "fastrs"' "$work/results")
  a=$(awk -F'|' -v l="$label" '$1 == l && $2 == "axum"' "$work/results")
  frps=$(echo "$f" | cut -d'|' -f3); fcpu=$(echo "$f" | cut -d'|' -f4)
  arps=$(echo "$a" | cut -d'|' -f3); acpu=$(echo "$a" | cut -d'|' -f4)
  ratio=$(awk -v f="$fcpu" -v a="$acpu" 'BEGIN {printf "%.3f", f / a}')
  echo "| $label | $frps | $arps | $fcpu | $acpu | $ratio |"
done
grep -v '0 socket errors' "$work/results" | grep -i socket && echo "(socket errors above)" || true
