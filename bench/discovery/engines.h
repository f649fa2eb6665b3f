// The three engines compared in bench/: warta's index, SQLite FTS5
// (unicode61 tokenizer) and Xapian (Indonesian Snowball stemmer), behind one
// small interface. Same documents in, same queries, top-k article ids out.
// Every engine answers a query with all words first and, when that finds
// nothing, with any word (warta's own rule), so they differ in analysis and
// ranking, not in that policy.
#ifndef WARTA_BENCH_DISCOVERY_ENGINES_H_
#define WARTA_BENCH_DISCOVERY_ENGINES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "corpus.h"
#include "text/analyzer.h"

namespace warta::bench {

class Engine {
 public:
  virtual ~Engine() = default;
  virtual std::string name() const = 0;
  virtual void Add(const BenchDoc& doc) = 0;
  virtual void Finish() = 0;
  virtual std::vector<std::int64_t> Search(const std::string& query, int k) = 0;
  // "More like this": k articles related to article `id`, never itself.
  virtual std::vector<std::int64_t> Related(std::int64_t id, int k) = 0;
};

std::unique_ptr<Engine> MakeWarta(const text::Analyzer& analyzer);
// `path`: the database file (removed first).
std::unique_ptr<Engine> MakeFts5(const std::string& path);
// `dir`: the database directory (removed first); "" keeps it in memory.
// `or_default`: Xapian's own default (any word, ranked) instead of the
// all-words-first rule.
std::unique_ptr<Engine> MakeXapian(const std::string& dir, bool or_default);

}  // namespace warta::bench

#endif  // WARTA_BENCH_DISCOVERY_ENGINES_H_
