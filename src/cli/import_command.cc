// warta import --data DIR [--category NAME] [--author NAME] [--status S]
// [--batch N] [--threads N] FILE... Prints each imported article's public
// URL path on stdout; errors go to stderr as "FILE:LINE: message", progress
// too (a bar on a terminal, a line every few seconds otherwise). Exit status
// 1 when anything failed, 130 when SIGINT/SIGTERM stopped it (after the
// batch in progress committed; running it again imports the rest).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <thread>

#include "app/app.h"
#include "base/heap.h"
#include "base/stop_signals.h"
#include "cli/command.h"
#include "cli/common.h"
#include "cli/progress.h"
#include "index/near_duplicate.h"
#include "ingest/bulk_import.h"
#include "ingest/file_reader.h"
#include "metrics/metrics.h"
#include "store/open/open_store.h"

namespace warta::cli {
namespace {

std::atomic<bool> g_stop{false};

// The first signal asks for a clean stop; a second one ends the process at
// once (the batch in progress is rolled back, as after a crash).
extern "C" void OnStopSignal(int sig) {
  if (g_stop.exchange(true)) {
    std::signal(sig, SIG_DFL);
    std::raise(sig);
  }
}

// Installs OnStopSignal for SIGINT and SIGTERM; restores on destruction.
class StopSignals {
 public:
  StopSignals() {
    struct sigaction sa {};
    sa.sa_handler = OnStopSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
  }
  ~StopSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

// Articles in `files`, or -1 when unknown (a compressed JSON Lines file):
// the lines of each JSON Lines file, 1 for each other file.
std::int64_t CountArticles(const std::vector<std::string>& files) {
  std::int64_t total = 0;
  for (const std::string& file : files) {
    auto reader = ingest::LineReader::Open(file);
    std::string first;
    if (!reader.ok() || !(*reader)->Next(first).ok()) {
      ++total;  // reported as one error
      continue;
    }
    if (ingest::DetectFormat(file, first) != ingest::FileFormat::kJsonLines) {
      ++total;
      continue;
    }
    if (file.size() > 3 && file.compare(file.size() - 3, 3, ".gz") == 0)
      return -1;
    FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) return -1;
    static char buf[1 << 20];
    std::size_t n;
    char last = '\n';
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
      for (const char* p = buf;
           (p = static_cast<const char*>(std::memchr(p, '\n', buf + n - p)));
           ++p) {
        ++total;
      }
      last = buf[n - 1];
    }
    if (last != '\n') ++total;
    std::fclose(f);
  }
  return total;
}

}  // namespace

CommandRunner AddImportCommand(CLI::App& app) {
  struct Flags {
    std::string data = "data";
    std::string store;
    std::vector<std::string> files;
    std::optional<std::string> category;
    std::optional<std::string> author;
    std::optional<std::string> status;
    int batch = 5000;
    int threads = 0;
    bool quiet = false;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd =
      app.add_subcommand("import",
                         "Import articles: seed-style .txt, Markdown with "
                         "front matter, JSON Lines (.gz ok)");
  cmd->add_option("--data", flags->data, "Data directory (created if missing)")
      ->capture_default_str();
  AddStoreOption(cmd, &flags->store);
  cmd->add_option(
      "--category", flags->category,
      "Category for files that name none (default: import.default_category)");
  cmd->add_option(
      "--author", flags->author,
      "Author for files that name none (default: import.default_author)");
  cmd->add_option("--status", flags->status,
                  "Force this status: draft, scheduled or published");
  cmd->add_option("--batch", flags->batch,
                  "Articles per transaction, at most (a batch also commits "
                  "after 1 s of saving, 0.5 s while another writer waits)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--threads", flags->threads,
                  "Parse/render threads (0: one per core but the writer's)")
      ->capture_default_str()
      ->check(CLI::Range(0, 256));
  cmd->add_flag("--quiet", flags->quiet,
                "Print neither progress nor the summary on stderr");
  cmd->add_option("files", flags->files, "Files to import")->required();
  return [flags]() -> int {
    std::optional<Config> config = LoadConfigOrPrint(flags->data, flags->store);
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
    // Nothing scrapes this process's metrics: its statements skip the clock.
    metrics::SetStatementTiming(false);
    // Each batch frees and allocates again blocks of megabytes (its items,
    // its events): keep their pages rather than fault them in again.
    KeepFreedMemory();
    auto app = App::Open(std::move(*config));
    if (!app.ok()) {
      std::cerr << "warta import: " << app.status().message() << "\n";
      return 1;
    }
    defaults.utc_offset_seconds = (*app)->timezone().offset_seconds;
    ingest::Importer importer((*app)->newsroom(), defaults);

    Progress progress(stderr, "warta import", "articles", ::isatty(2) == 1);
    std::thread counter;
    if (!flags->quiet) {
      // This thread takes SIGINT and SIGTERM (base/stop_signals.h); the
      // counter, which ends early, blocks them.
      counter = ThreadWithoutStopSignals([&progress, files = flags->files] {
        progress.SetTotal(CountArticles(files));
      });
    }
    ingest::BulkOptions options;
    options.batch_size = flags->batch;
    options.threads = flags->threads;
    options.stop = &g_stop;
    // Near-duplicate fingerprints, and the candidate reads, on the workers,
    // not the writer.
    index::DuplicateClusters& duplicates = (*app)->duplicates();
    duplicates.PrefetchCandidates();
    // The first import of an archive (no near-duplicate signature yet): the
    // band keys in memory, no candidate reads. SQLite only, where one writer
    // at a time holds the store, so that a batch tells its own writes from
    // others' by the change sequence.
    ChangeStore& changes = (*app)->store();
    DiscoveryStore& discovery = (*app)->store();
    auto where = LocateStore((*app)->config().store.url, "");
    if (where.ok() && where->backend == StoreBackend::kSqlite) {
      auto seq = changes.ChangeSeq();  // before the look: nothing slips by
      auto any = discovery.HasDuplicateSignatures();
      if (seq.ok() && any.ok() && !*any) duplicates.ScreenBandsInMemory(*seq);
    }
    bool deferred_bands = false;
    options.in_batch = [&](bool start) {
      if (!duplicates.screens_bands_in_memory()) return;
      duplicates.BatchSeq(changes.ChangeSeq(), start);
      // While the band keys are in memory, the store's band rows wait for
      // one pass sorted by key after the last batch (CompleteBandRows).
      if (start && duplicates.screens_bands_in_memory()) {
        discovery.DeferBandRows();
        deferred_bands = true;
      }
    };
    options.on_rendered = [&duplicates](const Article& a) {
      std::string text = index::DuplicateText(a);
      index::Fingerprint fp = index::FingerprintOf(text);
      duplicates.Expect(std::move(text), std::move(fp));
    };
    options.on_batch = [&](const ingest::ImportStats& s) {
      duplicates.Committed();
      std::cout.flush();
      if (!flags->quiet) progress.Update(s.done());
    };
    StopSignals signals;
    ingest::BulkResult result = ingest::BulkImport(
        importer, (*app)->store(), flags->files, options,
        [&](const ingest::ImportEvent& e) {
          if (e.status.ok()) {
            std::cout << (*app)->urls().Article(e.article->slug) << "\n";
          } else {
            progress.Clear();
            std::cerr << e.file;
            if (e.line > 0) std::cerr << ":" << e.line;
            std::cerr << ": " << e.status.message() << "\n";
          }
        });
    std::cout.flush();
    if (counter.joinable()) counter.join();
    const ingest::ImportStats& total = result.stats;
    if (!flags->quiet) progress.Finish(total.done());
    // Also after an interrupt: what was saved is whole. (Killed, the rows
    // stay pending and the next writer that needs them writes them.)
    if (deferred_bands && !flags->quiet)
      std::cerr << "warta import: writing the near-duplicate index...\n";
    const auto pass_began = std::chrono::steady_clock::now();
    Status bands = discovery.CompleteBandRows();
    const double pass_s = std::chrono::duration<double>(
                              std::chrono::steady_clock::now() - pass_began)
                              .count();
    if (!bands.ok()) {
      std::cerr << "warta import: writing the near-duplicate index: "
                << bands.message()
                << " (the next write to the store completes it)\n";
    } else if (!flags->quiet && pass_s >= 0.5) {
      std::fprintf(stderr,
                   "warta import: near-duplicate index written in %.1f s\n",
                   pass_s);
    }
    if (!flags->quiet) {
      std::cerr << "warta import: " << total.created << " created, "
                << total.updated << " updated, " << total.unchanged
                << " unchanged, " << total.failed << " failed\n";
      if (result.interrupted) {
        std::cerr << "warta import: interrupted; what is listed above is "
                     "saved, run the same command again to import the rest\n";
      }
    }
    if (result.interrupted) return 130;
    return total.failed > 0 || !bands.ok() ? 1 : 0;
  };
}

}  // namespace warta::cli
