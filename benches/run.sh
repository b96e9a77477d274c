#!/usr/bin/env bash
# fastrs against the same endpoints in hand-written axum, side by side under wrk on loopback.
# Not a test: run it by hand on a quiet machine. Each server is pinned to CPU 0 and wrk to
# CPU 1; the figure that counts is the server's CPU time per request, read from /proc.
#
#   benches/run.sh                          # 3 rounds of 10 s per scenario and server, 64 connections
#   DURATION=5 ROUNDS=5 CONNECTIONS=128 benches/run.sh
#   ONLY="plain,dependency chain" benches/run.sh    # just those scenarios
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-8090}
ADDR="127.0.0.1:$PORT"
TICKS=$(getconf CLK_TCK)

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build --release -q -p fastrs-benches

# shellcheck source=benches/scenarios.sh
source benches/scenarios.sh

work=$(mktemp -d)
trap 'rm -rf "$work"; kill $(jobs -p) 2>/dev/null || true' EXIT


cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

start_server() {
  local name=$1 port=$2
  BENCH_ADDR="127.0.0.1:$port" taskset -c 0 "target/release/bench-$name" 2>/dev/null &
  pids[$name]=$!
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/plain" && break; sleep 0.1; done
}

# One measurement: scenario $1 against server $2 on port $3; appends "label|server|rps|cpu_us".
measure() {
  local s=$1 name=$2 port=$3
  IFS='|' read -r label method path body expected <<<"$s"
  local script="$work/req.lua" url="http://127.0.0.1:$port$path"
  write_request "$method" "$body" "$script"
  check_status "$name" "$label" "$method" "$url" "$body" "$expected"
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d1s -s "$script" "$url" >/dev/null
  local before after out requests rps
  before=$(cpu_ticks "${pids[$name]}")
  out=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$script" "$url")
  after=$(cpu_ticks "${pids[$name]}")
  if echo "$out" | grep -q 'Socket errors'; then
    echo "$name $label: $(echo "$out" | grep 'Socket errors')" >&2
  fi
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  echo "$label|$name|$rps|$(awk -v t="$((after - before))" -v hz="$TICKS" -v n="$requests" 'BEGIN {printf "%.3f", t * 1e6 / hz / n}')" >>"$work/results"
}

declare -A pids
start_server fastrs "$PORT"
start_server axum "$((PORT + 1))"

# Both servers run at once; each round measures both, alternating which goes first, so that
# drift in the machine's speed falls on both alike. The table gives each one's median.
for s in "${scenarios[@]}"; do
  for round in $(seq "$ROUNDS"); do
    if [ $((round % 2)) -eq 1 ]; then
      measure "$s" fastrs "$PORT"; measure "$s" axum "$((PORT + 1))"
    else
      measure "$s" axum "$((PORT + 1))"; measure "$s" fastrs "$PORT"
    fi
  done
done
kill "${pids[fastrs]}" "${pids[axum]}"

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
pick() { awk -F'|' -v l="$1" -v n="$2" -v f="$3" '$1 == l && $2 == n {print $f}' "$work/results" | median; }

echo "# $(date -u +%Y-%m-%d) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# wrk: 1 thread, $CONNECTIONS connections, ${DURATION}s x $ROUNDS rounds per scenario and server (medians); servers on CPU 0, wrk on CPU 1"
echo
echo "| scenario | fastrs req/s | axum req/s | fastrs CPU µs/req | axum CPU µs/req | ratio |"
echo "|---|---:|---:|---:|---:|---:|"
for s in "${scenarios[@]}"; do
  label=${s%%|*}
  frps=$(pick "$label" fastrs 3); arps=$(pick "$label" axum 3)
  fcpu=$(pick "$label" fastrs 4); acpu=$(pick "$label" axum 4)
  ratio=$(awk -v f="$fcpu" -v a="$acpu" 'BEGIN {printf "%.3f", f / a}')
  echo "| $label | $frps | $arps | $fcpu | $acpu | $ratio |"
done
