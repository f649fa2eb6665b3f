// warta restore --data DIR --from FILE [--force]
// Unpacks a backup into an empty data directory (or, with --force, moves
// what is there aside first), checks it against its manifest and builds
// the search index, so `warta serve --data DIR` starts at once.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/app.h"
#include "cli/command.h"
#include "cli/common.h"
#include "ops/backup.h"

namespace warta::cli {

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
    {
      std::optional<Config> config =
          LoadConfigOrPrint(flags->data, flags->store);
      if (!config) return 2;
      auto where = StoreLocationOf(*config);
      Status sqlite_only =
          where.ok() ? RequireSqlite(*where, "warta restore") : where.status();
      if (!sqlite_only.ok()) {
        std::cerr << "warta restore: " << sqlite_only.message() << "\n";
        return 2;
      }
    }
    auto m = ops::Restore(flags->from, flags->data, flags->force);
    if (!m.ok()) {
      std::cerr << "warta restore: " << m.status().message() << "\n";
      return 1;
    }
    std::cout << "restored " << flags->from << " (taken " << m->created_at
              << ", warta " << m->warta_version << ", schema "
              << m->schema_version << "): " << m->counts["articles"]
              << " articles, " << m->counts["media_files"]
              << " media files into " << flags->data << "\n";
    std::optional<Config> config = LoadConfigOrPrint(flags->data, flags->store);
    if (!config) return 2;
    auto opened = App::Open(std::move(*config));
    if (!opened.ok()) {
      std::cerr << "warta restore: " << opened.status().message() << "\n";
      return 1;
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
