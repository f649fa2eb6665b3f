#!/usr/bin/env bash
# Start and restart time of `warta serve` with the persisted search index,
# and its resident memory. Run by hand (docs/discovery.md, "Restart"):
#   bench/gen_articles.py 100000 --out a.jsonl
#   ./build/warta import --data /tmp/d100k a.jsonl
#   bench/index/restart.sh /tmp/d100k
# Four starts of `serve` on DATA: with DATA/index removed (a first start:
# built in the background), a restart (files mapped), a restart after
# truncating a segment file (rebuilt in the background), and a restart
# after that (a third argument `restart-only`: two plain restarts;
# `no-damage`: first start and two restarts). Each row: seconds
# from exec until it listens (/healthz), until /api/search answers 200,
# until the home page answers (rendered cold), VmRSS after a few searches
# and pages, and the peak (VmHWM: on a first start, the index build's).
set -euo pipefail
data=$1
port=${2:-18089}
bin=${WARTA:-./build/warta}
base="http://127.0.0.1:$port"
now() { date +%s.%N; }
code() { curl -s -o /dev/null -w '%{http_code}' "$1" || true; }

run() {
  local label=$1 t0 t1 t2 t3 pid rss hwm
  t0=$(now)
  "$bin" serve --data "$data" --host 127.0.0.1 --port "$port" \
    2>"/tmp/warta-restart-$label.log" >/dev/null &
  pid=$!
  until [[ "$(code "$base/healthz")" == 200 ]]; do
    kill -0 "$pid" 2>/dev/null || { cat "/tmp/warta-restart-$label.log"; exit 1; }
    sleep 0.01
  done
  t1=$(now)
  until [[ "$(code "$base/api/search?q=jakarta")" == 200 ]]; do sleep 0.01; done
  t2=$(now)
  until [[ "$(code "$base/")" == 200 ]]; do sleep 0.01; done
  t3=$(now)
  for q in presiden banjir ekonomi harga%20beras sepak%20bola; do
    curl -s -o /dev/null "$base/api/search?q=$q"
    curl -s -o /dev/null "$base/cari?q=$q"
  done
  curl -s -o /dev/null "$base/"
  rss=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
  hwm=$(awk '/VmHWM/{print $2}' "/proc/$pid/status")
  kill -TERM "$pid"
  wait "$pid" || true
  awk -v l="$label" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v r="$rss" \
    -v h="$hwm" \
    'BEGIN { printf "| %s | %.2f s | %.2f s | %.2f s | %d MiB | %d MiB |\n",
             l, b - a, c - a, d - a, r / 1024, h / 1024 }'
}

echo "| start | listening | search answers | home page answers | RSS | peak RSS |"
echo "|---|---|---|---|---|---|"
if [[ "${3:-}" == restart-only ]]; then
  run restart
  run restart
  exit 0
fi
rm -rf "$data/index"
run first-start
run restart
if [[ "${3:-}" == no-damage ]]; then  # skip the second full build (1M)
  run restart
  exit 0
fi
seg=$(ls "$data"/index/seg-*.idx | head -1)
truncate -s -4096 "$seg"
run damaged-file
run restart-after-rebuild
