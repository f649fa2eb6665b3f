#!/usr/bin/env bash
# "Mungkin Kamu Suka" alone, two builds A/B (docs/benchmarks.md, "A cold
# article page does only what its reader needs"):
#   bench/site/related_ab.sh OLD_WARTA OLD_DATA NEW_WARTA NEW_DATA PATHS [FROM] [TO] [ROUNDS]
# Each run starts a fresh `warta serve` on its data directory, waits until
# search answers, then asks GET /api/related?path=P (not cached: the same
# function as the article page's box) for lines FROM..TO of PATHS one at a
# time and prints the server's CPU time (user + system, from /proc) per
# request. Builds alternate, ROUNDS times.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=bench/site_common.sh
. "$root/bench/site_common.sh"
old=${1:?usage: related_ab.sh OLD_WARTA OLD_DATA NEW_WARTA NEW_DATA PATHS [FROM] [TO] [ROUNDS]}
old_data=$2 new=$3 new_data=$4 paths=$5 from=${6:-1} to=${7:-400} rounds=${8:-2}
port=${PORT:-18464}
B=http://127.0.0.1:$port
run() {  # binary data label
  bench_start_only "$1" "$2" "$port" "/tmp/related_ab-$3.err"
  local pid=$bench_pid
  local c0 c1 n
  c0=$(bench_cpu_ticks "$pid")
  n=$(sed -n "${from},${to}p" "$paths" | while read -r p; do
    curl -s -o /dev/null -w '%{http_code}\n' "$B/api/related?path=$p"; done | grep -c '^200$')
  c1=$(bench_cpu_ticks "$pid")
  awk -v l="$3" -v n="$n" -v t=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "%s n=%d cpu %.3f ms/request\n", l, n, n ? t * 1000 / hz / n : 0}'
  kill "$pid"; wait "$pid" 2>/dev/null
}
for _ in $(seq "$rounds"); do
  run "$old" "$old_data" old
  run "$new" "$new_data" new
done
