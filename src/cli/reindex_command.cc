// warta reindex --data DIR
// Rebuilds the search index (which also answers "Mungkin Kamu Suka") from
// the store into DIR/index, offline, with a progress bar.
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>

#include "app/app.h"
#include "cli/command.h"
#include "cli/common.h"

namespace warta::cli {

CommandRunner AddReindexCommand(CLI::App& app) {
  struct Flags {
    std::string data = "data";
    std::string store;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "reindex", "Rebuild the search index and related articles offline");
  cmd->add_option("--data", flags->data, "Data directory")
      ->capture_default_str();
  AddStoreOption(cmd, &flags->store);
  return [flags]() -> int {
    std::optional<Config> config = LoadConfigOrPrint(flags->data, flags->store);
    if (!config) return 2;
    auto opened = App::Open(std::move(*config));
    if (!opened.ok()) {
      std::cerr << "warta reindex: " << opened.status().message() << "\n";
      return 1;
    }
    auto start = std::chrono::steady_clock::now();
    auto indexed = (*opened)->RebuildSearchIndex();
    if (!indexed.ok()) {
      std::cerr << "warta reindex: " << indexed.status().message() << "\n";
      return 1;
    }
    std::cout << "search index: " << *indexed << " articles indexed in "
              << std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - start)
                     .count()
              << " ms\n";
    return 0;
  };
}

}  // namespace warta::cli
