#include "store/sqlite/testing/temp_sqlite_store.h"

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

TempSqliteStore::~TempSqliteStore() {
  store_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace warta
