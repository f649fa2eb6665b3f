// warta ingest --data DIR --feed NAME [--trusted] SOURCE...
// Ingests agency feeds (RSS 0.91/2.0, RSS 1.0, Atom; SOURCE an http(s) URL or
// a file path) as articles with source = NAME. Prints one line per article
// created or updated: its public URL path when published, else its admin
// path (/admin/articles/{id}). A feed that fails changes nothing; its error
// goes to stderr and the exit status is 1. Settings of a feed named NAME in
// DATA/feeds.json (category rules, author, trusted) apply; --trusted
// publishes directly.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/app.h"
#include "cli/command.h"
#include "cli/common.h"
#include "ingest/wire_ingester.h"

namespace warta::cli {

CommandRunner AddIngestCommand(CLI::App& app) {
  struct Flags {
    std::string data = "data";
    std::string store;
    std::string feed;
    bool trusted = false;
    bool quiet = false;
    std::vector<std::string> sources;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "ingest", "Ingest agency feeds (RSS, Atom) as draft articles");
  cmd->add_option("--data", flags->data, "Data directory (created if missing)")
      ->capture_default_str();
  AddStoreOption(cmd, &flags->store);
  cmd->add_option("--feed", flags->feed,
                  "The feed's name: becomes each article's source")
      ->required();
  cmd->add_flag("--trusted", flags->trusted,
                "Publish directly instead of creating drafts");
  cmd->add_flag("--quiet", flags->quiet, "Do not print the summary on stderr");
  cmd->add_option("sources", flags->sources,
                  "Feed URLs (http, https) or files; default: the feed's "
                  "urls in DATA/feeds.json");
  return [flags]() -> int {
    std::optional<Config> config = LoadConfigOrPrint(flags->data, flags->store);
    if (!config) return 2;
    auto configured = ingest::LoadWireFeeds(config->data_dir + "/feeds.json");
    if (!configured.ok()) {
      std::cerr << "warta ingest: " << configured.status().message() << "\n";
      return 2;
    }
    ingest::WireFeedConfig feed;
    if (auto found = ingest::FindWireFeed(*configured, flags->feed)) {
      feed = *found;
    }
    feed.name = flags->feed;
    if (flags->trusted) feed.trusted = true;
    std::vector<std::string> sources =
        flags->sources.empty() ? feed.sources : flags->sources;
    if (sources.empty()) {
      std::cerr << "warta ingest: no SOURCE given and feed \"" << feed.name
                << "\" has no urls in feeds.json\n";
      return 2;
    }
    auto app = App::Open(std::move(*config));
    if (!app.ok()) {
      std::cerr << "warta ingest: " << app.status().message() << "\n";
      return 1;
    }
    ingest::WireDefaults defaults = (*app)->WireDefaults();
    const Clock& clock = (*app)->clock();
    ingest::RecentDuplicateFinder detector((*app)->store());
    ingest::WireIngester ingester((*app)->newsroom(), (*app)->store(), detector,
                                  defaults);
    int failed = 0;
    for (const std::string& source : sources) {
      auto stats =
          ingester.Ingest(feed, source, [&](const ingest::WireEvent& e) {
            if (e.action != ingest::WireAction::kCreated &&
                e.action != ingest::WireAction::kUpdated) {
              return;
            }
            const Article& a = e.article;
            bool live =
                a.IsPublished() && a.published_at.value_or(0) <= clock.Now();
            std::cout << (live ? (*app)->urls().Article(a.slug)
                               : ingest::AdminArticlePath(a.id))
                      << "\n";
          });
      std::cout.flush();
      if (!stats.ok()) {
        ++failed;
        std::cerr << "warta ingest: " << stats.status().message() << "\n";
        continue;
      }
      if (!flags->quiet && stats->not_modified) {
        std::cerr << "warta ingest: " << source
                  << ": not modified since the last fetch (HTTP 304)\n";
      } else if (!flags->quiet) {
        std::cerr << "warta ingest: " << source << ": " << stats->items
                  << " items, " << stats->created << " created, "
                  << stats->updated << " updated, " << stats->unchanged
                  << " unchanged, " << stats->linked
                  << " linked to existing articles\n";
      }
    }
    return failed > 0 ? 1 : 0;
  };
}

}  // namespace warta::cli
