#!/usr/bin/env bash
# Server CPU while an editor publishes (issue 10, docs/benchmarks.md "1M on a
# quiet machine"):
#   bench/site/write_cpu.sh DATA [N]
#   WARTA=/tmp/other/warta bench/site/write_cpu.sh /tmp/w1m/data-1000000 12
#   PERF=OUT.data bench/site/write_cpu.sh DATA 15     # also perf record it
# Serves DATA, logs an editor in, then publishes N articles one second apart
# and reads the page of each one's category and the home page right after.
# Prints each read's time and the server's CPU (utime + stime, in 1/100 s)
# used from the first write to the last read: a figure the machine's load
# changes little, so two builds can be compared on a busy machine.
set -euo pipefail
data=${1:?usage: bench/site/write_cpu.sh DATA [N]}
n=${2:-12}
root=$(cd "$(dirname "$0")/../.." && pwd)
warta=${WARTA:-$root/build/warta}
port=${PORT:-18311}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
# shellcheck source=bench/site_common.sh
. "$root/bench/site_common.sh"
bench_serve "$data" "$work/serve.log"
pid=$bench_pid
bench_editor "$data" "Redaksi Uji CPU" "$work/cookies"
bench_categories 6
cats=("${bench_cat_names[@]}")
slugs=("${bench_cat_slugs[@]}")
ms() { curl -s -o /dev/null -w '%{time_total}\n' "$1" | awk '{printf "%.2f", $1 * 1000}'; }
perf_pid=
if [[ -n ${PERF:-} ]]; then
  perf record -F 999 --call-graph dwarf,16384 -o "$PERF" -p "$pid" 2>/dev/null &
  perf_pid=$!
  bench_helpers+=("$perf_pid")
fi
t0=$(bench_cpu_ticks "$pid")
for i in $(seq 1 "$n"); do
  k=$((i % ${#cats[@]}))
  bench_publish "Uji CPU penulisan nomor $i dari meja redaksi" \
    $'Paragraf pertama.\n\nParagraf kedua tentang warga dan pemerintah daerah.' \
    "${cats[$k]}" "Uji CPU" >/dev/null
  echo "write $i: /kategori/${slugs[$k]} $(ms "$base/kategori/${slugs[$k]}") ms, home $(ms "$base/") ms"
  sleep 1
done
t1=$(bench_cpu_ticks "$pid")
echo "server CPU from the first write to the last read: $((t1 - t0)) ticks (1/100 s) for $n writes"
if [[ -n $perf_pid ]]; then kill -INT "$perf_pid"; wait "$perf_pid" || true; fi
rm -rf "$work"
