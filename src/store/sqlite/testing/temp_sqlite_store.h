// Test support: a SqliteStore in a fresh temporary directory, removed again
// on destruction. For unit tests of modules above the store.
#ifndef WARTA_STORE_SQLITE_TESTING_TEMP_SQLITE_STORE_H_
#define WARTA_STORE_SQLITE_TESTING_TEMP_SQLITE_STORE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "base/clock.h"
#include "store/store.h"

namespace warta {

class TempSqliteStore {
 public:
  // Opens the store with synchronous=NORMAL; aborts the test binary when it
  // cannot (a broken test environment, not a test failure).
  explicit TempSqliteStore(const Clock& clock);
  ~TempSqliteStore();
  TempSqliteStore(const TempSqliteStore&) = delete;
  TempSqliteStore& operator=(const TempSqliteStore&) = delete;

  Store& store() { return *store_; }
  Store* operator->() { return store_.get(); }
  const std::string& dir() const { return dir_; }

  // Runs `sql` on the database from a connection of its own, as another
  // process would (a trigger that makes the store fail, say); "" or
  // SQLite's message.
  std::string Exec(const std::string& sql);
  // The first column of the first row of `sql` (a count), or -1.
  std::int64_t QueryInt(const std::string& sql);

 private:
  std::string dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace warta

#endif  // WARTA_STORE_SQLITE_TESTING_TEMP_SQLITE_STORE_H_
