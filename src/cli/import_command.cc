// warta import --data DIR [--category NAME] [--author NAME] [--status S]
// FILE... Prints each imported article's public URL path on stdout; errors go
// to stderr as "FILE:LINE: message". Exit status 1 when anything failed.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/app.h"
#include "cli/command.h"
#include "cli/common.h"
#include "ingest/importer.h"

namespace warta::cli {

CommandRunner AddImportCommand(CLI::App& app) {
  struct Flags {
    std::string data = "data";
    std::vector<std::string> files;
    std::optional<std::string> category;
    std::optional<std::string> author;
    std::optional<std::string> status;
    bool quiet = false;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd =
      app.add_subcommand("import",
                         "Import articles: seed-style .txt, Markdown with "
                         "front matter, JSON Lines (.gz ok)");
  cmd->add_option("--data", flags->data, "Data directory (created if missing)")
      ->capture_default_str();
  cmd->add_option(
      "--category", flags->category,
      "Category for files that name none (default: import.default_category)");
  cmd->add_option(
      "--author", flags->author,
      "Author for files that name none (default: import.default_author)");
  cmd->add_option("--status", flags->status,
                  "Force this status: draft, scheduled or published");
  cmd->add_flag("--quiet", flags->quiet, "Do not print the summary on stderr");
  cmd->add_option("files", flags->files, "Files to import")->required();
  return [flags]() -> int {
    std::optional<Config> config = LoadConfigOrPrint(flags->data);
    if (!config) return 2;
    ingest::ImportDefaults defaults;
    defaults.category =
        flags->category.value_or(config->import.default_category);
    defaults.author = flags->author.value_or(config->import.default_author);
    if (flags->status) {
      auto s = ParseArticleStatus(*flags->status);
      if (!s.ok()) {
        std::cerr << "warta import: --status: " << s.status().message() << "\n";
        return 2;
      }
      defaults.status = *s;
    }
    auto app = App::Open(std::move(*config));
    if (!app.ok()) {
      std::cerr << "warta import: " << app.status().message() << "\n";
      return 1;
    }
    defaults.utc_offset_seconds = (*app)->timezone().offset_seconds;
    ingest::Importer importer((*app)->newsroom(), defaults);
    ingest::ImportStats total;
    for (const std::string& file : flags->files) {
      ingest::ImportStats s =
          importer.ImportFile(file, [&](const ingest::ImportEvent& e) {
            if (e.status.ok()) {
              std::cout << (*app)->urls().Article(e.article->slug) << "\n";
            } else {
              std::cerr << e.file;
              if (e.line > 0) std::cerr << ":" << e.line;
              std::cerr << ": " << e.status.message() << "\n";
            }
          });
      total.created += s.created;
      total.updated += s.updated;
      total.unchanged += s.unchanged;
      total.failed += s.failed;
    }
    std::cout.flush();
    if (!flags->quiet) {
      std::cerr << "warta import: " << total.created << " created, "
                << total.updated << " updated, " << total.unchanged
                << " unchanged, " << total.failed << " failed\n";
    }
    return total.failed > 0 ? 1 : 0;
  };
}

}  // namespace warta::cli
