#!/usr/bin/env bash
# Instructions per request, fastrs against hand-written axum, counted by callgrind: unlike
# CPU time, the count repeats run after run whatever else the machine does. Not a test.
#
#   benches/instructions.sh            # 3 s of load per scenario
#   SECONDS_PER_SCENARIO=5 benches/instructions.sh
#   ONLY="dependency chain" KEEP=/tmp/cg benches/instructions.sh
#                                      # one scenario; keep the callgrind files (KEEP/fastrs.out,
#                                      # KEEP/axum.out) to compare function by function
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${SECONDS_PER_SCENARIO:-3}
PORT=${PORT:-8095}
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind; }
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build --release -q -p fastrs-benches

# shellcheck source=benches/scenarios.sh
source benches/scenarios.sh

work=$(mktemp -d)
trap 'rm -rf "$work"; kill $(jobs -p) 2>/dev/null || true' EXIT

# Instructions per request of scenario $1 on server $2: zero the counters, load, dump.
count() {
  local s=$1 name=$2 pid=$3
  IFS='|' read -r label method path body expected <<<"$s"
  local url="http://127.0.0.1:$PORT$path" script="$work/req.lua"
  write_request "$method" "$body" "$script"
  check_status "$name" "$label" "$method" "$url" "$body" "$expected"
  wrk -t1 -c8 -d1s -s "$script" "$url" >/dev/null
  callgrind_control -z "$pid" >/dev/null 2>&1
  local requests
  requests=$(wrk -t1 -c8 -d"${DURATION}s" -s "$script" "$url" | awk '/requests in/ {print $1}')
  rm -f "$work"/callgrind.out.*
  callgrind_control -d "$pid" >/dev/null 2>&1
  sleep 0.5
  local ir
  ir=$(grep -h '^summary:' "$work"/callgrind.out.* | awk '{s += $2} END {print s}')
  if [ -n "${KEEP:-}" ]; then
    mkdir -p "$KEEP" && cat "$work"/callgrind.out.* >"$KEEP/$name.out"
  fi
  echo "$label|$name|$((ir / requests))" >>"$work/results"
}

for name in fastrs axum; do
  BENCH_ADDR="127.0.0.1:$PORT" valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out.%p" \
    "target/release/bench-$name" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/plain" && break; sleep 0.2; done
  for s in "${scenarios[@]}"; do count "$s" "$name" "$pid"; done
  kill "$pid"; wait "$pid" 2>/dev/null || true
done

echo "# $(date -u +%Y-%m-%d), valgrind $(valgrind --version | cut -d- -f2), wrk 1 thread 8 connections ${DURATION}s per scenario"
echo
echo "| scenario | fastrs instructions/req | axum instructions/req | ratio |"
echo "|---|---:|---:|---:|"
for s in "${scenarios[@]}"; do
  label=${s%%|*}
  f=$(awk -F'|' -v l="$label" '$1 == l && $2 == "fastrs" {print $3}' "$work/results")
  a=$(awk -F'|' -v l="$label" '$1 == l && $2 == "axum" {print $3}' "$work/results")
  echo "| $label | $f | $a | $(awk -v f="$f" -v a="$a" 'BEGIN {printf "%.3f", f / a}') |"
done
