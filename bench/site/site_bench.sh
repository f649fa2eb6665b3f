#!/usr/bin/env bash
# The whole site at archive scale (issue 10, docs/benchmarks.md "Whole site"):
#   bench/site/site_bench.sh N [WORKDIR] [seconds-per-run]
#   bench/site/site_bench.sh 100000 /tmp/wsite 15
# 1. Generates N real-sized articles and imports them (bench/import_bench.sh;
#    an existing WORKDIR/data-N is reused when WARTA_REUSE=1).
# 2. First start and restarts (bench/index/restart.sh; RESTART_MODE=no-damage
#    skips its damaged-file rebuild, a second full build, at 1M).
# 3. Serves WORKDIR/data-N and, while an editor publishes one article every
#    2 s through the admin API:
#    - cold article pages: never-requested articles fetched one at a time;
#    - right after each write: the home, category and tag page of the new
#      article, and an untouched article page read before the write (its
#      X-Cache header says whether the write left it cached);
#    - under wrk (one thread, 32 connections): a Zipf mix of article pages,
#      then the home, category, tag and search pages, one kind per run.
# Prints Markdown tables: per page kind p50/p99 and requests/s.
set -euo pipefail
n=${1:?usage: bench/site/site_bench.sh N [WORKDIR] [seconds-per-run]}
work=${2:-/tmp/wsite}
secs=${3:-15}
root=$(cd "$(dirname "$0")/../.." && pwd)
warta=${WARTA:-$root/build/warta}
port=${PORT:-18190}
base="http://127.0.0.1:$port"
data=$work/data-$n
mkdir -p "$work"
# shellcheck source=bench/site_common.sh
. "$root/bench/site_common.sh"

if [[ "${WARTA_REUSE:-0}" != 1 || ! -d $data ]]; then
  echo "## Import"
  "$root/bench/import_bench.sh" "$n" "$work"
  echo
  echo "## Start"
  "$root/bench/index/restart.sh" "$data" "$port" ${RESTART_MODE:-}
  echo
fi

bench_serve "$data" "$work/serve.log"
pid=$bench_pid

# Paths: articles from the child sitemaps, categories and tags from pages.
bench_article_paths 40 "$work/articles.txt"
count=$(wc -l <"$work/articles.txt")
echo "## Serving $n articles ($count article URLs from the sitemaps)"
head -50 "$work/articles.txt" | while read -r p; do curl -s "$base$p"; done |
  grep -o 'href="/\(kategori\|tag\)/[^"?#]*"' | sed 's/href="//; s/"$//' |
  sort | uniq -c | sort -rn | awk '{print $2}' >"$work/lists.txt"
grep '^/kategori/' "$work/lists.txt" | head -6 >"$work/categories.txt"
grep '^/tag/' "$work/lists.txt" | head -40 >"$work/tags.txt"
printf '%s\n' /cari?q=presiden /cari?q=banjir%20jakarta /cari?q=harga%20beras \
  /cari?q=sepak%20bola /cari?q=menyuarakan /cari?q=ekonomi%20digital \
  /cari?q=gempa /cari?q=pemilu >"$work/search.txt"

# An editor who publishes one article every 2 s.
bench_editor "$data" "Redaksi Bench" "$work/cookies"
bench_categories 6
cats=("${bench_cat_names[@]}")
cat_slugs=("${bench_cat_slugs[@]}")
publish() {  # publish i -> the new article's URL (or the error)
  bench_publish "Berita uji beban nomor $1 dari meja redaksi" \
    $'Paragraf pertama berita uji.\n\nParagraf kedua yang lebih panjang tentang pemerintah daerah dan warga.' \
    "${cats[$(( $1 % ${#cats[@]} ))]}" "Uji Beban" | cut -d' ' -f2-
}

ms() { curl -s -o /dev/null -w '%{time_total}\n' "$1" | awk '{printf "%.2f\n", $1 * 1000}'; }
pct() {  # pct FILE -> "p50 p99 max n"
  sort -n "$1" | awk '{v[NR] = $1} END {
    if (NR == 0) { print "- - - 0"; exit }
    i50 = int(NR * 0.50); if (i50 < 1) i50 = 1
    i99 = int(NR * 0.99 + 0.5); if (i99 < 1) i99 = 1; if (i99 > NR) i99 = NR
    printf "%.2f %.2f %.2f %d\n", v[i50], v[i99], v[NR], NR }'
}

# Cold article pages: the first 400 sitemap articles, never requested.
: >"$work/cold.txt"
head -400 "$work/articles.txt" | while read -r p; do ms "$base$p" >>"$work/cold.txt"; done

# Right after each write.
: >"$work/after_home.txt"; : >"$work/after_cat.txt"; : >"$work/after_tag.txt"
: >"$work/after_article.txt"; hits=0; misses=0
untouched=$(sed -n 500p "$work/articles.txt")
for i in $(seq 1 15); do
  ms "$base/" >/dev/null; ms "$base${untouched}" >/dev/null
  for c in $(cat "$work/categories.txt"); do ms "$base$c" >/dev/null; done
  publish "$i" >/dev/null
  # The page of the category the article went into (publish: i % 6).
  cat_path=/kategori/${cat_slugs[$(( i % ${#cat_slugs[@]} ))]}
  ms "$base/" >>"$work/after_home.txt"
  [[ -n $cat_path ]] && ms "$base$cat_path" >>"$work/after_cat.txt"
  ms "$base/tag/uji-beban" >>"$work/after_tag.txt"
  xc=$(curl -s -o /dev/null -D - "$base${untouched}" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-cache" {print $2}')
  [[ $xc == hit ]] && hits=$((hits + 1)) || misses=$((misses + 1))
  sleep 1
done

echo
echo "| one at a time | p50 ms | p99 ms | max ms | n |"
echo "|---|---|---|---|---|"
for f in cold:"cold article page" after_home:"home right after a write" \
         after_cat:"category right after a write" after_tag:"tag right after a write"; do
  read -r p50 p99 mx cnt <<<"$(pct "$work/${f%%:*}.txt")"
  echo "| ${f#*:} | $p50 | $p99 | $mx | $cnt |"
done
echo
echo "An untouched article page after a write: $hits of $((hits + misses)) still cached (X-Cache: hit)."

# Under load, one page kind per run, one article published every 2 s.
( i=100; while true; do publish "$i" >/dev/null; i=$((i + 1)); sleep 2; done ) &
publisher=$!
bench_helpers+=("$publisher")
lua=$work/zipf.lua
cat >"$lua" <<'EOF'
-- Paths from PATHS_FILE, drawn with Zipf(s=1) weights by rank.
local paths, cum = {}, {}
for line in io.lines(os.getenv("PATHS_FILE")) do paths[#paths + 1] = line end
local total = 0
for i = 1, #paths do total = total + 1 / i; cum[i] = total end
math.randomseed(os.time())
request = function()
  local r, lo, hi = math.random() * total, 1, #paths
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cum[mid] < r then lo = mid + 1 else hi = mid end
  end
  return wrk.format("GET", paths[lo], {["Accept-Encoding"] = "gzip"})
end
EOF
echo "$bench_wrk_result_lua" >>"$lua"
echo
echo "| under load (wrk -t1 -c32 -d${secs}s, Zipf) | req/s | p50 ms | p99 ms | non-2xx | requests |"
echo "|---|---|---|---|---|---|"
echo / >"$work/home.txt"
for kind in articles:"article pages" home:"home page" categories:"category pages" \
            tags:"tag pages" search:"search pages"; do
  r=$(PATHS_FILE="$work/${kind%%:*}.txt" wrk -t1 -c32 -d"${secs}s" -s "$lua" "$base" | grep '^RESULT')
  read -r _ rps p50 p99 errs reqs <<<"$r"
  echo "| ${kind#*:} | $rps | $p50 | $p99 | $errs | $reqs |"
done
kill "$publisher" 2>/dev/null || true
rss=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
echo
echo "Server RSS after the runs: $((rss / 1024)) MiB."
