// Synthetic scale: build time, memory, search and related latency.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <random>

#include "corpus.h"
#include "engines.h"
#include "text/stopwords.h"
#include "text/tokenizer.h"

namespace warta::bench {

int Scale(const std::vector<BenchDoc>& docs, const std::string& engine_name,
          std::int64_t n) {
  using Clock = std::chrono::steady_clock;
  constexpr std::uint64_t kSeed = 42;
  // Fewer with WARTA_BENCH_QUERIES / WARTA_BENCH_RELATED (slow peers).
  const int kQueries = std::getenv("WARTA_BENCH_QUERIES")
                           ? std::atoi(std::getenv("WARTA_BENCH_QUERIES"))
                           : 2000;
  const int kRelated = std::getenv("WARTA_BENCH_RELATED")
                           ? std::atoi(std::getenv("WARTA_BENCH_RELATED"))
                           : 1000;
  Generator gen(docs, kSeed);
  text::Analyzer analyzer(text::DefaultStemmer());
  // Queries first (same for every engine): 1-3 content words of a random
  // synthetic article.
  std::mt19937_64 rng(kSeed + 1);
  std::vector<std::string> queries;
  while (static_cast<int>(queries.size()) < kQueries) {
    BenchDoc d = gen.Make(1 + static_cast<std::int64_t>(rng() % n));
    std::vector<text::Token> tokens;
    text::Tokenize(d.title + " " + d.body, tokens);
    std::vector<std::string> words;
    for (auto& t : tokens) {
      if (t.word.size() >= 4 && !text::IsStopword(t.word) &&
          t.word.find('-') == std::string::npos)
        words.push_back(t.word);
    }
    if (words.size() < 3) continue;
    int r = static_cast<int>(rng() % 10);
    int count = r < 2 ? 1 : r < 7 ? 2 : 3;
    std::string q;
    for (int k = 0; k < count; ++k) q += words[rng() % words.size()] + " ";
    queries.push_back(q);
  }
  std::vector<std::int64_t> related_ids;
  for (int i = 0; i < kRelated; ++i)
    related_ids.push_back(1 + static_cast<std::int64_t>(rng() % n));
  // Warm the stem cache with the corpus's words, whose vocabulary the
  // synthetic articles use: the cache belongs to the analyzer, not the index.
  for (const BenchDoc& d : docs) analyzer.Terms(d.title + " " + d.body);

  std::filesystem::create_directories("/tmp/warta-bench");
  std::string path =
      "/tmp/warta-bench/" + engine_name + "-" + std::to_string(n);
  std::unique_ptr<Engine> e;
  if (engine_name == "warta")
    e = MakeWarta(analyzer);
  else if (engine_name == "fts5")
    e = MakeFts5(path + ".db");
  else if (engine_name == "xapian")
    e = MakeXapian(path, false);
  else
    return 2;
  TrimHeap();
  const std::size_t rss0 = CurrentRss();
  auto t0 = Clock::now();
  double gen_seconds = 0;
  for (std::int64_t i = 1; i <= n; ++i) {
    auto g0 = Clock::now();
    BenchDoc d = gen.Make(i);
    gen_seconds += std::chrono::duration<double>(Clock::now() - g0).count();
    e->Add(d);
    if (i % 100000 == 0) std::fprintf(stderr, "  %ld added\n", long(i));
  }
  e->Finish();
  double build =
      std::chrono::duration<double>(Clock::now() - t0).count() - gen_seconds;
  TrimHeap();
  const std::size_t rss1 = CurrentRss();
  std::uintmax_t disk = 0;
  std::error_code ec;
  if (std::filesystem::is_regular_file(path + ".db", ec)) {
    disk = std::filesystem::file_size(path + ".db", ec);
  } else if (std::filesystem::is_directory(path, ec)) {
    for (auto& f : std::filesystem::recursive_directory_iterator(path, ec))
      if (f.is_regular_file()) disk += f.file_size();
  }
  // Latency per call, as the thread's CPU time and as wall-clock time (the
  // machine is shared: a thread preempted by other work shows in the
  // second, not in the first).
  struct Latency {
    double cpu_p50, cpu_p99, wall_p50, wall_p99;
  };
  auto thread_cpu_us = [] {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e6 + double(ts.tv_nsec) / 1e3;
  };
  auto measure = [&](auto&& fn, int count) {
    std::vector<double> wall, cpu;
    for (int i = 0; i < std::min(count, 100); ++i) fn(i);  // warm up
    for (int i = 0; i < count; ++i) {
      double c = thread_cpu_us();
      auto a = Clock::now();
      fn(i);
      wall.push_back(
          std::chrono::duration<double, std::micro>(Clock::now() - a).count());
      cpu.push_back(thread_cpu_us() - c);
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    auto p = [](const std::vector<double>& v, int pct) {
      return v[v.size() * pct / 100] / 1000;  // ms
    };
    return Latency{p(cpu, 50), p(cpu, 99), p(wall, 50), p(wall, 99)};
  };
  if (const char* dump = std::getenv("WARTA_BENCH_DUMP")) {
    // Every query's top 10, to compare two runs.
    FILE* f = std::fopen(dump, "w");
    for (const std::string& q : queries) {
      std::fprintf(f, "%s:", q.c_str());
      for (std::int64_t id : e->Search(q, 10)) std::fprintf(f, " %ld", long(id));
      std::fprintf(f, "\n");
    }
    std::fclose(f);
  }
  if (const char* rounds = std::getenv("WARTA_BENCH_SLOWEST")) {
    // For looking into: the slowest queries by thread CPU time.
    std::vector<std::pair<double, std::string>> slow;
    for (const std::string& q : queries) {
      double c = thread_cpu_us();
      e->Search(q, 10);
      slow.emplace_back(thread_cpu_us() - c, q);
    }
    std::sort(slow.begin(), slow.end(), std::greater<>());
    for (int i = 0; i < std::atoi(rounds) && i < int(slow.size()); ++i)
      std::fprintf(stderr, "  %.2f ms  %s\n", slow[i].first / 1000,
                   slow[i].second.c_str());
  }
  std::size_t found = 0;
  auto search = measure(
      [&](int i) { found += e->Search(queries[i], 10).size(); }, kQueries);
  auto related =
      measure([&](int i) { e->Related(related_ids[i], 6); }, kRelated);
  const std::size_t rss2 = CurrentRss();
  std::printf(
      "| %s | %ld | %.1f s | %.0f MiB | %.0f MiB | %.0f MiB | %.2f / %.2f ms | "
      "%.2f / %.2f ms | %.2f / %.2f ms | %.2f / %.2f ms | %.1f |\n",
      engine_name.c_str(), long(n), build, (rss1 - rss0) / 1048576.0,
      (rss2 - rss0) / 1048576.0, disk / 1048576.0, search.cpu_p50,
      search.cpu_p99, search.wall_p50, search.wall_p99, related.cpu_p50,
      related.cpu_p99, related.wall_p50, related.wall_p99,
      double(found) / kQueries);
  return 0;
}

}  // namespace warta::bench
