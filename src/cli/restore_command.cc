// warta restore --data DIR --from FILE [--store URL] [--force]
// Unpacks a backup into an empty data directory (or, with --force, moves
// what is there aside first), checks it against its manifest and builds
// the search index, so `warta serve --data DIR` starts at once. With a
// PostgreSQL store the backup's store (a PostgreSQL dump, or an SQLite
// newsroom's warta.db and media) goes into that database, which must hold
// no newsroom and which no warta process may have open (pg::LockOutNodes:
// the load holds the node lock; nodes refuse to start meanwhile).
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "app/app.h"
#include "base/clock.h"
#include "cli/command.h"
#include "cli/common.h"
#include "ops/backup.h"
#include "store/open/migrate_store.h"
#include "store/open/open_store.h"

namespace warta::cli {

namespace {

// The restored store file in `data_dir` into the PostgreSQL database `url`
// (which must hold no newsroom): a PostgreSQL backup's dump is loaded as
// it is, an SQLite backup's warta.db is copied table by table (as `warta
// migrate` does). The file is removed once its rows are in the database.
Status LoadIntoPostgres(const std::string& data_dir, const std::string& url) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const std::string dump = data_dir + "/warta.pgdump";
  const std::string db = data_dir + "/warta.db";
  if (fs::exists(dump, ec)) {
    WARTA_RETURN_IF_ERROR(RestorePostgresSnapshot(dump, url));
    fs::remove(dump, ec);
    std::cout << "store: loaded into PostgreSQL\n";
    return Status::Ok();
  }
  WARTA_ASSIGN_OR_RETURN(MigrateReport report,
                         MigrateSqliteToPostgres(db, url, RealClock::Get()));
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix, ec);
  std::int64_t rows = 0;
  for (const auto& [table, n] : report.tables) rows += n;
  std::cout << "store: " << rows << " rows copied into PostgreSQL\n";
  return Status::Ok();
}

}  // namespace

CommandRunner AddRestoreCommand(CLI::App& app) {
  struct Flags {
    std::string data;
    std::string from;
    bool force = false;
    std::string store;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd =
      app.add_subcommand("restore", "Restore a backup into a data directory");
  cmd->add_option("--data", flags->data, "Data directory to restore into")
      ->required();
  cmd->add_option("--from", flags->from, "Backup file (.tar.gz)")->required();
  AddStoreOption(cmd, &flags->store);
  cmd->add_flag("--force", flags->force,
                "Restore even when DIR is not empty (its contents are moved "
                "to DIR.replaced-TIME)");
  return [flags]() -> int {
    StoreLocation where;
    {
      std::optional<Config> config =
          LoadConfigOrPrint(flags->data, flags->store);
      if (!config) return 2;
      auto located = StoreLocationOf(*config);
      if (!located.ok()) {
        std::cerr << "warta restore: " << located.status().message() << "\n";
        return 2;
      }
      where = *located;
    }
    const bool to_postgres = where.backend == StoreBackend::kPostgres;
    if (to_postgres && !PostgresSupported()) {
      std::cerr << "warta restore: " << kNoPostgresMessage << "\n";
      return 2;
    }
    auto m = ops::Restore(flags->from, flags->data, flags->force, to_postgres);
    if (!m.ok()) {
      std::cerr << "warta restore: " << m.status().message() << "\n";
      return 1;
    }
    std::cout << "restored " << flags->from << " (taken " << m->created_at
              << ", warta " << m->warta_version << ", schema "
              << m->schema_version << "): " << m->counts["articles"]
              << " articles, " << m->counts["media_files"]
              << " media files into " << flags->data << "\n";
    // The store named before the restore, not one a restored warta.conf
    // names (that may be the database the backup was taken from).
    const std::string store_flag =
        to_postgres ? where.postgres_url : flags->store;
    bool copy_media = false;
    if (to_postgres) {
      Status loaded = LoadIntoPostgres(flags->data, where.postgres_url);
      if (!loaded.ok()) {
        std::cerr << "warta restore: " << loaded.message()
                  << "\n(the backup's files are in " << flags->data
                  << "; run again with --force once the database is empty "
                     "and no node uses it)\n";
        return loaded.code() == StatusCode::kFailedPrecondition ? 3 : 1;
      }
      copy_media = m->backend != "postgres";
    }
    std::optional<Config> config = LoadConfigOrPrint(flags->data, store_flag);
    if (!config) return 2;
    auto opened = App::Open(std::move(*config));
    if (!opened.ok()) {
      std::cerr << "warta restore: " << opened.status().message() << "\n";
      return 1;
    }
    if (copy_media) {
      // An SQLite newsroom's uploads live in DATA/media: into the database,
      // so that every node serves them.
      auto media = CopyMediaFiles(flags->data + "/media", (*opened)->store());
      if (!media.ok()) {
        std::cerr << "warta restore: media: " << media.status().message()
                  << "\n";
        return 1;
      }
      std::cout << "media: " << *media << " files into the database\n";
    }
    auto indexed = (*opened)->RebuildSearchIndex();
    if (!indexed.ok()) {
      std::cerr << "warta restore: search index: " << indexed.status().message()
                << "\n";
      return 1;
    }
    std::cout << "search index: " << *indexed << " articles\n";
    return 0;
  };
}

}  // namespace warta::cli
