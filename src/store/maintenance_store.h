// MaintenanceStore: what backups, integrity checks and /readyz need of a
// store: what it is, a consistent copy, its own checks and counts.
// Thread-safe like every store interface; each call reads one consistent
// snapshot.
#ifndef WARTA_STORE_MAINTENANCE_STORE_H_
#define WARTA_STORE_MAINTENANCE_STORE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/result.h"

namespace warta {

class MaintenanceStore {
 public:
  virtual ~MaintenanceStore() = default;

  // The schema version after migrations ran (the highest migration number).
  virtual int SchemaVersion() const = 0;

  // "sqlite", "postgres".
  virtual std::string BackendName() const = 0;

  // Writes a consistent copy of the whole store, as of one moment, to the
  // new file `path`, while other connections and processes keep reading
  // and writing (sqlite: VACUUM INTO from a read transaction). Fails when
  // `path` exists. Returns the copy's TableCounts().
  virtual Result<std::map<std::string, std::int64_t>> SnapshotTo(
      const std::string& path) = 0;

  // The backend's own structural check (sqlite: PRAGMA integrity_check and
  // foreign_key_check); one line per problem, empty when sound.
  virtual Result<std::vector<std::string>> CheckIntegrity() = 0;

  // Row counts of the main tables for a backup manifest: "articles",
  // "published_articles", "users", "revisions", "categories", "tags",
  // "authors".
  virtual Result<std::map<std::string, std::int64_t>> TableCounts() = 0;

  // Every distinct "/media/..." URL path that an article's feature image or
  // body refers to, sorted.
  virtual Result<std::vector<std::string>> MediaReferences() = 0;
};

}  // namespace warta

#endif  // WARTA_STORE_MAINTENANCE_STORE_H_
