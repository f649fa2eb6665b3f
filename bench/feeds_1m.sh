#!/usr/bin/env bash
# Feeds and sitemaps at a million articles (issue 5's targets): loads N
# synthetic published articles (default 1,000,000) into a fresh data
# directory, starts `warta serve`, and times cold and warm requests of the
# sitemap index, child sitemaps (a full 50,000-URL file, a month's second
# file, tags), the Google News sitemap and feeds, with the server's memory
# (VmRSS, VmHWM) before and after streaming every child sitemap.
#
#   bench/feeds_1m.sh [articles] [keep-dir]
#
# The articles are written with one SQL statement by the sqlite3 shell into
# the schema warta created (through the Store interface this would take an
# hour at ~300 saves/s with synchronous=FULL); the sitemap triggers of
# migration 030 fire for every row as in production. Months hold 62,500
# articles each at 1M, so every month splits into two sitemap files.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
keep=${2:-}
./scripts/build >/dev/null
bin=$PWD/build/warta

work=${keep:-$(mktemp -d /tmp/warta-feeds-bench-XXXXXX)}
data=$work/data
cleanup() {
  [[ -n "${pid:-}" ]] && kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  if [[ -z "$keep" ]]; then rm -rf "$work"; fi
}
trap cleanup EXIT

now=$(date +%s)
if [[ ! -f "$data/warta.db" ]]; then
  mkdir -p "$data"
  printf -- '---\ntitle: Seed\n---\nIsi.\n' > "$work/seed.md"
  "$bin" import --data "$data" --quiet "$work/seed.md"
  # Newest article an hour ago, one every `step` seconds before that.
  months=16
  step=$(( months * 30 * 86400 / n ))
  [[ $step -lt 1 ]] && step=1
  start=$(date +%s)
  sqlite3 "$data/warta.db" <<SQL
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 50)
INSERT INTO categories (slug, name, created_at)
  SELECT 'kategori-' || i, 'Kategori ' || i, $now FROM k;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 5000)
INSERT INTO tags (slug, name, created_at) SELECT 'tag-' || i, 'Tag ' || i, $now FROM k;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 400)
INSERT INTO authors (slug, name, created_at)
  SELECT 'penulis-' || i, 'Penulis ' || i, $now FROM k;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $n)
INSERT INTO articles (slug, title, body, html, plaintext, source, category_id,
                      status, published_at, created_at, updated_at, word_count,
                      reading_time, version)
  SELECT 'berita-uji-nomor-' || i,
         'Berita uji nomor ' || i || ': pemerintah daerah & warga <bahas> anggaran',
         'Isi berita uji nomor ' || i || '. ' || printf('%.400c', 'x'),
         '<p>Isi berita uji nomor ' || i || '. ' || printf('%.400c', 'x') || '</p>',
         'Isi berita uji nomor ' || i || '. ' || printf('%.400c', 'x'),
         'ANTARA', (SELECT id FROM categories WHERE slug = 'kategori-' || (1 + i % 50)),
         'published', $now - 3600 - ($n - i) * $step, $now - 3600 - ($n - i) * $step,
         $now - 3600 - ($n - i) * $step + 600, 80, 1, 1
  FROM k;
INSERT INTO article_tags (article_id, tag_id, position)
  SELECT a.id, t.id, 0 FROM articles a JOIN tags t ON t.slug = 'tag-' || (1 + a.id % 5000)
  WHERE a.slug LIKE 'berita-uji-nomor-%';
INSERT INTO article_tags (article_id, tag_id, position)
  SELECT a.id, t.id, 1 FROM articles a JOIN tags t ON t.slug = 'tag-' || (1 + (a.id + 2500) % 5000)
  WHERE a.slug LIKE 'berita-uji-nomor-%';
INSERT INTO article_authors (article_id, author_id, position)
  SELECT a.id, u.id, 0 FROM articles a JOIN authors u ON u.slug = 'penulis-' || (1 + a.id % 400)
  WHERE a.slug LIKE 'berita-uji-nomor-%';
COMMIT;
ANALYZE;
SQL
  echo "loaded $n articles in $(( $(date +%s) - start )) s; db $(du -h "$data/warta.db" | cut -f1)" >&2
fi

# Rendered feeds stored by an earlier run (migration 034) would answer the
# first pass below: start without them, so it times rendering. (The server
# warms the site's and the categories' feeds itself right after it starts,
# from those documents or by rendering them: in the first pass those come
# from its memory, the tag and author feeds are rendered on request.)
sqlite3 "$data/warta.db" "DELETE FROM feed_documents" 2>/dev/null || true
# One port for both servers: feeds carry absolute URLs, and a stored feed
# made for another origin is stale.
port=$((20000 + RANDOM % 20000))
start_server() {
  local started
  started=$(date +%s%N)
  WARTA_SERVER_ACCESS_LOG=false "$bin" serve --data "$data" --port "$port" --threads 2 >/dev/null 2>&1 &
  pid=$!
  # The server builds its search index from every article before it listens
  # (tens of seconds at 1M), which reads the whole database into the OS page
  # cache: wait for it, then drop the cache, so "cold" means cold.
  for _ in $(seq 3000); do curl -s "localhost:$port/healthz" >/dev/null && break; sleep 0.1; done
  echo "server ready in $(( ($(date +%s%N) - started) / 1000000 )) ms" >&2
  sync
  echo 3 > /proc/sys/vm/drop_caches 2>/dev/null && echo "page cache dropped" >&2 || true
  url=http://127.0.0.1:$port
}
start_server
mem() { awk '/VmRSS|VmHWM/ {printf "%s %d MiB  ", $1, $2/1024}' "/proc/$pid/status"; echo; }
time_get() {  # path label
  curl -s -o "$work/out" -w "%{http_code} %{time_total} %{size_download}" "$url$1" |
    awk -v p="$1" -v l="$2" '{printf "| %s | %s | %d | %.1f ms | %.1f MiB |\n", p, l, $1, $2 * 1000, $3 / 1048576}'
}
echo "memory at start: $(mem)"
echo "| path | request | status | time | size |"
echo "|---|---|---|---|---|"
time_get /sitemap.xml cold
time_get /sitemap.xml warm
first=$(grep -o 'sitemap-articles-[0-9]*-[0-9]*\.xml' "$work/out" | sed -n 3p)
second=$(grep -o 'sitemap-articles-[0-9]*-[0-9]*-2\.xml' "$work/out" | sed -n 3p)
time_get "/$first" cold
time_get "/$second" cold
time_get /sitemap-tags.xml cold
time_get /sitemap-authors.xml cold
time_get /sitemap-news.xml cold
time_get /robots.txt cold
# Feeds: every kind in every format, each with the OS page cache dropped
# just before it and a list of its own (so no feed finds another's pages).
cold_get() {  # path label
  sync
  echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  time_get "$1" "$2"
}
feeds() {  # label
  cold_get /rss.xml "$1"
  cold_get /atom.xml "$1"
  cold_get /feed.json "$1"
  cold_get /kategori/kategori-7/rss.xml "$1"
  cold_get /kategori/kategori-8/atom.xml "$1"
  cold_get /kategori/kategori-9/feed.json "$1"
  cold_get /tag/tag-41/rss.xml "$1"
  cold_get /tag/tag-42/atom.xml "$1"
  cold_get /tag/tag-43/feed.json "$1"
  cold_get /penulis/penulis-7/rss.xml "$1"
  cold_get /penulis/penulis-8/atom.xml "$1"
  cold_get /penulis/penulis-9/feed.json "$1"
}
feeds "cold, first request"
time_get /rss.xml warm
time_get /tag/tag-43/feed.json warm
echo "urls in /$first: $(curl -s "$url/$first" | grep -c '<url>')"
echo "memory after the first requests: $(mem)"
total=0
for c in $(curl -s "$url/sitemap.xml" | grep -o 'sitemap-[a-z0-9-]*\.xml'); do
  s=$(curl -s -o /dev/null -w "%{size_download}" "$url/$c")
  total=$((total + s))
done
echo "streamed every child sitemap: $((total / 1048576)) MiB"
echo "memory after streaming them all: $(mem)"
warm_feed=$(for _ in $(seq 200); do curl -s -o /dev/null -w "%{time_total}\n" "$url/rss.xml"; done |
  sort -n | awk '{a[NR]=$1} END {printf "p50 %.2f ms, p99 %.2f ms", a[int(NR/2)]*1000, a[int(NR*0.99)]*1000}')
echo "/rss.xml warm x200 (curl, new connection each): $warm_feed"
# A restarted server answers the same feeds from the documents the first
# one stored: one row read each.
kill "$pid"
wait "$pid" 2>/dev/null || true
start_server
echo "| path | request | status | time | size |"
echo "|---|---|---|---|---|"
feeds "cold, first after restart"
# A write from another process, as another node sharing the store would
# make it: a new article in kategori-7, tag-41 and penulis-7. The server sees
# the store's change counter move within a second, drops its page cache, and
# its feed warmer loads every feed readers asked for again: the stored copy
# where nothing it shows changed, a fresh render for the three that did.
wnow=$(date +%s)
sqlite3 "$data/warta.db" <<SQL
BEGIN;
INSERT INTO articles (slug, title, body, html, plaintext, source, category_id,
                      status, published_at, created_at, updated_at, word_count,
                      reading_time, version)
  VALUES ('berita-sesudah-tulis', 'Berita sesudah tulis', 'Isi.', '<p>Isi.</p>',
          'Isi.', 'ANTARA', (SELECT id FROM categories WHERE slug = 'kategori-7'),
          'published', $wnow - 5, $wnow - 5, $wnow - 5, 1, 1, 1);
INSERT INTO article_tags (article_id, tag_id, position)
  SELECT a.id, t.id, 0 FROM articles a, tags t
  WHERE a.slug = 'berita-sesudah-tulis' AND t.slug = 'tag-41';
INSERT INTO article_authors (article_id, author_id, position)
  SELECT a.id, u.id, 0 FROM articles a, authors u
  WHERE a.slug = 'berita-sesudah-tulis' AND u.slug = 'penulis-7';
UPDATE meta SET value = value + 1 WHERE key = 'change_seq';
COMMIT;
SQL
sleep 2
echo "| path | request | status | time | size |"
echo "|---|---|---|---|---|"
feeds "cold, 2 s after a write"
for p in /rss.xml /kategori/kategori-7/rss.xml /tag/tag-41/rss.xml /penulis/penulis-7/rss.xml; do
  echo "$p shows the new article: $(curl -s "$url$p" | grep -c 'berita-sesudah-tulis')"
done
# A feed of a changed scope that nobody asked for yet renders on request.
cold_get /tag/tag-41/atom.xml "cold, never asked for, rendered"
time_get /tag/tag-41/atom.xml warm
# Renders with the OS page cache as the server left it (the usual state):
# 200 tag feeds nobody asked for, one after the other.
renders=$(for i in $(seq 1000 1199); do
  curl -s -o /dev/null -w "%{time_total}\n" "$url/tag/tag-$i/rss.xml"
done | sort -n | awk '{a[NR]=$1; s+=$1} END {printf "mean %.2f ms, p50 %.2f ms, p90 %.2f ms", s/NR*1000, a[int(NR/2)]*1000, a[int(NR*0.9)]*1000}')
echo "200 tag feeds never asked for, rendered, page cache not dropped: $renders"
# Leave the database as it was for the next run.
sqlite3 "$data/warta.db" <<SQL
BEGIN;
DELETE FROM article_tags WHERE article_id IN
  (SELECT id FROM articles WHERE slug = 'berita-sesudah-tulis');
DELETE FROM article_authors WHERE article_id IN
  (SELECT id FROM articles WHERE slug = 'berita-sesudah-tulis');
DELETE FROM articles WHERE slug = 'berita-sesudah-tulis';
UPDATE meta SET value = value + 1 WHERE key = 'change_seq';
COMMIT;
SQL
