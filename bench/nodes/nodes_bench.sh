#!/usr/bin/env bash
# Several nodes on PostgreSQL (issue 11, docs/scaling.md): article pages and
# search through HAProxy with one node and with two, each node pinned to
# its own core, and the write rate the admin API sustains on PostgreSQL and
# on SQLite. Prints Markdown tables and the machine's load (uptime) before
# and after each run: on a shared machine, read the numbers with it.
#
#   bench/nodes/nodes_bench.sh [seconds] [connections] [articles] [rounds]
#
# Defaults: 10 s per run, 32 connections, 2000 articles, 3 rounds (one node
# and two alternate which goes first) (bench/gen_articles.py
# from ../shared's corpus; demo/articles when it is absent). Node 1 runs on
# core 0, node 2 on core 1 (taskset), one server thread each; HAProxy,
# PostgreSQL and wrk are not pinned and share the same cores, so on a
# 2-core machine the two-node case has no core of its own for them. The
# PostgreSQL cluster is a throwaway one (scripts/pg-cluster) with fsync and
# synchronous commits on (WARTA_PG_DURABLE=1), as SQLite runs with
# synchronous=NORMAL in WAL mode.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10}
conns=${2:-32}
articles=${3:-2000}
rounds=${4:-3}
./scripts/install-deps --bench
# The binary only (the tests' targets are not needed here).
if [[ -f build/build.ninja ]]; then
  cmake --build build --target warta >/dev/null
else
  ./scripts/build >/dev/null
fi
for tool in haproxy wrk taskset; do
  command -v "$tool" >/dev/null || { echo "nodes_bench: $tool missing" >&2; exit 1; }
done
ncores=$(nproc)
core2=$((ncores > 1 ? 1 : 0))

work=$(mktemp -d /tmp/warta-nodes-XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  ./scripts/pg-cluster stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT

url=$(WARTA_PG_DURABLE=1 ./scripts/pg-cluster start "$work/pg")
if [[ -f ../shared/corpus/id-news.jsonl.gz ]]; then
  python3 bench/gen_articles.py "$articles" --out "$work/articles.jsonl" >/dev/null
  inputs=("$work/articles.jsonl")
else
  echo "nodes_bench: ../shared missing: using demo/articles" >&2
  inputs=(demo/articles/*.md)
fi
./build/warta import --data "$work/n1" --store "$url" --quiet "${inputs[@]}" > "$work/paths"
printf 'kata-sandi-bench-panjang\n' | ./build/warta user add --data "$work/n1" --store "$url" \
  --email admin@contoh.id --name Bench --role admin --password-stdin >/dev/null

start_node() {  # name, core, data dir, extra args... -> sets port_<name>
  local name=$1 core=$2 data=$3
  taskset -c "$core" ./build/warta serve --data "$data" --port 0 --threads 1 "${@:4}" \
    > "$work/$name.out" 2> "$work/$name.log" &
  pids+=($!)
  for _ in $(seq 200); do grep -q listening "$work/$name.out" 2>/dev/null && break; sleep 0.1; done
  local port
  port=$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$work/$name.out")
  printf -v "port_$name" '%s' "$port"
  # Until the search index is built.
  for _ in $(seq 600); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/search?q=x" 2>/dev/null) != 503 ]] && break
    sleep 0.1
  done
}
start_node node1 0 "$work/n1" --store "$url"
start_node node2 "$core2" "$work/n2" --store "$url"

start_haproxy() {  # name, ports... -> sets lb_<name>
  local name=$1 port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  {
    printf 'global\n  maxconn 4096\n  nbthread 1\n'
    printf 'defaults\n  mode http\n  timeout connect 2s\n  timeout client 30s\n  timeout server 30s\n'
    printf 'frontend www\n  bind 127.0.0.1:%s\n  default_backend warta\n' "$port"
    printf 'backend warta\n  balance roundrobin\n  option httpchk\n  http-check send meth GET uri /healthz\n'
    local i=0
    for p in "${@:2}"; do i=$((i + 1)); printf '  server n%s 127.0.0.1:%s check\n' "$i" "$p"; done
  } > "$work/haproxy-$name.cfg"
  haproxy -db -f "$work/haproxy-$name.cfg" > "$work/haproxy-$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  printf -v "lb_$name" '%s' "$port"
}
start_haproxy one "$port_node1"
start_haproxy two "$port_node1" "$port_node2"

# Request lists: the first 500 article paths; search words from titles.
head -n 500 "$work/paths" > "$work/articles.txt"
sed -e 's|.*/||' -e 's|-| |g' "$work/articles.txt" | awk '{print $1" "$2}' |
  sed 's| |+|' | awk '{print "/cari?q=" $0}' | head -n 200 > "$work/search.txt"
# Warm both nodes' page caches (what readers mostly hit).
for port in "$port_node1" "$port_node2"; do
  while read -r p; do curl -s -o /dev/null "http://127.0.0.1:$port$p"; done < "$work/articles.txt"
done
cat > "$work/paths.lua" <<'LUA'
local paths = {}
local n = 0
function init(args)
  for line in io.lines(args[1]) do n = n + 1; paths[n] = line end
end
local i = 0
function request()
  i = i % n + 1
  return wrk.format("GET", paths[i])
end
LUA

run_wrk() {  # port, list -> "req/s | p50 | p99 | errors"
  local out
  out=$(wrk -t2 -c"$conns" -d"${duration}s" --latency -s "$work/paths.lua" \
        "http://127.0.0.1:$1" -- "$2" 2>&1)
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "$rps | $p50 | $p99 | ${non2xx:-0}"
}

echo "## Reads through HAProxy ($duration s per run, $conns connections, wrk -t2)"
echo
echo "| case | round | nodes | req/s | p50 | p99 | non-2xx | load before | load after |"
echo "|---|---|---|---|---|---|---|---|---|"
for round in $(seq "$rounds"); do
  order="one two"; (( round % 2 == 0 )) && order="two one"
  for kind in articles search; do
    for nodes in $order; do
      lbport_var=lb_$nodes
      before=$(uptime | sed 's/.*load average: //')
      result=$(run_wrk "${!lbport_var}" "$work/$kind.txt")
      after=$(uptime | sed 's/.*load average: //')
      n=1; [[ $nodes == two ]] && n=2
      echo "| $kind | $round | $n | $result | $before | $after |"
    done
  done
done
echo

# Writes: the admin API creating published articles, on PostgreSQL (node 1)
# and on SQLite (a node on its own data directory, core 0 too).
start_node sqlite 0 "$work/sqlite"
printf 'kata-sandi-bench-panjang\n' | ./build/warta user add --data "$work/sqlite" \
  --email admin@contoh.id --name Bench --role admin --password-stdin >/dev/null
login() {  # port -> writes $work/login-<port>.lua
  local headers body cookie csrf
  headers=$(mktemp)
  body=$(curl -s -D "$headers" -H 'Content-Type: application/json' \
    -d '{"email":"admin@contoh.id","password":"kata-sandi-bench-panjang"}' \
    "http://127.0.0.1:$1/api/admin/session")
  cookie=$(sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\);.*/\1/p' "$headers" | head -n 1)
  csrf=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["csrf_token"])' "$body")
  rm -f "$headers"
  cat > "$work/write-$1.lua" <<LUA
local n = 0
local id = 0
function setup(thread) id = id + 1; thread:set("id", id) end
function request()
  n = n + 1
  local body = string.format(
    '{"title":"Uji tulis %d-%d","body":"Isi uji tulis nomor %d dari utas %d.","status":"published"}',
    id, n, n, id)
  return wrk.format("POST", "/api/admin/articles", {
    ["Content-Type"] = "application/json",
    ["Cookie"] = "$cookie",
    ["X-CSRF-Token"] = "$csrf"}, body)
end
LUA
}
echo "## Writes: POST /api/admin/articles (published), $duration s, 4 connections"
echo
echo "| store | writes/s | p50 | p99 | non-2xx | load before | load after |"
echo "|---|---|---|---|---|---|---|"
for store in postgres sqlite; do
  port=$port_node1; [[ $store == sqlite ]] && port=$port_sqlite
  login "$port"
  before=$(uptime | sed 's/.*load average: //')
  out=$(wrk -t1 -c4 -d"${duration}s" --latency -s "$work/write-$port.lua" "http://127.0.0.1:$port" 2>&1)
  after=$(uptime | sed 's/.*load average: //')
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "| $store | $rps | $p50 | $p99 | ${non2xx:-0} | $before | $after |"
done
