// prepare_cost: what a bulk import's worker does for each article (parse,
// Markdown and plain text, word count, the first revision), timed on one
// thread, plus the near-duplicate fingerprint the import command adds
// (docs/benchmarks.md, "The worker's text passes, JSON lines without a
// document, one index less").
//   build/bench/prepare_cost FILE.jsonl [N] [DATA_DIR]
// FILE: JSON lines as `warta import` takes them (bench/gen_articles.py); the
// first N (default 5000) are prepared 5 times; prints the fastest pass in
// µs an article and a checksum of what was prepared. DATA_DIR (default a
// fresh one under /tmp, removed at the end) is opened as `warta import`
// opens it.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "app/app.h"
#include "base/strings.h"
#include "config/config.h"
#include "index/near_duplicate.h"
#include "ingest/importer.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: prepare_cost FILE.jsonl [N] [DATA_DIR]\n");
    return 2;
  }
  const std::size_t n = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 5000;
  const bool own_dir = argc <= 3;
  const std::string dir =
      own_dir ? "/tmp/prepare_cost." + std::to_string(::getpid()) : argv[3];
  auto config = warta::LoadConfig(dir, environ);
  if (!config.ok()) {
    std::fprintf(stderr, "%s\n", config.status().message().c_str());
    return 1;
  }
  auto app = warta::App::Open(std::move(*config));
  if (!app.ok()) {
    std::fprintf(stderr, "%s\n", app.status().message().c_str());
    return 1;
  }
  warta::ingest::ImportDefaults defaults;
  warta::ingest::Importer importer((*app)->newsroom(), defaults);
  std::vector<warta::ingest::ImportItem> items;
  warta::ingest::ItemReader reader(argv[1]);
  warta::ingest::ImportItem item;
  while (items.size() < n && reader.Next(item)) items.push_back(item);
  double best = 1e18;
  std::uint64_t sum = 0;
  for (int pass = 0; pass < 5; ++pass) {
    std::vector<warta::ingest::ImportItem> copy = items;
    sum = 0;
    const auto start = std::chrono::steady_clock::now();
    for (warta::ingest::ImportItem& i : copy) {
      warta::ingest::PreparedItem p = importer.PrepareItem(std::move(i));
      if (!p.status.ok()) continue;
      const warta::index::Fingerprint fp =
          warta::index::FingerprintOf(warta::index::DuplicateText(p.article));
      sum += warta::Fnv1a64(p.article.html) ^
             (p.revision ? warta::Fnv1a64(p.revision->data) : 0) ^
             static_cast<std::uint64_t>(p.article.word_count) ^
             (fp.minhash.empty() ? 0 : fp.minhash[0]);
    }
    const double us = std::chrono::duration<double, std::micro>(
                          std::chrono::steady_clock::now() - start)
                          .count();
    best = std::min(best, us / static_cast<double>(items.size()));
  }
  std::printf("%zu articles: %.2f us an article (fastest of 5; %llu)\n",
              items.size(), best, static_cast<unsigned long long>(sum));
  app->reset();
  if (own_dir) std::filesystem::remove_all(dir);
  return 0;
}
