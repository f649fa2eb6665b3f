#!/usr/bin/env bash
# An editor's saves while another process writes (issue 10, docs/benchmarks.md
# "An editor's save beside an import"): serves DATA, logs an editor in, and publishes
# an article through the admin API every INTERVAL seconds for as long as the
# process PID lives (e.g. a `warta import` into DATA). Prints each save's
# HTTP status and time, the server's own write statements (and failures),
# then the count, failures, median, p90 and largest time.
#   bench/site/save_beside.sh DATA PID [INTERVAL]
#   WARTA=/tmp/slice/warta-new bench/site/save_beside.sh /tmp/slice/d $(pgrep -n warta) 2
# bench/site/save_beside_ab.sh runs it beside imports of two builds in turn.
set -euo pipefail
data=${1:?usage: bench/site/save_beside.sh DATA PID [INTERVAL]}
watch=${2:?usage: bench/site/save_beside.sh DATA PID [INTERVAL]}
interval=${3:-2}
root=$(cd "$(dirname "$0")/../.." && pwd)
warta=${WARTA:-$root/build/warta}
port=${PORT:-18317}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
# shellcheck source=bench/site_common.sh
. "$root/bench/site_common.sh"
# Not bench_serve: while an import runs, the search index chases it, and a
# save does not need it. Waits for the home page instead (at most 120 s).
"$warta" serve --data "$data" --host 127.0.0.1 --port "$port" \
  >/dev/null 2>"$work/serve.log" &
bench_pid=$!
trap bench_cleanup EXIT
for _ in $(seq 240); do
  [[ "$(bench_status "$base/")" == 200 ]] && break
  sleep 0.5
done
bench_editor "$data" "Redaksi Uji Simpan" "$work/cookies"
bench_categories 1
cat=${bench_cat_names[0]}
i=0
: >"$work/times"
while kill -0 "$watch" 2>/dev/null; do
  i=$((i + 1))
  body=$(jq -n --arg t "Simpan di samping impor nomor $i" --arg c "$cat" \
    '{title: $t, body: "Paragraf pertama.\n\nParagraf kedua.", category: $c,
      tags: ["Uji Simpan"], status: "published"}')
  out=$(curl -s -m 60 -o /dev/null -w '%{http_code} %{time_total}' \
    -b "$bench_jar" -H "X-CSRF-Token: $bench_csrf" \
    -H 'Content-Type: application/json' -d "$body" \
    "$base/api/admin/articles" || echo "000 60")
  echo "$(date +%T) save $i: $out"
  echo "$out" >>"$work/times"
  sleep "$interval"
done
# The server's own store writes meanwhile (statements, and failed ones:
# busy after the timeout), from /metrics: a server beside an import writes
# too (stored feeds after each change it follows).
curl -s "$base/metrics" | awk '
  /^warta_store_operation_duration_seconds_count\{op="write"\}/ {w = $2}
  /^warta_store_errors_total\{op="write"\}/ {e = $2}
  END {printf "server: %d write statements, %d failed\n", w, e}'
bad=$(awk '$1 != 200 && $1 != 201' "$work/times" | wc -l)
awk '{printf "%.0f\n", $2 * 1000}' "$work/times" | sort -n |
  awk -v bad="$bad" '{t[NR] = $1} END {
    printf "%d saves, %d failed; median %d ms, p90 %d ms, largest %d ms\n",
      NR, bad, t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)], t[NR]
  }'
rm -rf "$work"
