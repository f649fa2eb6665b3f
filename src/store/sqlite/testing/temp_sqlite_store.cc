#include "store/sqlite/testing/temp_sqlite_store.h"

#include <sqlite3.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>

#include "store/sqlite/sqlite_store.h"

namespace warta {

TempSqliteStore::TempSqliteStore(const Clock& clock) {
  char tmpl[] = "/tmp/warta-store-XXXXXX";
  if (!mkdtemp(tmpl)) {
    std::perror("mkdtemp");
    std::abort();
  }
  dir_ = tmpl;
  SqliteOptions o;
  o.path = dir_ + "/warta.db";
  o.synchronous = "NORMAL";
  auto s = OpenSqliteStore(o, clock);
  if (!s.ok()) {
    std::fprintf(stderr, "TempSqliteStore: %s\n",
                 s.status().ToString().c_str());
    std::abort();
  }
  store_ = std::move(*s);
}

std::string TempSqliteStore::Exec(const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open((dir_ + "/warta.db").c_str(), &db) != SQLITE_OK) {
    out = "cannot open";
  } else {
    sqlite3_busy_timeout(db, 5000);
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK)
      out = error ? error : "failed";
    sqlite3_free(error);
  }
  sqlite3_close(db);
  return out;
}

std::int64_t TempSqliteStore::QueryInt(const std::string& sql) {
  sqlite3* db = nullptr;
  std::int64_t out = -1;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_open((dir_ + "/warta.db").c_str(), &db) == SQLITE_OK &&
      sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    out = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

TempSqliteStore::~TempSqliteStore() {
  store_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace warta
