// Moving a newsroom into PostgreSQL: `warta migrate` copies every table of
// an SQLite store into an empty PostgreSQL database, ids, password hashes
// and token hashes as they are, in one transaction; `warta restore` loads
// a PostgreSQL backup's snapshot.
#ifndef WARTA_STORE_OPEN_MIGRATE_STORE_H_
#define WARTA_STORE_OPEN_MIGRATE_STORE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "store/media_store.h"

namespace warta {

struct MigrateReport {
  // Rows copied per table, in copy order (each checked against the source).
  std::vector<std::pair<std::string, std::int64_t>> tables;
};

// Copies the store in `sqlite_path` (migrated to its latest schema first)
// into the PostgreSQL database `postgres_url` (created schema first).
// FailedPrecondition when the target already holds articles, users or
// taxonomies, or when this build has no PostgreSQL; nothing is written
// unless every table's count matches. Derived tables (list counts, sitemap
// months, taxonomy last-modified, feed versions) are rebuilt by the
// target's triggers; stored feeds are rendered again.
Result<MigrateReport> MigrateSqliteToPostgres(const std::string& sqlite_path,
                                              const std::string& postgres_url,
                                              const Clock& clock);

// Loads the PostgreSQL store snapshot `dump_path` (a backup's
// warta.pgdump) into `postgres_url` (`warta restore` to PostgreSQL).
// FailedPrecondition when the target holds articles, users or taxonomies,
// or when this build has no PostgreSQL; nothing is written when it fails.
Status RestorePostgresSnapshot(const std::string& dump_path,
                               const std::string& postgres_url);

// Stores every uploaded file under `media_dir` (DATA/media) in `store`
// (MediaStore::PutMedia, by its path below the directory), so that every
// node on the target serves the newsroom's uploads. Returns the number of
// files; 0 when the directory does not exist.
Result<std::int64_t> CopyMediaFiles(const std::string& media_dir,
                                    MediaStore& store);

}  // namespace warta

#endif  // WARTA_STORE_OPEN_MIGRATE_STORE_H_
