#!/usr/bin/env bash
# Serves the demo article page with warta and the same bytes as a static file
# with nginx, then loads both with wrk in the same run, alternating, and prints
# a Markdown table with requests/s, latency and the warta/nginx ratio.
#
#   bench/article_vs_nginx.sh [seconds-per-run] [connections] [rounds]
#
# Both servers get one worker thread; wrk gets one thread. Plain (identity)
# and gzip responses are measured: nginx serves the gzip bytes with
# gzip_static from the very file warta serves.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
conns=${2:-50}
rounds=${3:-3}
./scripts/install-deps --bench
./scripts/build >/dev/null

work=$(mktemp -d /tmp/warta-bench-XXXXXX)
chmod 755 "$work"  # nginx workers run as www-data
cleanup() {
  [[ -n "${warta_pid:-}" ]] && kill "$warta_pid" 2>/dev/null || true
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# warta with the demo newsroom.
mkdir -p "$work/data"
printf 'server.access_log = false\nserver.threads = 1\n' > "$work/data/warta.conf"
./build/warta import --data "$work/data" --quiet demo/articles/*.md > "$work/paths"
path=$(head -n 1 "$work/paths")
./build/warta serve --data "$work/data" --port 0 > "$work/warta.out" 2> "$work/warta.err" &
warta_pid=$!
for _ in $(seq 50); do grep -q listening "$work/warta.out" 2>/dev/null && break; sleep 0.1; done
wport=$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$work/warta.out")
warta_url="http://127.0.0.1:$wport$path"

# nginx with the same bytes (and the same gzip bytes for gzip_static).
mkdir -p "$work/www/berita" "$work/logs"
curl -sf "$warta_url" -o "$work/www/article.html"
curl -sf -H 'Accept-Encoding: gzip' "$warta_url" -o "$work/www/article.html.gz"
nport=$((wport + 1))
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
daemon on;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { text/html html; }
  server {
    listen 127.0.0.1:$nport;
    root $work/www;
    gzip_static on;
    location / { try_files /article.html =404; }
  }
}
CONF
/usr/sbin/nginx -c "$work/nginx.conf" -p "$work" 2>/dev/null
sleep 0.3
nginx_url="http://127.0.0.1:$nport/article.html"
cmp <(curl -sf "$warta_url") <(curl -sf "$nginx_url") || { echo "bytes differ" >&2; exit 1; }

run() {  # url, accept-encoding -> "rps p50ms p99ms"
  local out
  out=$(wrk -t1 -c"$conns" -d"${duration}s" --latency -H "Accept-Encoding: $2" "$1")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "$rps $p50 $p99"
}

bytes=$(stat -c %s "$work/www/article.html")
gzbytes=$(stat -c %s "$work/www/article.html.gz")
echo "| encoding | round | warta req/s | nginx req/s | warta/nginx | warta p50 / p99 | nginx p50 / p99 |"
echo "|---|---|---|---|---|---|---|"
for enc in identity gzip; do
  for r in $(seq "$rounds"); do
    read -r wr w50 w99 < <(run "$warta_url" "$enc")
    read -r nr n50 n99 < <(run "$nginx_url" "$enc")
    ratio=$(awk -v a="$wr" -v b="$nr" 'BEGIN {printf "%.2f", a / b}')
    echo "| $enc | $r | $wr | $nr | $ratio | $w50 / $w99 | $n50 / $n99 |"
  done
done
echo
echo "page: $path, $bytes bytes ($gzbytes gzip); wrk -t1 -c$conns -d${duration}s; one server thread each;" \
     "$(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
