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
# The bytes written and read are the import's whole /proc/PID/io (wchar,
# rchar) at its exit. The data directory is kept for restart and serving benchmarks.
#   BASE=/tmp/wimport/data-300000 FILE=/tmp/new.jsonl bench/import_bench.sh 20000 /tmp/wimport
# imports FILE (N articles) on top of a copy of the data directory BASE
# instead (the writer's cost on a large archive without importing it again);
# with BASE_MOVE=1 it moves BASE there instead of copying it (disk space).
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
  if [[ -n ${BASE_MOVE:-} ]]; then mv "$BASE" "$data"; else cp -a "$BASE" "$data"; fi
fi
iofile=$work/import-$n.io
rm -f "$iofile"
start=$(date +%s.%N)
# bench/io_of.py: the import's whole I/O count when it exits (wchar below).
python3 "$root/bench/io_of.py" "$iofile" "$warta" import --data "$data" "$@" \
    "$file" >/dev/null 2>"$work/import-$n.err" &
wrapper=$!
pid=
while [[ -z $pid ]]; do
  pid=$(awk '/^pid:/ {print $2}' "$iofile" 2>/dev/null || true)
  [[ -n $pid ]] || sleep 0.05
done
declare -A cpu
peak=0
# Bash builtins only (no process a sample): with `cat` and `awk` forked for
# every thread five times a second, this loop took 5-12% of a core from the
# import it measures (2 cores).
while kill -0 "$pid" 2>/dev/null; do
  for t in /proc/$pid/task/*; do
    { read -r stat <"$t/stat"; } 2>/dev/null || continue
    read -r -a f <<<"${stat##*) }"
    cpu[${t##*/}]=$(( f[11] + f[12] ))
  done
  rss=0
  { while read -r key value _; do
      [[ $key == VmHWM: ]] && rss=$value
    done <"/proc/$pid/status"; } 2>/dev/null || true
  (( rss > peak )) && peak=$rss
  sleep 0.2
done
wait "$wrapper" || true
end=$(date +%s.%N)
tail -1 "$work/import-$n.err"
hz=$(getconf CLK_TCK)
writer=${cpu[$pid]:-0}
others=0
for t in "${!cpu[@]}"; do [[ $t == "$pid" ]] || others=$(( others + cpu[$t] )); done
awk -v n="$n" -v s="$start" -v e="$end" -v w="$writer" -v o="$others" -v hz="$hz" \
    -v rss="$peak" -v db="$(du -sk "$data" | cut -f1)" \
    -v wchar="$(awk '/^wchar:/ {print $2}' "$iofile")" \
    -v rchar="$(awk '/^rchar:/ {print $2}' "$iofile")" 'BEGIN {
  wall = e - s; ws = w / hz; os = o / hz
  printf "wall %.1f s, %.0f articles/s\n", wall, n / wall
  printf "writer thread %.1f s CPU (%.0f us/article, %.0f articles/s per writer core)\n", ws, ws * 1e6 / n, n / ws
  printf "other threads %.1f s CPU (%.0f us/article)\n", os, os * 1e6 / n
  printf "CPU %.0f%% of one core; peak RSS %.0f MiB; data %.0f MiB\n", (ws + os) * 100 / wall, rss / 1024, db / 1024
  printf "written %.0f MiB (%.1f KiB/article), read %.0f MiB (%.1f KiB/article; the input file included)\n", wchar / 1048576, wchar / 1024 / n, rchar / 1048576, rchar / 1024 / n
}'
