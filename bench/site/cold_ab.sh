#!/usr/bin/env bash
# Cold article pages, two builds A/B (docs/benchmarks.md, "Cold article pages"):
#   bench/site/cold_ab.sh OLD_WARTA OLD_DATA NEW_WARTA NEW_DATA PATHS [N] [ROUNDS]
# Each run starts a fresh `warta serve` (empty page cache) on its data
# directory (give each build its own copy of the same import: a newer build
# migrates it), waits until search answers, then fetches the first N paths of
# PATHS (article paths, e.g. from the sitemaps) one at a time with curl and
# prints p50/p90/p99/max. Builds alternate, ROUNDS times.
# ACCEPT_ENCODING="gzip, deflate, br" sends that field with each fetch, as
# browsers do (default: none, as curl).
set -u
old=${1:?usage: cold_ab.sh OLD_WARTA OLD_DATA NEW_WARTA NEW_DATA PATHS [N] [ROUNDS]}
old_data=$2 new=$3 new_data=$4 paths=$5 n=${6:-250} rounds=${7:-2}
port=${PORT:-18456}
accept=(); [[ -n ${ACCEPT_ENCODING:-} ]] && accept=(-H "Accept-Encoding: $ACCEPT_ENCODING")
B=http://127.0.0.1:$port
run() {  # binary data label
  "$1" serve --data "$2" --host 127.0.0.1 --port "$port" >/dev/null 2>"/tmp/cold_ab-$3.err" &
  local pid=$!
  for _ in $(seq 600); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$B/api/search?q=jakarta") == 200 ]] && break
    sleep 0.1
  done
  sleep 1
  head -n "$n" "$paths" | while read -r p; do curl -s "${accept[@]}" -o /dev/null -w '%{time_total}\n' "$B$p"; done |
    sort -g | awk -v l="$3" '{a[NR]=$1*1000} END {
      printf "%s n=%d p50=%.1f p90=%.1f p99=%.1f max=%.1f ms\n", l, NR, a[int(NR/2)],
        a[int(NR*0.9)], a[int(NR*0.99)], a[NR]}'
  kill "$pid"; wait "$pid" 2>/dev/null
}
for _ in $(seq "$rounds"); do
  uptime
  run "$old" "$old_data" old
  run "$new" "$new_data" new
done
