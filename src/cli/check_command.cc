// warta check --data DIR
// Verifies the store's integrity, media files against the database and the
// search index against the store; exits 1 with a report on any problem.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "app/app.h"
#include "cli/command.h"
#include "cli/common.h"
#include "ops/backup.h"

namespace warta::cli {

CommandRunner AddCheckCommand(CLI::App& app) {
  struct Flags {
    std::string data = "data";
    std::string store;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Check the store, media files and search index of DIR");
  cmd->add_option("--data", flags->data, "Data directory")
      ->capture_default_str();
  AddStoreOption(cmd, &flags->store);
  return [flags]() -> int {
    std::optional<Config> config = LoadConfigOrPrint(flags->data, flags->store);
    if (!config) return 2;
    auto where = StoreLocationOf(*config);
    if (!where.ok()) return 2;
    const bool sqlite = where->backend == StoreBackend::kSqlite;
    std::string db = sqlite ? where->sqlite_path : "the PostgreSQL store";
    std::error_code ec;
    if (sqlite && !std::filesystem::is_regular_file(db, ec)) {
      std::cout << "PROBLEM store: no database at " << db << "\n"
                << "warta check: 1 problem found in " << flags->data << "\n";
      return 1;
    }
    auto opened = App::Open(std::move(*config));
    if (!opened.ok()) {
      std::cout << "PROBLEM store: cannot open " << db << ": "
                << opened.status().message() << "\n"
                << "warta check: 1 problem found in " << flags->data << "\n";
      return 1;
    }
    App& a = **opened;
    ops::CheckReport report = ops::Check(a.store(), flags->data, a.analyzer());
    for (const std::string& note : report.notes) std::cout << note << "\n";
    for (const ops::CheckProblem& p : report.problems) {
      std::cout << "PROBLEM " << p.what << ": " << p.message << "\n";
    }
    if (!report.ok()) {
      std::cout << "warta check: " << report.problems.size()
                << (report.problems.size() == 1 ? " problem" : " problems")
                << " found in " << flags->data << "\n";
      return 1;
    }
    std::cout << "warta check: " << flags->data << " is sound\n";
    return 0;
  };
}

}  // namespace warta::cli
