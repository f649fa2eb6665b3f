#!/usr/bin/env bash
# Deep list pages (docs/benchmarks.md, "Deep list pages skip whole months"):
#   bench/site/deep_pages.sh DATA PATH PAGES [PATH PAGES ...]
# Starts `warta serve` on DATA (WARTA=... for another build), waits until
# /api/search answers (on a first start the index build would share the
# cores), then fetches ten pages at each of the start, the middle and the
# end of each list PATH of PAGES pages, once each (so each is rendered
# cold), one at a time, and prints p50 and max per ten.
set -euo pipefail
data=${1:?usage: bench/site/deep_pages.sh DATA PATH PAGES [PATH PAGES ...]}
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
warta=${WARTA:-$root/build/warta}
port=${PORT:-18379}
base="http://127.0.0.1:$port"
"$warta" serve --data "$data" --host 127.0.0.1 --port "$port" \
  >/tmp/deep_pages.err 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for i in $(seq 1800); do
  curl -sf -o /dev/null "$base/api/search?q=banjir" && break
  kill -0 $pid 2>/dev/null || { cat /tmp/deep_pages.err; exit 1; }
  sleep 1
done
echo "search answers after ${i} s"
ten() {  # path first
  for n in $(seq "$2" $(($2 + 9))); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$base$1?page=$n"
  done | sort -k2 -g | awk -v what="$1?page=$2..$(($2 + 9))" '
    $1 != 200 { bad++ } { v[NR] = $2 * 1000 }
    END { printf "%-44s p50 %5.1f ms  max %5.1f ms  not 200: %d\n",
          what, (v[5] + v[6]) / 2, v[10], bad }'
}
while [ $# -ge 2 ]; do
  path=$1 pages=$2
  shift 2
  ten "$path" 2
  ten "$path" $((pages / 2))
  ten "$path" $((pages - 9))
done
