#include "corpus.h"

#include <malloc.h>
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "base/time.h"

namespace warta::bench {

std::vector<BenchDoc> LoadCorpus(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) {
    std::fprintf(stderr, "cannot open %s\n", path.c_str());
    std::exit(2);
  }
  std::vector<BenchDoc> docs;
  std::string line;
  char buf[1 << 16];
  while (gzgets(f, buf, sizeof buf)) {
    line += buf;
    if (line.empty() || line.back() != '\n') continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    line.clear();
    if (j.is_discarded()) continue;
    BenchDoc d;
    d.id = static_cast<std::int64_t>(docs.size()) + 1;
    d.title = j.value("title", "");
    d.body = j.value("body", "");
    d.category = j.value("category", "");
    auto t = ParseIso8601(j.value("published", "2017-01-01"));
    d.published = t.ok() ? *t : 1483228800;
    docs.push_back(std::move(d));
  }
  gzclose(f);
  return docs;
}

namespace {

std::vector<std::string> SplitWords(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

}  // namespace

Generator::Generator(const std::vector<BenchDoc>& corpus, std::uint64_t seed)
    : seed_(seed) {
  std::unordered_map<std::string, std::uint32_t> ids;
  std::unordered_map<std::string, std::uint32_t> cats;
  auto id_of = [&](const std::string& w) {
    auto [it, added] =
        ids.emplace(w, static_cast<std::uint32_t>(words_.size()));
    if (added) words_.push_back(w);
    return it->second;
  };
  for (const BenchDoc& d : corpus) {
    Source s;
    for (const auto& w : SplitWords(d.title)) s.title.push_back(id_of(w));
    for (const auto& w : SplitWords(d.body)) {
      s.body.push_back(id_of(w));
      all_tokens_.push_back(s.body.back());
    }
    auto [it, added] = cats.emplace(
        d.category, static_cast<std::uint32_t>(categories_.size()));
    if (added) categories_.push_back(d.category);
    s.category = it->second;
    lengths_.push_back(static_cast<std::uint32_t>(s.body.size()));
    sources_.push_back(std::move(s));
  }
}

BenchDoc Generator::Make(std::int64_t i) const {
  std::mt19937_64 rng(seed_ * 1000003ull + static_cast<std::uint64_t>(i));
  auto pick = [&](std::size_t n) {
    return static_cast<std::size_t>(rng() % n);
  };
  const Source& src = sources_[pick(sources_.size())];
  const std::uint32_t length = lengths_[pick(lengths_.size())];
  BenchDoc d;
  d.id = i;
  d.category = categories_[src.category];
  // Five years of articles, the newest last.
  d.published = 1420070400 + (i * 157) % (5 * 365 * 86400);
  auto draw = [&](const std::vector<std::uint32_t>& own, std::size_t& cursor) {
    if (!own.empty() && rng() % 10 < 6) {
      std::uint32_t w = own[cursor % own.size()];
      cursor += 1 + pick(3);
      return w;
    }
    return all_tokens_[pick(all_tokens_.size())];
  };
  std::size_t cursor = pick(src.title.size() + 1);
  const int title_words = 6 + static_cast<int>(pick(6));
  for (int k = 0; k < title_words; ++k) {
    if (k) d.title += ' ';
    d.title += words_[draw(src.title, cursor)];
  }
  cursor = pick(src.body.size() + 1);
  d.body.reserve(length * 8);
  for (std::uint32_t k = 0; k < length; ++k) {
    if (k) d.body += (k % 40 == 0) ? "\n\n" : " ";
    d.body += words_[draw(src.body, cursor)];
  }
  return d;
}

std::size_t CurrentRss() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("VmRSS:", 0) == 0)
      return std::strtoull(line.c_str() + 6, nullptr, 10) * 1024;
  }
  return 0;
}

void TrimHeap() { malloc_trim(0); }

}  // namespace warta::bench
