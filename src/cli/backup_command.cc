// warta backup --data DIR [--store URL] --to FILE
// A consistent online backup (store snapshot, media, settings, manifest) in
// one .tar.gz, taken while `warta serve` keeps serving and writing. On
// PostgreSQL the snapshot is pg_dump's, taken from one exported snapshot.
#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "app/app.h"
#include "cli/command.h"
#include "cli/common.h"
#include "ops/backup.h"
#include "store/open/open_store.h"

namespace warta::cli {

CommandRunner AddBackupCommand(CLI::App& app) {
  struct Flags {
    std::string data = "data";
    std::string store;
    std::string to;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "backup", "Back up the store, media and settings while serving");
  cmd->add_option("--data", flags->data, "Data directory")
      ->capture_default_str();
  AddStoreOption(cmd, &flags->store);
  cmd->add_option("--to", flags->to, "Backup file to write (.tar.gz)")
      ->required();
  return [flags]() -> int {
    std::optional<Config> config = LoadConfigOrPrint(flags->data, flags->store);
    if (!config) return 2;
    auto where = StoreLocationOf(*config);
    if (!where.ok()) {
      std::cerr << "warta backup: " << where.status().message() << "\n";
      return 2;
    }
    if (where->backend == StoreBackend::kSqlite) {
      std::error_code ec;
      if (!std::filesystem::is_regular_file(where->sqlite_path, ec)) {
        std::cerr << "warta backup: no store at " << where->sqlite_path << "\n";
        return 1;
      }
      config->store.path = where->sqlite_path;
    } else if (!PostgresSupported()) {
      std::cerr << "warta backup: " << kNoPostgresMessage << "\n";
      return 2;
    }
    auto start = std::chrono::steady_clock::now();
    auto opened = App::Open(std::move(*config));
    if (!opened.ok()) {
      std::cerr << "warta backup: " << opened.status().message() << "\n";
      return 1;
    }
    auto m =
        ops::Backup((*opened)->store(), flags->data, flags->to, kWartaVersion);
    if (!m.ok()) {
      std::cerr << "warta backup: " << m.status().message() << "\n";
      return 1;
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    std::error_code ec;
    std::cout << "backup " << flags->to << ": " << m->counts["articles"]
              << " articles, " << m->counts["media_files"] << " media files, "
              << std::filesystem::file_size(flags->to, ec) << " bytes in "
              << static_cast<int>(seconds * 1000) << " ms\n";
    return 0;
  };
}

}  // namespace warta::cli
