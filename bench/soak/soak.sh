#!/usr/bin/env bash
# Soak and abuse suite (issue 15, docs/security.md "Soak and abuse"). Not a
# test: run by hand, results by hand into the docs.
#   bench/soak/soak.sh [--minutes M] [--articles N] [--work DIR]
#                      [--window S] [--abuse-seconds S] [--abuse-rounds R]
#                      [--no-soak] [--no-abuse]
#   bench/soak/soak.sh --minutes 3       # a shortened soak
# 1. Generates N real-sized articles (bench/gen_articles.py, default 20,000)
#    and imports them (bench/import_bench.sh; WARTA_REUSE=1 reuses
#    WORK/data-N), then serves them.
# 2. Maximum: wrk (2 threads, 64 connections, 15 s, after a 20 s warm-up)
#    on mixed pages: 70% article pages (Zipf over the sitemap's articles),
#    30% home, category, tag and search pages.
# 3. Soak: M minutes (default 10) at 80% of that rate (wrk's delay(),
#    corrected each window), while an editor publishes an article every 2 s
#    through the admin API. One row per window: requests/s, p50/p99,
#    non-2xx answers and socket errors, publishes that failed, the server's
#    RSS, the page cache's bytes (server.page_cache_bytes, 256 MiB by
#    default, fills as pages are first read), RSS less the cache, and the
#    load average.
# 4. Abuse: wrk (1 thread, 32 connections, 20 s) on one article page alone,
#    then with 500 slowloris connections (bench/soak/slowloris.py) and 2,000
#    idle keep-alive connections (bench/idle_conns.py) held open, R rounds
#    (default 3) in turn; prints the throughput drop of the medians.
# Every connection goes to 127.0.0.1 (sources 127.0.0.2-4); the server's
# per-address limit exempts loopback. Loops are bounded in count and time.
set -euo pipefail
minutes=10 n=20000 work=/tmp/wsoak window=30 abuse_secs=20 rounds=3 soak=1 abuse=1
while (($#)); do
  case $1 in
    --minutes) minutes=$2; shift 2 ;;
    --articles) n=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --window) window=$2; shift 2 ;;
    --abuse-seconds) abuse_secs=$2; shift 2 ;;
    --abuse-rounds) rounds=$2; shift 2 ;;
    --no-soak) soak=0; shift ;;
    --no-abuse) abuse=0; shift ;;
    *) sed -n '2,26p' "$0"; exit 2 ;;
  esac
done
root=$(cd "$(dirname "$0")/../.." && pwd)
warta=${WARTA:-$root/build/warta}
port=${PORT:-18290}
base="http://127.0.0.1:$port"
data=$work/data-$n
mkdir -p "$work"
ulimit -n 20000 2>/dev/null || true
# shellcheck source=bench/site_common.sh
. "$root/bench/site_common.sh"

if [[ "${WARTA_REUSE:-0}" != 1 || ! -d $data ]]; then
  "$root/bench/import_bench.sh" "$n" "$work" | tail -3
fi

bench_serve "$data" "$work/serve.log"
pid=$bench_pid
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
metric() { curl -s "$base/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
open_conns() { metric warta_http_open_connections; }
cache_mib() { metric warta_page_cache_bytes | awk '{printf "%.0f", $1 / 1048576}'; }

# Page lists: article paths from the child sitemaps; the others from pages.
bench_article_paths 60 "$work/articles.txt"
{
  echo /; echo /; echo /indeks
  head -30 "$work/articles.txt" | while read -r p; do curl -s "$base$p"; done |
    grep -o 'href="/\(kategori\|tag\)/[^"?#]*"' | sed 's/href="//; s/"$//' |
    awk '!seen[$0]++' | head -30
  printf '%s\n' '/cari?q=presiden' '/cari?q=banjir%20jakarta' '/cari?q=harga%20beras' \
    '/cari?q=sepak%20bola' '/cari?q=gempa'
} >"$work/others.txt"
echo "## Soak and abuse: $(wc -l <"$work/articles.txt") article URLs, $(wc -l <"$work/others.txt") other pages, $n articles imported"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"

lua=$work/mixed.lua
cat >"$lua" <<'EOF'
-- 70% article pages (Zipf s=1 by rank over ARTICLES), 30% OTHERS (uniform).
-- DELAY_MS: each connection waits this long after an answer (a set rate).
local articles, others, cum = {}, {}, {}
for l in io.lines(os.getenv("ARTICLES")) do articles[#articles + 1] = l end
for l in io.lines(os.getenv("OTHERS")) do others[#others + 1] = l end
local total = 0
for i = 1, #articles do total = total + 1 / i; cum[i] = total end
local wait = tonumber(os.getenv("DELAY_MS") or "0")
local share = tonumber(os.getenv("ARTICLE_SHARE") or "0.7")
setup = function(thread) thread:set("id", math.random(1, 1e9)) end
init = function() math.randomseed(id) end
request = function()
  local path
  if math.random() < share then
    local r, lo, hi = math.random() * total, 1, #articles
    while lo < hi do
      local mid = math.floor((lo + hi) / 2)
      if cum[mid] < r then lo = mid + 1 else hi = mid end
    end
    path = articles[lo]
  else
    path = others[math.random(1, #others)]
  end
  return wrk.format("GET", path, {["Accept-Encoding"] = "gzip"})
end
if wait > 0 then delay = function() return wait end end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.status, e.connect + e.read + e.write + e.timeout,
    summary.requests))
end
EOF
# run_wrk THREADS CONNS SECONDS DELAY_MS [ARTICLES OTHERS SHARE] -> RESULT fields
run_wrk() {
  ARTICLES=${5:-$work/articles.txt} OTHERS=${6:-$work/others.txt} \
    ARTICLE_SHARE=${7:-0.7} DELAY_MS=$4 \
    wrk -t"$1" -c"$2" -d"$3s" --timeout 10s -s "$lua" "$base" | awk '/^RESULT/ {$1 = ""; print}'
}

if ((soak)); then
  # Warm-up first: the maximum of a server whose page cache is empty would
  # mostly measure first renders.
  read -r warm _ _ _ _ _ <<<"$(run_wrk 2 64 20 0)"
  read -r max p50 p99 non2xx sockerr reqs <<<"$(run_wrk 2 64 15 0)"
  echo
  echo "Warm-up (wrk -t2 -c64 -d20s, the same mix): $warm req/s; page cache $(cache_mib) MiB after it."
  echo "Maximum, mixed pages (wrk -t2 -c64 -d15s): $max req/s, p50 $p50 ms, p99 $p99 ms, $non2xx non-2xx, $sockerr socket errors; load average $(load1)"
  target=$(awk -v m="$max" 'BEGIN {printf "%.0f", m * 0.8}')
  conns=32
  delay=$(awk -v c="$conns" -v t="$target" 'BEGIN {printf "%.1f", c * 1000 / t}')

  # The editor: one article published every 2 s through the admin API.
  bench_editor "$data" "Meja Soak" "$work/cookies"
  : >"$work/publish.log"
  end=$(( $(date +%s) + minutes * 60 ))
  (
    i=0
    while (( $(date +%s) < end )); do
      i=$((i + 1))
      code=$(bench_publish "Berita uji ketahanan nomor $i dari meja redaksi" \
        $'Paragraf pertama berita uji.\n\nParagraf kedua tentang pemerintah daerah dan warga yang menunggu keputusan.' \
        "Tajuk Utama" "Uji Ketahanan" | cut -d' ' -f1)
      echo "$(date +%s) $code" >>"$work/publish.log"
      sleep 2
    done
  ) &
  bench_helpers+=($!)
  echo
  echo "Soak: $minutes min at 80% of the maximum ($target req/s target; wrk -t2 -c$conns, delay corrected each ${window}s window), one publish every 2 s"
  echo
  echo "| min | req/s | p50 ms | p99 ms | non-2xx | socket errors | publishes ok/failed | RSS MiB | page cache MiB | RSS - cache MiB | load avg |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  start=$(date +%s)
  total_req=0 total_non2xx=0 total_sock=0
  rss_first=$(rss_mib)
  while (( $(date +%s) + window <= end )); do
    t0=$(date +%s)
    read -r rps p50 p99 non2xx sockerr reqs <<<"$(run_wrk 2 "$conns" "$window" "$delay")"
    ok=$(awk -v a="$t0" '$1 >= a && $2 ~ /^2/' "$work/publish.log" | wc -l)
    bad=$(awk -v a="$t0" '$1 >= a && $2 !~ /^2/' "$work/publish.log" | wc -l)
    total_req=$((total_req + reqs)) total_non2xx=$((total_non2xx + non2xx))
    total_sock=$((total_sock + sockerr))
    rss=$(rss_mib) cache=$(cache_mib)
    printf '| %.1f | %s | %s | %s | %s | %s | %s/%s | %s | %s | %s | %s |\n' \
      "$(awk -v s="$start" -v n="$(date +%s)" 'BEGIN {print (n - s) / 60}')" \
      "$rps" "$p50" "$p99" "$non2xx" "$sockerr" "$ok" "$bad" "$rss" "$cache" \
      "$((rss - cache))" "$(load1)"
    # Correct the pace toward the target for the next window.
    delay=$(awk -v d="$delay" -v r="$rps" -v t="$target" \
      'BEGIN {x = d * r / t; if (x < 0.1) x = 0.1; printf "%.1f", x}')
  done
  ok=$(awk '$2 ~ /^2/' "$work/publish.log" | wc -l)
  bad=$(awk '$2 !~ /^2/' "$work/publish.log" | wc -l)
  echo
  echo "Soak totals: $total_req requests, $total_non2xx non-2xx, $total_sock socket errors;" \
    "$ok publishes answered 2xx, $bad failed; RSS $rss_first -> $(rss_mib) MiB;" \
    "server log lines at level error: $(grep -c '"level":"error"' "$work/serve.log" || true)"
fi

if ((abuse)); then
  article=$(head -1 "$work/articles.txt")
  echo "$article" >"$work/one.txt"
  one() { run_wrk 1 32 "$abuse_secs" 0 "$work/one.txt" "$work/one.txt" 1; }
  echo
  echo "Abuse: wrk -t1 -c32 -d${abuse_secs}s on $article, alone and with the abuse in turn, $rounds rounds"
  echo
  echo "| round | run | req/s | p50 ms | p99 ms | non-2xx | socket errors | open connections (start/end) | load avg |"
  echo "|---|---|---|---|---|---|---|---|---|"
  : >"$work/alone.txt"; : >"$work/abused.txt"
  for round in $(seq "$rounds"); do
    read -r rps p50 p99 non2xx sockerr _ <<<"$(one)"
    echo "$rps" >>"$work/alone.txt"
    echo "| $round | alone | $rps | $p50 | $p99 | $non2xx | $sockerr | - | $(load1) |"
    # Fresh each round: the server closes idle connections after 30 s.
    python3 "$root/bench/soak/slowloris.py" 127.0.0.1 "$port" "$article" 500 127.0.0.3 10 \
      $((abuse_secs + 30)) >"$work/slowloris.log" 2>&1 &
    bench_helpers+=($!)
    python3 "$root/bench/idle_conns.py" 127.0.0.1 "$port" "$article" 1000 127.0.0.2 \
      >"$work/idle1.log" 2>&1 &
    bench_helpers+=($!)
    python3 "$root/bench/idle_conns.py" 127.0.0.1 "$port" "$article" 1000 127.0.0.4 \
      >"$work/idle2.log" 2>&1 &
    bench_helpers+=($!)
    for _ in $(seq 300); do
      [[ $(cat "$work/slowloris.log" "$work/idle1.log" "$work/idle2.log" |
           grep -c '^ready') == 3 ]] && break
      sleep 0.2
    done
    held=$(cat "$work/slowloris.log" "$work/idle1.log" "$work/idle2.log" |
           awk '/^ready/ {s += $2} END {print s + 0}')
    before=$(open_conns)
    read -r rps p50 p99 non2xx sockerr _ <<<"$(one)"
    after=$(open_conns)
    echo "$rps" >>"$work/abused.txt"
    echo "| $round | 500 slowloris + 2,000 idle keep-alive ($held opened) | $rps | $p50 | $p99 | $non2xx | $sockerr | $before/$after | $(load1) |"
    for h in "${bench_helpers[@]}"; do kill "$h" 2>/dev/null || true; done
    wait "${bench_helpers[@]}" 2>/dev/null || true
    bench_helpers=()
    sleep 2
  done
  median() { sort -n "$1" | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
  echo
  awk -v b="$(median "$work/alone.txt")" -v r="$(median "$work/abused.txt")" 'BEGIN {
    printf "Medians: %.0f req/s alone, %.0f req/s under abuse: a throughput drop of %.1f%%.\n",
      b, r, (b - r) * 100 / b }'
  echo "Server RSS at the end: $(rss_mib) MiB."
fi
