// The benchmark's data: the id-news corpus (../shared/corpus) and the
// deterministic synthetic articles made from its vocabulary and lengths.
#ifndef WARTA_BENCH_DISCOVERY_CORPUS_H_
#define WARTA_BENCH_DISCOVERY_CORPUS_H_

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace warta::bench {

struct BenchDoc {
  std::int64_t id = 0;  // 1-based
  std::string title;
  std::string body;
  std::string category;
  std::int64_t published = 0;  // seconds since the epoch
};

// Reads id-news.jsonl.gz; exits with a message when it cannot.
std::vector<BenchDoc> LoadCorpus(const std::string& path);

// Synthetic articles: article i is drawn with a generator seeded by
// (seed, i) from a corpus article chosen at random (its category, 60% of its
// words, in order, the rest drawn from the whole corpus by frequency) with
// the length of another random corpus article. Same (seed, i), same text.
class Generator {
 public:
  Generator(const std::vector<BenchDoc>& corpus, std::uint64_t seed);
  BenchDoc Make(std::int64_t i) const;

 private:
  struct Source {
    std::vector<std::uint32_t> title, body;  // word ids
    std::uint32_t category;
  };
  std::vector<std::string> words_;
  std::vector<std::uint32_t> all_tokens_;  // every body token: unigram draw
  std::vector<Source> sources_;
  std::vector<std::uint32_t> lengths_;
  std::vector<std::string> categories_;
  std::uint64_t seed_;
};

// Peak-free current resident set size of this process, in bytes.
std::size_t CurrentRss();
// Returns freed heap to the system (so RSS shows what is held).
void TrimHeap();

}  // namespace warta::bench

#endif  // WARTA_BENCH_DISCOVERY_CORPUS_H_
