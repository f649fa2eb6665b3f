#!/usr/bin/env bash
# Import rate of `warta import` on N generated real-sized articles.
#   bench/import_bench.sh N [WORKDIR] [extra import flags...]
#   bench/import_bench.sh 100000 /tmp/wimport
#   bench/import_bench.sh 100000 /tmp/wimport --batch 2000
# Generates WORKDIR/articles-N.jsonl once (bench/gen_articles.py, reused by
# later runs), imports it into a fresh WORKDIR/data-N, then prints the wall
# time and rate, the CPU seconds of the writer (the main thread) and of the
# other threads (parse/render workers), the resulting rates per CPU second
# (what a machine with free cores would reach), peak RSS and database size.
# The data directory is kept for restart and serving benchmarks.
#   BASE=/tmp/wimport/data-300000 FILE=/tmp/new.jsonl bench/import_bench.sh 20000 /tmp/wimport
# imports FILE (N articles) on top of a copy of the data directory BASE
# instead (the writer's cost on a large archive without importing it again).
set -euo pipefail
n=${1:?usage: bench/import_bench.sh N [WORKDIR] [import flags...]}
work=${2:-/tmp/wimport}
shift $(( $# >= 2 ? 2 : 1 ))
root=$(cd "$(dirname "$0")/.." && pwd)
warta=${WARTA:-$root/build/warta}
mkdir -p "$work"
file=${FILE:-$work/articles-$n.jsonl}
if [[ ! -s $file ]]; then
  echo "generating $n articles into $file" >&2
  python3 "$root/bench/gen_articles.py" "$n" --out "$file.tmp"
  mv "$file.tmp" "$file"
fi
data=$work/data-$n
rm -rf "$data"
if [[ -n ${BASE:-} ]]; then
  data=$work/data-$(basename "$BASE")-plus-$n
  rm -rf "$data"
  cp -a "$BASE" "$data"
fi
start=$(date +%s.%N)
"$warta" import --data "$data" "$@" "$file" >/dev/null 2>"$work/import-$n.err" &
pid=$!
declare -A cpu
peak=0
while kill -0 "$pid" 2>/dev/null; do
  for t in /proc/$pid/task/*; do
    stat=$(cat "$t/stat" 2>/dev/null) || continue
    read -r -a f <<<"${stat##*) }"
    cpu[${t##*/}]=$(( f[11] + f[12] ))
  done
  rss=$(awk '/VmHWM/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
  (( rss > peak )) && peak=$rss
  sleep 0.2
done
wait "$pid" || true
end=$(date +%s.%N)
tail -1 "$work/import-$n.err"
hz=$(getconf CLK_TCK)
writer=${cpu[$pid]:-0}
others=0
for t in "${!cpu[@]}"; do [[ $t == "$pid" ]] || others=$(( others + cpu[$t] )); done
awk -v n="$n" -v s="$start" -v e="$end" -v w="$writer" -v o="$others" -v hz="$hz" \
    -v rss="$peak" -v db="$(du -sk "$data" | cut -f1)" 'BEGIN {
  wall = e - s; ws = w / hz; os = o / hz
  printf "wall %.1f s, %.0f articles/s\n", wall, n / wall
  printf "writer thread %.1f s CPU (%.0f us/article, %.0f articles/s per writer core)\n", ws, ws * 1e6 / n, n / ws
  printf "other threads %.1f s CPU (%.0f us/article)\n", os, os * 1e6 / n
  printf "CPU %.0f%% of one core; peak RSS %.0f MiB; data %.0f MiB\n", (ws + os) * 100 / wall, rss / 1024, db / 1024
}'
