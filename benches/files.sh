#!/usr/bin/env bash
# File download throughput over loopback: fastrs's `FileResponse` against tower-http's
# `ServeFile` serving the same file from one process (src/bin/file_throughput.rs), each
# downloaded ROUNDS times with curl; prints the median MB/s of each. Not a test: run it by
# hand on a quiet machine. The file is read once first, so both serve it from the page cache.
#
#   benches/files.sh                 # a 256 MiB file, 7 rounds
#   SIZE_MIB=1024 ROUNDS=5 benches/files.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE_MIB=${SIZE_MIB:-256}
ROUNDS=${ROUNDS:-7}
cargo build --release -q -p fastrs-benches --features files --bin file-throughput

work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$work/file.bin"
cat "$work/file.bin" >/dev/null
BENCH_FILE="$work/file.bin" FASTRS_ADDR=127.0.0.1:8091 AXUM_ADDR=127.0.0.1:8092 \
  target/release/file-throughput 2>/dev/null &
server=$!
for _ in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:8092/file -r 0-0 && break; sleep 0.1; done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
speed() { curl -s -o /dev/null -w '%{speed_download}\n' "$1"; }

declare -A results
for round in $(seq "$ROUNDS"); do
  results[fastrs]+="$(speed http://127.0.0.1:8091/file) "
  results[axum]+="$(speed http://127.0.0.1:8092/file) "
done
for name in fastrs axum; do
  mbps=$(tr ' ' '\n' <<<"${results[$name]}" | grep . | median | awk '{printf "%.0f", $1 / 1e6}')
  echo "$name: ${SIZE_MIB} MiB file, median of $ROUNDS downloads: $mbps MB/s"
done
