# shellcheck shell=bash
# shellcheck disable=SC2154  # warta, port and base: set by the caller
# Shared steps of the benchmarks that serve an imported newsroom and publish
# while they measure (bench/site/site_bench.sh, bench/soak/soak.sh). Sourced,
# not run: the caller sets `warta` (the binary), `port` and `base`
# (http://127.0.0.1:PORT) first. Loops are bounded in count and time.
#   bench_serve DATA LOG            start `warta serve`, wait until it answers
#   bench_article_paths K OUT       article paths from the first K sitemaps
#   bench_editor DATA NAME JAR      an editor account, logged in
#   bench_publish TITLE BODY CATEGORY TAG   one article through the admin API
#   bench_categories K              the first K categories: bench_cat_names, bench_cat_slugs
#   bench_start_only WARTA DATA PORT LOG   start a server, wait for search (A/B scripts)

# The end of a wrk Lua script: one line "RESULT req/s p50_ms p99_ms non2xx
# requests" that the scripts parse.
bench_wrk_result_lua='done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f %.2f %d %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.status, summary.requests))
end'

# Processes stopped on exit beside the server (publishers, abuse clients).
bench_helpers=()
bench_pid=

bench_cleanup() {
  for h in "${bench_helpers[@]}"; do kill "$h" 2>/dev/null || true; done
  if [[ -n $bench_pid ]]; then kill "$bench_pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
}

# The HTTP status of GET URL ("000" when nothing answered).
bench_status() { curl -s -o /dev/null -w '%{http_code}' "$1" || true; }

# bench_serve DATA LOG: serves DATA on 127.0.0.1:$port in the background
# (bench_pid; stderr into LOG), stopped with the helpers on exit, and waits
# until it answers a search (its index is loaded): at most 60 s. Prints LOG
# and exits when the server dies first.
bench_serve() {
  "$warta" serve --data "$1" --host 127.0.0.1 --port "$port" \
    >/dev/null 2>"$2" &
  bench_pid=$!
  trap bench_cleanup EXIT
  for _ in $(seq 1200); do
    [[ "$(bench_status "$base/api/search?q=jakarta")" == 200 ]] && return 0
    kill -0 "$bench_pid" 2>/dev/null || { cat "$2"; exit 1; }
    sleep 0.05
  done
  echo "warta serve did not answer a search within 60 s" >&2
  exit 1
}

# bench_article_paths K OUT: the article paths (/berita/...) the first K
# child sitemaps list, each once, into OUT, shuffled the same way each run.
bench_article_paths() {
  local sm
  for sm in $(curl -s "$base/sitemap.xml" | grep -o '<loc>[^<]*</loc>' |
              sed 's/<[^>]*>//g' | grep -v 'sitemap-news' | head -"$1"); do
    curl -s "$base$(sed 's|^https\?://[^/]*||' <<<"$sm")"
  done | grep -o '<loc>[^<]*/berita/[^<]*</loc>' |
    sed 's/<[^>]*>//g; s|^https\?://[^/]*||' | awk '!seen[$0]++' >"$2"
  shuf --random-source=<(yes) "$2" -o "$2"
}

# bench_editor DATA NAME JAR: adds an editor called NAME to DATA (warta user
# add) and logs it in through the admin API: its cookies in JAR
# (bench_jar), its CSRF token in bench_csrf.
bench_editor() {
  local email=bench-$RANDOM@example.com password=rahasia-bench-123
  printf '%s\n' "$password" | "$warta" user add --data "$1" --email "$email" \
    --name "$2" --role editor --password-stdin >/dev/null
  bench_jar=$3
  bench_csrf=$(curl -s -c "$bench_jar" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" \
    "$base/api/admin/session" | jq -r .csrf_token)
}

# bench_publish TITLE BODY CATEGORY TAG: publishes an article as the editor
# (at most 10 s); prints "HTTP_STATUS URL" (the error instead of the URL
# when it failed; status 000 when nothing answered).
bench_publish() {
  local out code
  out=$(curl -s -m 10 -w '\n%{http_code}' -b "$bench_jar" \
    -H "X-CSRF-Token: $bench_csrf" -H 'Content-Type: application/json' \
    -d "$(jq -n --arg t "$1" --arg b "$2" --arg c "$3" --arg g "$4" \
      '{title: $t, body: $b, category: $c, tags: [$g], status: "published"}')" \
    "$base/api/admin/articles" || true)
  code=${out##*$'\n'}
  echo "${code:-000} $(jq -r '.url // .error' <<<"${out%$'\n'*}" 2>/dev/null || true)"
}

# bench_categories K: the names and slugs of the first K categories, as the
# logged-in editor (bench_jar) sees them, into the arrays bench_cat_names and
# bench_cat_slugs (same order).
bench_categories() {
  local rows
  rows=$(curl -s "$base/api/admin/categories" -b "$bench_jar" |
    jq -r '.categories[] | .name + "\t" + .slug' | head -"$1")
  mapfile -t bench_cat_names < <(cut -f1 <<<"$rows")
  mapfile -t bench_cat_slugs < <(cut -f2 <<<"$rows")
}

# bench_start_only WARTA DATA PORT LOG: starts WARTA serve on DATA at
# 127.0.0.1:PORT (stderr into LOG) and waits until it answers a search (at
# most 60 s) and a second more; its pid in bench_pid. The caller stops it.
# For the A/B scripts that start several builds in turn.
bench_start_only() {
  "$1" serve --data "$2" --host 127.0.0.1 --port "$3" >/dev/null 2>"$4" &
  bench_pid=$!
  for _ in $(seq 600); do
    [[ "$(bench_status "http://127.0.0.1:$3/api/search?q=jakarta")" == 200 ]] && break
    sleep 0.1
  done
  sleep 1
}

# bench_cpu_ticks PID: the process's CPU time so far (user + system), in
# clock ticks (getconf CLK_TCK per second).
bench_cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# bench_io PID FIELD: a field of the process's /proc/PID/io so far: rchar
# (bytes its read calls returned, page cache hits included: SQLite's page
# reads past its own cache) or read_bytes (what it made the disk read).
bench_io() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/io"; }

# bench_disk_reads: read requests the block device BLOCKDEV (e.g. vda) has
# completed so far, machine-wide (other processes' reads count too); -1
# without BLOCKDEV.
bench_disk_reads() {
  if [[ -n ${BLOCKDEV:-} ]]; then awk '{print $1}' "/sys/block/$BLOCKDEV/stat"; else echo -1; fi
}
