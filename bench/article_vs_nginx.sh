#!/usr/bin/env bash
# Serves the demo newsroom's article and home pages with warta and the same
# bytes as static files with nginx, then loads them with wrk in the same run,
# alternating, and prints a Markdown table with requests/s, latency and the
# warta/nginx ratio, then the median ratio and range per case.
#
#   bench/article_vs_nginx.sh [seconds-per-run] [connections] [rounds] [idle]
#   WARTA=/path/to/warta bench/article_vs_nginx.sh ...   (another build, for an A/B)
#   CORPUS=1 bench/article_vs_nginx.sh ...  (an id-news corpus article from
#   ../shared, default settings, instead of the demo newsroom)
#
# Every server runs on core 0 (taskset; one I/O thread for warta, one worker
# for nginx), wrk and the idle-connection holder on core 1. Two warta servers
# run side by side: access log on (the default, written to a file) and off.
# Cases: article and home page, identity and gzip (nginx serves the gzip
# bytes with gzip_static from the very file warta serves). `idle` keep-alive
# connections (default 1000, 0 for none) are held open to the server under
# load during each run, from 127.0.0.2 (warta limits connections per client
# address to 1000 by default; wrk comes from 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
conns=${2:-64}
rounds=${3:-3}
idle=${4:-1000}
ncores=$(nproc)
warta=${WARTA:-./build/warta}  # another build for an A/B
server_cpu=0
client_cpu=$((ncores > 1 ? 1 : 0))
./scripts/install-deps --bench
./scripts/build >/dev/null

work=$(mktemp -d /tmp/warta-bench-XXXXXX)
chmod 755 "$work"  # nginx workers run as www-data
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -n "${idle_pid:-}" ]] && kill "$idle_pid" 2>/dev/null || true
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# warta with the demo newsroom, once with the access log on, once off.
mkdir -p "$work/data"
if [[ ${CORPUS:-0} == 1 ]]; then
  # As the issue's outside check: the id-news corpus imported, default
  # settings (one I/O thread, as the server is pinned to one core).
  "$warta" import --data "$work/data" --quiet ../shared/corpus/id-news.jsonl.gz > "$work/paths"
else
  printf 'server.threads = 1\n' > "$work/data/warta.conf"
  "$warta" import --data "$work/data" --quiet demo/articles/*.md > "$work/paths"
fi
article=$(head -n 1 "$work/paths")
start_warta() {  # name, extra env -> sets port_<name>
  local name=$1
  env "${@:2}" taskset -c "$server_cpu" "$warta" serve --data "$work/data" --port 0 \
    > "$work/$name.out" 2> "$work/$name.log" &
  pids+=($!)
  for _ in $(seq 100); do grep -q listening "$work/$name.out" 2>/dev/null && break; sleep 0.1; done
  printf -v "port_$name" '%s' \
    "$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$work/$name.out")"
}
start_warta log
start_warta nolog WARTA_SERVER_ACCESS_LOG=false
# The first start builds the search index in the background: let it finish.
for p in "$port_log" "$port_nolog"; do
  for _ in $(seq 600); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$p/api/search?q=jakarta") == 200 ]] && break
    sleep 0.1
  done
done

# nginx with the same bytes (and the same gzip bytes for gzip_static).
mkdir -p "$work/www" "$work/logs"
for page in article home; do
  path=$article; [[ $page == home ]] && path=/
  curl -sf "http://127.0.0.1:$port_log$path" -o "$work/www/$page.html"
  curl -sf -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port_log$path" -o "$work/www/$page.html.gz"
done
nport=$((port_log + 1))
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
    location / { try_files \$uri =404; }
  }
}
CONF
taskset -c "$server_cpu" /usr/sbin/nginx -c "$work/nginx.conf" -p "$work" 2>/dev/null
sleep 0.3
for page in article home; do
  path=$article; [[ $page == home ]] && path=/
  cmp <(curl -sf "http://127.0.0.1:$port_log$path") <(curl -sf "http://127.0.0.1:$nport/$page.html") \
    || { echo "$page bytes differ" >&2; exit 1; }
done

run() {  # port, path, accept-encoding -> "rps p50 p99"
  local out idle_pid=
  if (( idle > 0 )); then
    # taskset execs python: $! is the holder itself.
    taskset -c "$client_cpu" python3 bench/idle_conns.py 127.0.0.1 "$1" "$2" "$idle" 127.0.0.2 \
      > "$work/idle.out" 2>&1 &
    idle_pid=$!
    for _ in $(seq 300); do grep -q ready "$work/idle.out" && break; sleep 0.1; done
  fi
  out=$(taskset -c "$client_cpu" wrk -t1 -c"$conns" -d"${duration}s" --latency -H "Accept-Encoding: $3" "http://127.0.0.1:$1$2")
  [[ -n "$idle_pid" ]] && { kill "$idle_pid"; wait "$idle_pid" 2>/dev/null || true; }
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "$rps $p50 $p99"
}

results=$work/results
echo "| case | round | warta req/s | nginx req/s | warta/nginx | warta p50 / p99 | nginx p50 / p99 |"
echo "|---|---|---|---|---|---|---|"
for r in $(seq "$rounds"); do
  for page in article home; do
    path=$article; [[ $page == home ]] && path=/
    for enc in identity gzip; do
      for log in on off; do
        port=$port_log; [[ $log == off ]] && port=$port_nolog
        # Alternate which server goes first from round to round.
        if (( r % 2 )); then
          read -r wr w50 w99 < <(run "$port" "$path" "$enc")
          read -r nr n50 n99 < <(run "$nport" "/$page.html" "$enc")
        else
          read -r nr n50 n99 < <(run "$nport" "/$page.html" "$enc")
          read -r wr w50 w99 < <(run "$port" "$path" "$enc")
        fi
        ratio=$(awk -v a="$wr" -v b="$nr" 'BEGIN {printf "%.2f", a / b}')
        case="$page $enc log-$log"
        echo "$case|$ratio|$w99|$n99" >> "$results"
        echo "| $case | $r | $wr | $nr | $ratio | $w50 / $w99 | $n50 / $n99 |"
      done
    done
  done
done
echo
echo "| case | median warta/nginx | range | warta p99 (median) | nginx p99 (median) |"
echo "|---|---|---|---|---|"
ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
cut -d'|' -f1 "$results" | awk '!seen[$0]++' | while read -r case; do
  ratios=$(grep -F "$case|" "$results" | cut -d'|' -f2)
  med=$(median <<<"$ratios")
  lo=$(sort -g <<<"$ratios" | head -n1)
  hi=$(sort -g <<<"$ratios" | tail -n1)
  w99=$(grep -F "$case|" "$results" | cut -d'|' -f3 | ms | median)
  n99=$(grep -F "$case|" "$results" | cut -d'|' -f4 | ms | median)
  printf '| %s | %.2f | %s–%s | %.2f ms | %.2f ms |\n' "$case" "$med" "$lo" "$hi" "$w99" "$n99"
done
echo
echo "article: $article, $(stat -c %s "$work/www/article.html") bytes ($(stat -c %s "$work/www/article.html.gz") gzip);" \
     "home: $(stat -c %s "$work/www/home.html") bytes ($(stat -c %s "$work/www/home.html.gz") gzip);" \
     "wrk -t1 -c$conns -d${duration}s on core $client_cpu; servers on core $server_cpu, one thread each;" \
     "$idle idle keep-alive connections beside the load; log-on server wrote $(wc -l < "$work/log.log") lines;" \
     "$ncores cores; $(date -u +%Y-%m-%dT%H:%MZ)"
