// warta: a news publishing platform. `warta --help` lists the commands.
#include <CLI/CLI.hpp>
#include <iostream>
#include <map>

#include "base/heap.h"
#include "cli/command.h"
#include "cli/common.h"

int main(int argc, char** argv) {
  CLI::App app{"warta: a news publishing platform for Indonesian newsrooms"};
  app.require_subcommand(1);
  app.set_version_flag("--version",
                       "warta " + std::string(warta::cli::kWartaVersion) +
                           " (allocator: " + warta::HeapAllocatorName() + ")");
  std::map<const CLI::App*, warta::cli::CommandRunner> runners;
  auto add = [&](warta::cli::CommandRunner (*fn)(CLI::App&)) {
    size_t before = app.get_subcommands({}).size();
    warta::cli::CommandRunner run = fn(app);
    auto subs = app.get_subcommands({});
    if (subs.size() > before) runners[subs.back()] = std::move(run);
  };
  add(&warta::cli::AddServeCommand);
  add(&warta::cli::AddImportCommand);
  add(&warta::cli::AddIngestCommand);
  add(&warta::cli::AddUserCommand);
  add(&warta::cli::AddBackupCommand);
  add(&warta::cli::AddRestoreCommand);
  add(&warta::cli::AddCheckCommand);
  add(&warta::cli::AddReindexCommand);
  add(&warta::cli::AddMigrateCommand);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  for (const auto& [sub, run] : runners) {
    if (sub->parsed()) {
      try {
        return run();
      } catch (const std::exception& e) {
        std::cerr << "warta: " << e.what() << "\n";
        return 1;
      }
    }
  }
  return 1;
}
