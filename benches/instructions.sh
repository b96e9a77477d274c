#!/usr/bin/env bash
# Instructions per request, fastrs against hand-written axum, counted by callgrind: unlike
# CPU time, the count repeats run after run whatever else the machine does. Not a test.
#
# Every scenario is counted in four configurations: {current_thread, multi_thread} runtime x
# {release, release-lto} profile, for three servers: the fastrs app on fastrs's server, the
# hand-written axum app on axum::serve, and the fastrs app as a tower service (try_into_service()) on
# axum::serve (which prices fastrs's connection loop alone). Then the resident memory of each
# server, idle and at its peak under load, without valgrind.
#
#   benches/instructions.sh            # 3 s of load per scenario
#   SECONDS_PER_SCENARIO=5 benches/instructions.sh
#   CONFIGS="multi_thread:release-lto" benches/instructions.sh
#   BENCH_RATE_LIMIT=1 ONLY="plain,rate limited plain" benches/instructions.sh
#                                      # the price of a route's rate limit (both servers count
#                                      # each client address; the others pay for the address)
#   BENCH_TRACING=1 ONLY=plain benches/instructions.sh
#                                      # fastrs with its `tracing` feature and a subscriber logging
#                                      # each request (RUST_LOG=info unless set); BENCH_TRACING=0:
#                                      # the feature, without a subscriber; BENCH_TRACING=registry:
#                                      # the spans kept by a bare registry, nothing logged
#   BENCH_METRICS=1 ONLY=plain benches/instructions.sh
#                                      # fastrs with its `metrics` feature and `App::metrics`: every
#                                      # request counted under prometheus-fastapi-instrumentator's
#                                      # metrics
#   MEMORY_ONLY=1 benches/instructions.sh
#                                      # the resident memory table alone (no callgrind)
#   ONLY="dependency chain" KEEP=/tmp/cg benches/instructions.sh
#                                      # one scenario; keep the callgrind files (KEEP/<config>-fastrs.out,
#                                      # KEEP/<config>-axum.out) to compare function by function
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${SECONDS_PER_SCENARIO:-3}
PORT=${PORT:-8095}
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind; }
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
CONFIGS=${CONFIGS:-"current_thread:release multi_thread:release current_thread:release-lto multi_thread:release-lto"}
for config in $CONFIGS; do
  # BENCH_TRACING (0: the feature, no subscriber; 1: `observability::init()`, RUST_LOG as set)
  # builds fastrs with its `tracing` feature, BENCH_METRICS with its `metrics` feature.
  features=${BENCH_TRACING:+tracing,}${BENCH_METRICS:+metrics}
  cargo build --profile "${config#*:}" -q -p fastrs-benches ${features:+--features "$features"}
done

# shellcheck source=benches/scenarios.sh
source benches/scenarios.sh

work=$(mktemp -d)
trap 'rm -rf "$work"; kill $(jobs -p) 2>/dev/null || true' EXIT

# Starts server $1 (fastrs, axum or fastrs-on-axum-serve) of configuration $2, under $3 (a
# command prefix, empty for none); sets `pid`.
start() {
  local name=$1 config=$2 prefix=$3 bin=$1 serve=""
  if [ "$name" = fastrs-on-axum-serve ]; then bin=fastrs; serve=axum; fi
  BENCH_ADDR="127.0.0.1:$PORT" BENCH_RUNTIME=${config%%:*} BENCH_SERVE=$serve \
    $prefix "target/${config#*:}/bench-$bin" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/plain" && break; sleep 0.2; done
}

# Stops the server `pid` and waits until it is gone (valgrind takes a while to exit), so that
# the next one can bind the port.
stop() {
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}

# Instructions per request of scenario $1 on server $2 (pid $3) in configuration $4: zero the
# counters, load, dump.
count() {
  local s=$1 name=$2 pid=$3 config=$4
  IFS='|' read -r label method path body expected <<<"$s"
  local url="http://127.0.0.1:$PORT$path" script="$work/req.lua"
  write_request "$method" "$body" "$script"
  check_status "$name" "$label" "$method" "$url" "$body" "$expected"
  wrk -t1 -c8 -d1s -s "$script" "$url" >/dev/null
  callgrind_control -z "$pid" >/dev/null 2>&1
  local requests load
  load=$(wrk -t1 -c8 -d"${DURATION}s" -s "$script" "$url")
  requests=$(awk '/requests in/ {print $1}' <<<"$load")
  # A figure is only worth its answers: one that were not all as expected says so.
  if grep -q 'Non-2xx' <<<"$load" && [ "$expected" -lt 300 ]; then
    echo "warning: $name $label ($config): $(grep 'Non-2xx' <<<"$load" | xargs)" >&2
  fi
  rm -f "$work"/callgrind.out.*
  callgrind_control -d "$pid" >/dev/null 2>&1
  sleep 0.5
  local ir
  ir=$(grep -h '^summary:' "$work"/callgrind.out.* | awk '{s += $2} END {print s}')
  if [ -n "${KEEP:-}" ]; then
    mkdir -p "$KEEP" && cat "$work"/callgrind.out.* >"$KEEP/${config/:/-}-$name.out"
  fi
  echo "$config|$label|$name|$((ir / requests))" >>"$work/results"
}

# Resident memory of server $1 in configuration $2: idle after start-up, and its peak after
# a second of load (64 connections) on every scenario.
memory() {
  local name=$1 config=$2 idle peak
  start "$name" "$config" ""
  sleep 1
  idle=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
  for s in "${scenarios[@]}"; do
    IFS='|' read -r label method path body expected <<<"$s"
    write_request "$method" "$body" "$work/req.lua"
    wrk -t2 -c64 -d1s -s "$work/req.lua" "http://127.0.0.1:$PORT$path" >/dev/null
  done
  peak=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
  stop
  echo "$config|$name|$idle|$peak" >>"$work/memory"
}

servers=(fastrs axum fastrs-on-axum-serve)
for config in $CONFIGS; do
  for name in "${servers[@]}"; do
    if [ -z "${MEMORY_ONLY:-}" ]; then
      start "$name" "$config" "valgrind --tool=callgrind --callgrind-out-file=$work/callgrind.out.%p"
      for s in "${scenarios[@]}"; do count "$s" "$name" "$pid" "$config"; done
      stop
    fi
    memory "$name" "$config"
  done
done

ratio() { awk -v f="$1" -v a="$2" 'BEGIN {printf "%.3f", f / a}'; }
echo "# $(date -u +%Y-%m-%d), valgrind $(valgrind --version | cut -d- -f2), wrk 1 thread 8 connections ${DURATION}s per scenario"
for config in $CONFIGS; do
  [ -n "${MEMORY_ONLY:-}" ] && break
  echo
  echo "## ${config%%:*} runtime, ${config#*:} profile"
  echo
  echo "| scenario | fastrs instructions/req | axum instructions/req | ratio | fastrs app on axum::serve | its ratio | fastrs's server over axum::serve |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for s in "${scenarios[@]}"; do
    label=${s%%|*}
    get() { awk -F'|' -v c="$config" -v l="$label" -v n="$1" '$1 == c && $2 == l && $3 == n {print $4}' "$work/results"; }
    f=$(get fastrs); a=$(get axum); o=$(get fastrs-on-axum-serve)
    echo "| $label | $f | $a | $(ratio "$f" "$a") | $o | $(ratio "$o" "$a") | $(ratio "$f" "$o") |"
  done
done
echo
echo "| configuration | server | idle RSS (KiB) | peak RSS under load (KiB) |"
echo "|---|---|---:|---:|"
awk -F'|' '{print "| " $1 " | " $2 " | " $3 " | " $4 " |"}' "$work/memory"
