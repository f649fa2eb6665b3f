// band_pass: what writing every near-duplicate band row in one sorted pass
// costs, as an import could do after its last batch instead of inserting
// each article's 16 rows as it saves it (docs/benchmarks.md, "Two bounds at
// 1M: the slug's random leaves and the band rows"). The first import of an
// archive does so since (src/store/sqlite/pending_bands.cc).
//   build/bench/band_pass DB [--sql]
// DB: a warta.db whose article_signature_bands table is empty (an import
// built with band rows skipped); it is written. Reads every signature's
// band_keys, sorts the (band_key, article_id) pairs in memory and inserts
// them in key order in one transaction, with the writer's settings (WAL, a
// 128 MiB cache, synchronous FULL; the file keeps its own page size); prints
// each phase's time.
// With --sql, one INSERT ... SELECT ... ORDER BY over json_each instead.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

void Check(int rc, sqlite3* db, const char* what) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return;
  std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
  std::exit(1);
}

void Exec(sqlite3* db, const char* sql) {
  Check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql);
}

sqlite3_stmt* Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  Check(sqlite3_prepare_v2(db, sql, -1, &st, nullptr), db, sql);
  return st;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: band_pass DB [--sql]\n");
    return 2;
  }
  const bool sql_only = argc > 2 && std::strcmp(argv[2], "--sql") == 0;
  sqlite3* db = nullptr;
  Check(sqlite3_open(argv[1], &db), db, "open");
  Exec(db,
       "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
       "PRAGMA cache_size = -131072");
  const auto all = Clock::now();
  if (sql_only) {
    Exec(db, "BEGIN IMMEDIATE");
    Exec(db,
         "INSERT OR IGNORE INTO article_signature_bands (band_key, "
         "article_id) SELECT j.value, s.article_id FROM article_signatures "
         "s, json_each(s.band_keys) j ORDER BY 1, 2");
    const double insert_s = Since(all);
    const auto t_commit = Clock::now();
    Exec(db, "COMMIT");
    std::printf("insert ... select ... order by: %.1f s, commit %.1f s\n",
                insert_s, Since(t_commit));
  } else {
    std::vector<std::pair<std::int64_t, std::int64_t>> rows;
    sqlite3_stmt* read =
        Prepare(db, "SELECT article_id, band_keys FROM article_signatures");
    const auto t_read = Clock::now();
    while (sqlite3_step(read) == SQLITE_ROW) {
      const std::int64_t id = sqlite3_column_int64(read, 0);
      const char* p =
          reinterpret_cast<const char*>(sqlite3_column_text(read, 1));
      while (p && *p) {
        if (*p == '-' || (*p >= '0' && *p <= '9')) {
          char* end = nullptr;
          rows.emplace_back(std::strtoll(p, &end, 10), id);
          p = end;
        } else {
          ++p;
        }
      }
    }
    sqlite3_finalize(read);
    const double read_s = Since(t_read);
    const auto t_sort = Clock::now();
    std::sort(rows.begin(), rows.end());
    const double sort_s = Since(t_sort);
    const auto t_insert = Clock::now();
    Exec(db, "BEGIN IMMEDIATE");
    sqlite3_stmt* ins = Prepare(db,
                                "INSERT OR IGNORE INTO article_signature_bands "
                                "(band_key, article_id) VALUES (?, ?)");
    for (const auto& [key, id] : rows) {
      sqlite3_bind_int64(ins, 1, key);
      sqlite3_bind_int64(ins, 2, id);
      Check(sqlite3_step(ins), db, "insert");
      sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    const double insert_s = Since(t_insert);
    const auto t_commit = Clock::now();
    Exec(db, "COMMIT");
    std::printf(
        "%zu rows: read %.1f s, sort %.1f s, insert %.1f s, commit %.1f s\n",
        rows.size(), read_s, sort_s, insert_s, Since(t_commit));
  }
  std::printf("total %.1f s\n", Since(all));
  sqlite3_close(db);
  return 0;
}
