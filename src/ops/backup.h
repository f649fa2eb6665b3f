// Backups of a data directory while the site serves and writes, restores
// into an empty directory, and the integrity check.
//
// A backup is a .tar.gz (archive.h) holding warta.db (a consistent online
// snapshot of the store, MaintenanceStore::SnapshotTo; on PostgreSQL
// warta.pgdump, pg_dump's custom format), every file under
// media/, warta.conf and feeds.json when present, and manifest.json last:
// {"format":"warta-backup","format_version":1,"warta_version":..,
// "schema_version":..,"backend":"sqlite","created_at":"..Z","counts":{..},
// "files":[{"path":..,"size":..,"crc32":".."}..]}. The search index is not
// saved: a restore rebuilds it (it is derived from the store).
// Functions here are not thread-safe with each other on one directory.
#ifndef WARTA_OPS_BACKUP_H_
#define WARTA_OPS_BACKUP_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "index/live_index.h"
#include "store/maintenance_store.h"
#include "store/store_of.h"
#include "text/analyzer.h"

namespace warta::ops {

struct BackupManifest {
  int format_version = 1;
  std::string warta_version;
  int schema_version = 0;
  std::string backend;
  std::string created_at;  // ISO 8601 UTC
  std::map<std::string, std::int64_t> counts;
  struct File {
    std::string path;
    std::uint64_t size = 0;
    std::uint32_t crc32 = 0;
  };
  std::vector<File> files;

  std::string ToJson() const;
  static Result<BackupManifest> FromJson(std::string_view json);
};

// Backs up `store` (open on `data_dir`) and the files of `data_dir` to
// `to_file`, written to "<to_file>.partial" and renamed when complete.
// Returns the manifest written.
Result<BackupManifest> Backup(MaintenanceStore& store,
                              const std::string& data_dir,
                              const std::string& to_file,
                              const std::string& warta_version);

// Unpacks the backup `from_file` into `data_dir` and checks every file
// against the manifest. FailedPrecondition when `data_dir` holds anything
// and `force` is false; with `force` what was there is moved aside to
// "<data_dir>.replaced-<time>" (nothing is deleted). Unpacks into a sibling
// directory first, so a damaged backup leaves `data_dir` as it was. A
// PostgreSQL backup (warta.pgdump) is refused unless `to_postgres`: the
// caller then loads the dump into its database (RestorePostgresSnapshot);
// an SQLite backup's warta.db may be restored for either backend.
Result<BackupManifest> Restore(const std::string& from_file,
                               const std::string& data_dir, bool force,
                               bool to_postgres = false);

// One problem `warta check` found; `what` names the part (store, media,
// index) and `message` says what is wrong in words for an operator.
struct CheckProblem {
  std::string what;
  std::string message;
};

struct CheckReport {
  std::vector<CheckProblem> problems;
  std::vector<std::string> notes;  // informational lines (counts, index)
  bool ok() const { return problems.empty(); }
};

// Verifies the store (its integrity check), media files against the
// database (every /media/ path an article uses exists under data_dir), and
// the persisted search index against the store (the number of published
// articles; a missing index is a note, not a problem). `analyzer` analyses
// text for the index.
struct CheckStores {
  MaintenanceStore& maintenance;
  index::LiveIndex::Stores index;  // what the index reads to compare
  // From one object that is all of them (the whole Store).
  template <
      StoreOf<MaintenanceStore, ArticleStore, DiscoveryStore, ChangeStore> S>
  CheckStores(S& s) : maintenance(s), index(s) {}  // NOLINT: implicit
};
CheckReport Check(CheckStores store, const std::string& data_dir,
                  const text::Analyzer& analyzer);

}  // namespace warta::ops

#endif  // WARTA_OPS_BACKUP_H_
