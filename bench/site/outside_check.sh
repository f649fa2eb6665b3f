#!/usr/bin/env bash
# The flow issue 10's outside checks run, on an imported archive:
#   bench/site/outside_check.sh DATA            (WARTA=... for another build)
# First start and restart until /api/search answers, five /api/search
# timings, 200 never-requested article pages one at a time, then five times:
# `warta import` of one more article from another process while the server
# runs, the home page, its category page and an untouched article page right
# after it (with that page's X-Cache), and whether the new article is on its
# category page one second later, and the server's resident memory (now and
# at its peak) at the end. Each new article has its own text: copies
# of one text would be near-duplicates, which lists show once.
set -euo pipefail
data=${1:?usage: bench/site/outside_check.sh DATA}
root=$(cd "$(dirname "$0")/../.." && pwd)
warta=${WARTA:-$root/build/warta}
port=${PORT:-18377}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
# shellcheck source=bench/site_common.sh
. "$root/bench/site_common.sh"
ms() { curl -s -o /dev/null -w '%{time_total}' "$1" | awk '{printf "%.2f", $1 * 1000}'; }
secs_since() { echo "$(date +%s.%N) - $1" | bc; }
t0=$(date +%s.%N); bench_serve "$data" "$work/first.log"
echo "start until search answers (the index is built first when missing): $(secs_since "$t0") s"
kill "$bench_pid"; wait "$bench_pid" 2>/dev/null || true
t0=$(date +%s.%N); bench_serve "$data" "$work/serve.log"
echo "restart until search answers: $(secs_since "$t0") s"
for q in presiden banjir%20jakarta harga%20beras sepak%20bola menyuarakan; do
  echo "/api/search?q=$q $(ms "$base/api/search?q=$q") ms"
done
bench_article_paths 3 "$work/paths.txt"
head -200 "$work/paths.txt" | while read -r p; do ms "$base$p"; echo; done | sort -g |
  awk '{a[NR]=$1} END {printf "cold article pages n=%d p50 %.2f p99 %.2f max %.2f ms\n",
    NR, a[int(NR/2)], a[int(NR*0.99)], a[NR]}'
untouched=$(sed -n 300p "$work/paths.txt")
slug=$(curl -s "$base/" | grep -o 'href="/kategori/[a-z-]*"' | head -1 | sed 's|.*/kategori/||; s|"||')
places=(Kapuas Mahakam Musi Barito Citarum)
for i in 1 2 3 4 5; do
  ms "$base/" >/dev/null; ms "$base/kategori/$slug" >/dev/null; ms "$base$untouched" >/dev/null
  place=${places[$((i - 1))]}
  jq -cn --arg id "outside-check:$i:$RANDOM$RANDOM" --arg c "$slug" \
    --arg t "Jembatan baru di tepi sungai $place diresmikan nomor $i" \
    --arg b "Jembatan di tepi sungai $place menghubungkan dua kecamatan di sekitar $place.

Warga $place menyambut peresmian itu dengan pawai perahu nomor $i." \
    '{id: $id, title: $t, body: $b, published: "2026-12-05T09:00:00+07:00", category: $c,
      tags: ["Infrastruktur"], authors: ["Redaksi Uji"]}' >"$work/one.jsonl"
  t0=$(date +%s.%N); "$warta" import --data "$data" "$work/one.jsonl" >/dev/null 2>&1
  took=$(secs_since "$t0")
  h=$(ms "$base/"); c=$(ms "$base/kategori/$slug"); u=$(ms "$base$untouched")
  xc=$(curl -s -o /dev/null -D - "$base$untouched" | tr -d '\r' |
    awk -F': ' 'tolower($1)=="x-cache"{print $2}')
  sleep 1
  seen=$(curl -s "$base/kategori/$slug" | grep -c "sungai $place diresmikan" || true)
  echo "import $took s; right after: home $h ms, /kategori/$slug $c ms, untouched $u ms (X-Cache: $xc); on the category page 1 s later: $seen"
done
echo "server memory after the flow: $(awk '/^Vm(RSS|HWM)/ {printf "%s %d MiB  ", $1, $2 / 1024}' "/proc/$bench_pid/status")"
rm -rf "$work"
