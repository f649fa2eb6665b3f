// The embedded SQLite backend of Store. One writer connection (serialised by
// a mutex) and a pool of reader connections; WAL lets readers run beside the
// writer. Thread-safe.
#ifndef WARTA_STORE_SQLITE_SQLITE_STORE_H_
#define WARTA_STORE_SQLITE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "store/store.h"

namespace warta {

struct SqliteOptions {
  // Database file; ":memory:"-like paths are not supported (readers need the
  // file). Tests use a temporary directory.
  std::string path;
  // FULL: a committed transaction survives power loss; NORMAL: it survives a
  // crash or kill -9 of the process, not a power loss. Default FULL.
  std::string synchronous = "FULL";
  // Reader connections kept open (opened with the store): enough for the
  // server's threads, its background work and a feed render's parallel
  // reads without opening one on a request's path.
  int reader_connections = 16;
  // The uploads folder (DATA/media): migration 060 records the files already
  // there in the media rows. Empty: none.
  std::string media_dir;
  // Near-duplicate band rows (migration 062, band_merge.cc): the size the
  // recent band table is kept near, and the rows a process adds to it outside
  // a batch before it merges a slice into the big table (a batch merges once,
  // at its end). A save that merges pays for its slice: with 512 rows (one
  // save in 32) ~80 ms at 2.25M articles, ~0.28 s with 2,048-4,000 (sqlite3
  // shell, docs/benchmarks.md). Tests make them small.
  std::int64_t recent_band_rows = 512 * 1024;
  std::int64_t band_merge_rows = 512;
  // Below this many articles (the largest article id) band rows go straight
  // into the big table: there it fits the cache, and moving each row twice
  // cost a 100k import ~20% of its rate. A 1M import ran the same with the
  // switch at 0, 131,072 or 262,144 (docs/benchmarks.md). 0: always the
  // recent table.
  std::int64_t recent_bands_from_article = 256 * 1024;
};

// Opens or creates the database and runs pending migrations. `clock` stamps
// created_at/updated_at and must outlive the store.
Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options,
                                               const Clock& clock);

}  // namespace warta

#endif  // WARTA_STORE_SQLITE_SQLITE_STORE_H_
