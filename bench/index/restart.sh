#!/usr/bin/env bash
# Start and restart time of `warta serve` with the persisted search index,
# and its resident memory. Run by hand (docs/discovery.md, "Restart"):
#   bench/index/gen_articles.py ../shared/corpus/id-news.jsonl.gz 100000 > a.jsonl
#   ./build/warta import --data /tmp/d100k a.jsonl
#   bench/index/restart.sh /tmp/d100k
# Four starts of `serve` on DATA: with DATA/index removed (a first start:
# built in the background), a restart (files mapped), a restart after
# truncating a segment file (rebuilt in the background), and a restart
# after that. Each row: seconds from exec until the home page answers,
# until /api/search answers 200, and VmRSS after a few searches and pages.
set -euo pipefail
data=$1
port=${2:-18089}
bin=${WARTA:-./build/warta}
base="http://127.0.0.1:$port"
now() { date +%s.%N; }
code() { curl -s -o /dev/null -w '%{http_code}' "$1" || true; }

run() {
  local label=$1 t0 t1 t2 pid rss
  t0=$(now)
  "$bin" serve --data "$data" --host 127.0.0.1 --port "$port" \
    2>"/tmp/warta-restart-$label.log" >/dev/null &
  pid=$!
  until [[ "$(code "$base/")" == 200 ]]; do sleep 0.01; done
  t1=$(now)
  until [[ "$(code "$base/api/search?q=jakarta")" == 200 ]]; do sleep 0.01; done
  t2=$(now)
  for q in presiden banjir ekonomi harga%20beras sepak%20bola; do
    curl -s -o /dev/null "$base/api/search?q=$q"
    curl -s -o /dev/null "$base/cari?q=$q"
  done
  curl -s -o /dev/null "$base/"
  rss=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
  kill -TERM "$pid"
  wait "$pid" || true
  awk -v l="$label" -v a="$t0" -v b="$t1" -v c="$t2" -v r="$rss" \
    'BEGIN { printf "| %s | %.2f s | %.2f s | %d MiB |\n", l, b - a, c - a, r / 1024 }'
}

echo "| start | home page answers | search answers | RSS |"
echo "|---|---|---|---|"
rm -rf "$data/index"
run first-start
run restart
seg=$(ls "$data"/index/seg-*.idx | head -1)
truncate -s -4096 "$seg"
run damaged-file
run restart-after-rebuild
