// warta migrate --data DIR --to URL
// Copies the SQLite newsroom of DIR (articles, revisions, users with their
// password hashes, tokens, taxonomies, settings, wire state) into an empty
// PostgreSQL database, checks every table's count and refuses a non-empty
// target. The uploads in DIR/media are stored in the database too, so every
// node serves them (store/media_store.h).
#include <CLI/CLI.hpp>
#include <iostream>

#include "base/clock.h"
#include "cli/command.h"
#include "cli/common.h"
#include "store/open/migrate_store.h"
#include "store/open/open_store.h"

namespace warta::cli {

CommandRunner AddMigrateCommand(CLI::App& app) {
  struct Flags {
    std::string data = "data";
    std::string store;
    std::string to;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "migrate", "Copy an SQLite newsroom into an empty PostgreSQL database");
  cmd->add_option("--data", flags->data, "Data directory")
      ->capture_default_str();
  cmd->add_option("--store", flags->store,
                  "The SQLite store to copy: sqlite:PATH (default: "
                  "store.path, else DATA/warta.db)");
  cmd->add_option("--to", flags->to,
                  "Target: postgresql://user@host:port/db (empty database)")
      ->required();
  return [flags]() -> int {
    std::optional<Config> config = LoadConfigOrPrint(flags->data, flags->store);
    if (!config) return 2;
    auto from = StoreLocationOf(*config);
    Status sqlite_only =
        from.ok() ? RequireSqlite(*from, "the source of warta migrate")
                  : from.status();
    auto to = LocateStore(flags->to, "");
    if (sqlite_only.ok() &&
        (!to.ok() || to->backend != StoreBackend::kPostgres))
      sqlite_only = Status::InvalidArgument(
          "--to: expected postgresql://user@host:port/db");
    if (!sqlite_only.ok()) {
      std::cerr << "warta migrate: " << sqlite_only.message() << "\n";
      return 2;
    }
    auto report = MigrateSqliteToPostgres(from->sqlite_path, to->postgres_url,
                                          RealClock::Get());
    if (!report.ok()) {
      std::cerr << "warta migrate: " << report.status().message() << "\n";
      return report.status().code() == StatusCode::kFailedPrecondition ? 3 : 1;
    }
    for (const auto& [table, rows] : report->tables)
      std::cout << table << ": " << rows << "\n";
    StoreOptions so;
    so.url = to->postgres_url;
    auto target = OpenStore(so, RealClock::Get());
    Result<std::int64_t> media =
        target.ok() ? CopyMediaFiles(flags->data + "/media", **target)
                    : Result<std::int64_t>(target.status());
    if (!media.ok()) {
      std::cerr << "warta migrate: media: " << media.status().message() << "\n";
      return 1;
    }
    std::cout << "media: " << *media << " files\n";
    std::cout << "warta migrate: " << from->sqlite_path
              << " copied; counts checked\n";
    return 0;
  };
}

}  // namespace warta::cli
