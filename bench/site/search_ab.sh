#!/usr/bin/env bash
# The search page and /api/search, two builds A/B (docs/benchmarks.md,
# "Search pages that cost what they show"):
#   bench/site/search_ab.sh OLD_WARTA OLD_DATA NEW_WARTA NEW_DATA OUT [ROUNDS]
# Each run starts a fresh `warta serve` on its data directory, waits until
# search answers, asks every page once (warm-up), then:
# - one at a time: pages 1-5 of /cari?q=Q for the 8 queries of
#   site_bench.sh (40 pages), REPS times (3), and prints the server's CPU
#   time (user + system, from /proc) per page;
# - with WRK_SECS set: wrk -t1 -c32 -d${WRK_SECS}s over those 40 pages,
#   printing requests/s, p50, p99 and the CPU time per page under load.
# The /api/search answers for the same pages go to OUT/LABEL-api.json (and
# their result URLs in order to OUT/LABEL-api.txt), to compare the builds.
# Builds alternate, ROUNDS times. A data directory is only read.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=bench/site_common.sh
. "$root/bench/site_common.sh"
old=${1:?usage: search_ab.sh OLD_WARTA OLD_DATA NEW_WARTA NEW_DATA OUT [ROUNDS]}
old_data=$2 new=$3 new_data=$4 out=${5:?OUT} rounds=${6:-2}
port=${PORT:-18471}
B=http://127.0.0.1:$port
mkdir -p "$out"
queries="presiden banjir%20jakarta harga%20beras sepak%20bola menyuarakan
ekonomi%20digital gempa pemilu"
for page in 1 2 3 4 5; do
  for q in $queries; do echo "/cari?q=$q&page=$page"; done
done >"$out/pages.txt"
lua=$out/rotate.lua
cat >"$lua" <<'EOF'
-- The paths of PATHS_FILE in turn.
local paths, i = {}, 0
for line in io.lines(os.getenv("PATHS_FILE")) do paths[#paths + 1] = line end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
EOF
echo "$bench_wrk_result_lua" >>"$lua"
hz=$(getconf CLK_TCK)
run() {  # binary data label
  bench_start_only "$1" "$2" "$port" "$out/$3.err"
  local pid=$bench_pid c0 c1 n
  while read -r p; do curl -s -o /dev/null "$B$p"; done <"$out/pages.txt"
  for page in 1 2 3 4 5; do
    for q in $queries; do
      curl -s "$B/api/search?q=$q&offset=$(((page - 1) * 10))"
    done
  done >"$out/$3-api.json"
  grep -o '"url":"[^"]*"' "$out/$3-api.json" >"$out/$3-api.txt"
  c0=$(bench_cpu_ticks "$pid")
  n=$(for _ in $(seq "${REPS:-3}"); do
        while read -r p; do curl -s -o /dev/null -w '%{http_code}\n' "$B$p"; done \
          <"$out/pages.txt"
      done | grep -c '^200$')
  c1=$(bench_cpu_ticks "$pid")
  awk -v l="$3" -v n="$n" -v t=$((c1 - c0)) -v hz="$hz" \
    'BEGIN {printf "%s one at a time: n=%d cpu %.2f ms/page\n", l, n, n ? t * 1000 / hz / n : 0}'
  if [[ -n ${WRK_SECS:-} ]]; then
    local r rps p50 p99 errs reqs
    c0=$(bench_cpu_ticks "$pid")
    r=$(PATHS_FILE="$out/pages.txt" wrk -t1 -c32 -d"${WRK_SECS}s" -s "$lua" "$B" |
        grep '^RESULT')
    c1=$(bench_cpu_ticks "$pid")
    read -r _ rps p50 p99 errs reqs <<<"$r"
    awk -v l="$3" -v rps="$rps" -v p50="$p50" -v p99="$p99" -v e="$errs" \
      -v n="$reqs" -v t=$((c1 - c0)) -v hz="$hz" \
      'BEGIN {printf "%s wrk -t1 -c32: %s req/s p50 %s ms p99 %s ms non-2xx %s cpu %.2f ms/page\n",
              l, rps, p50, p99, e, n ? t * 1000 / hz / n : 0}'
  fi
  kill "$pid"; wait "$pid" 2>/dev/null
}
for _ in $(seq "$rounds"); do
  run "$old" "$old_data" old
  run "$new" "$new_data" new
done
if cmp -s "$out/old-api.txt" "$out/new-api.txt"; then
  echo "/api/search: the same $(wc -l <"$out/new-api.txt") result URLs in the same order"
else
  echo "/api/search result URLs DIFFER:"; diff "$out/old-api.txt" "$out/new-api.txt" | head
fi
if cmp -s "$out/old-api.json" "$out/new-api.json"; then
  echo "/api/search: identical answers (titles, snippets, dates, totals)"
else
  echo "/api/search answers differ beyond the URLs (see $out/*-api.json)"
fi
