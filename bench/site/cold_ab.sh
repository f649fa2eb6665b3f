#!/usr/bin/env bash
# Cold article pages, two builds A/B (docs/benchmarks.md, "Cold article pages"):
#   bench/site/cold_ab.sh OLD_WARTA OLD_DATA NEW_WARTA NEW_DATA PATHS [N] [ROUNDS]
# Each run starts a fresh `warta serve` (empty page cache) on its data
# directory (give each build its own copy of the same import: a newer build
# migrates it), waits until search answers, then fetches the first N paths of
# PATHS (article paths, e.g. from the sitemaps) one at a time with curl and
# prints p50/p90/p99/max, and the server's CPU time (user + system, from
# /proc) per page over those fetches, which the machine's other load
# changes less than the latencies, and the bytes its read calls returned
# (rchar: SQLite's page reads past its own cache, whether or not the OS
# cache held them) and made the disk read (read_bytes, readahead included),
# per page; BLOCKDEV=vda adds the read requests that device completed per
# page (machine-wide: other processes' reads count too). Builds alternate,
# ROUNDS times.
# ACCEPT_ENCODING="gzip, deflate, br" sends that field with each fetch, as
# browsers do (default: none, as curl).
# FRESH=1: each run fetches the next N paths of PATHS instead of the first N,
# so no run reads articles an earlier run brought into the OS page cache (for
# two builds on one data directory, e.g. at 1M where a copy does not fit).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=bench/site_common.sh
. "$root/bench/site_common.sh"
old=${1:?usage: cold_ab.sh OLD_WARTA OLD_DATA NEW_WARTA NEW_DATA PATHS [N] [ROUNDS]}
old_data=$2 new=$3 new_data=$4 paths=$5 n=${6:-250} rounds=${7:-2}
port=${PORT:-18456}
accept=(); [[ -n ${ACCEPT_ENCODING:-} ]] && accept=(-H "Accept-Encoding: $ACCEPT_ENCODING")
B=http://127.0.0.1:$port
skip=0
run() {  # binary data label
  bench_start_only "$1" "$2" "$port" "/tmp/cold_ab-$3.err"
  local pid=$bench_pid
  local cpu0; cpu0=$(bench_cpu_ticks "$pid")
  local rc0 rb0; rc0=$(bench_io "$pid" rchar); rb0=$(bench_io "$pid" read_bytes)
  local ios0; ios0=$(bench_disk_reads)
  tail -n +$((skip + 1)) "$paths" | head -n "$n" | while read -r p; do curl -s "${accept[@]}" -o /dev/null -w '%{time_total}\n' "$B$p"; done |
    sort -g > "/tmp/cold_ab-$3.times"
  local cpu1; cpu1=$(bench_cpu_ticks "$pid")
  local rc1 rb1; rc1=$(bench_io "$pid" rchar); rb1=$(bench_io "$pid" read_bytes)
  local ios1; ios1=$(bench_disk_reads)
  awk -v l="$3" -v cpu=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" \
      -v rc=$((rc1 - rc0)) -v rb=$((rb1 - rb0)) -v ios=$((ios1 - ios0)) '{a[NR]=$1*1000} END {
      printf "%s n=%d p50=%.1f p90=%.1f p99=%.1f max=%.1f ms, cpu %.2f ms/page, read %.1f KB/page (disk %.1f)", l, NR,
        a[int(NR/2)], a[int(NR*0.9)], a[int(NR*0.99)], a[NR], cpu * 1000 / hz / NR,
        rc / 1024 / NR, rb / 1024 / NR
      if (ios >= 0) printf ", %s reads %.1f/page", dev, ios / NR
      printf "\n"}' dev="${BLOCKDEV:-}" \
    "/tmp/cold_ab-$3.times"
  kill "$pid"; wait "$pid" 2>/dev/null
  [[ ${FRESH:-0} == 1 ]] && skip=$((skip + n))
}
for _ in $(seq "$rounds"); do
  uptime
  run "$old" "$old_data" old
  run "$new" "$new_data" new
done
