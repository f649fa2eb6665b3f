// Related-article quality and the near-duplicate similarity histogram.
#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <unordered_map>

#include "corpus.h"
#include "engines.h"
#include "index/near_duplicate.h"
#include "text/analyzer.h"

namespace warta::bench {

namespace {

std::set<std::string> TitleStems(const text::Analyzer& a,
                                 const std::string& t) {
  auto terms = a.Terms(t);
  return std::set<std::string>(terms.begin(), terms.end());
}

}  // namespace

int RelatedQuality(const std::vector<BenchDoc>& docs) {
  text::Analyzer analyzer(text::DefaultStemmer());
  auto warta = MakeWarta(analyzer);
  for (const auto& d : docs) warta->Add(d);
  warta->Finish();
  std::vector<index::Fingerprint> fps;
  for (const auto& d : docs)
    fps.push_back(index::FingerprintOf(d.title + "\n" + d.body));
  std::vector<std::set<std::string>> stems;
  for (const auto& d : docs) stems.push_back(TitleStems(analyzer, d.title));
  // Newest first, per category: the baseline ("newest in the category").
  std::map<std::string, std::vector<std::int64_t>> newest;
  for (const auto& d : docs) newest[d.category].push_back(d.id);
  for (auto& [c, ids] : newest) {
    std::stable_sort(ids.begin(), ids.end(), [&](auto x, auto y) {
      return docs[x - 1].published > docs[y - 1].published;
    });
  }
  std::mt19937_64 rng(11);
  std::vector<std::int64_t> sample;
  for (const auto& d : docs) sample.push_back(d.id);
  std::shuffle(sample.begin(), sample.end(), rng);
  sample.resize(std::min<std::size_t>(500, sample.size()));

  struct Totals {
    double shown = 0, same_category = 0, shares_title_word = 0, jaccard = 0,
           duplicates = 0, distinct_titles = 0;
  };
  std::map<std::string, Totals> totals;
  for (std::int64_t id : sample) {
    const BenchDoc& src = docs[id - 1];
    std::map<std::string, std::vector<std::int64_t>> lists;
    lists["warta"] = warta->Related(id, 6);
    for (std::int64_t o : newest[src.category]) {
      if (o != id && lists["baseline: newest in category"].size() < 6)
        lists["baseline: newest in category"].push_back(o);
    }
    for (auto& [name, list] : lists) {
      Totals& t = totals[name];
      std::set<std::set<std::string>> titles;
      for (std::size_t i = 0; i < list.size(); ++i) {
        const BenchDoc& r = docs[list[i] - 1];
        t.shown += 1;
        t.same_category += r.category == src.category;
        const auto& a = stems[id - 1];
        const auto& b = stems[list[i] - 1];
        std::size_t common = 0;
        for (const auto& s : a) common += b.count(s);
        t.shares_title_word += common > 0;
        t.jaccard += a.size() + b.size() - common
                         ? double(common) / double(a.size() + b.size() - common)
                         : 0;
        titles.insert(b);
        // Near-duplicates: of the article, or of another result.
        if (index::Jaccard(fps[id - 1].shingles, fps[list[i] - 1].shingles) >=
            index::kDuplicateJaccard)
          t.duplicates += 1;
        for (std::size_t j = 0; j < i; ++j) {
          if (index::Jaccard(fps[list[j] - 1].shingles,
                             fps[list[i] - 1].shingles) >=
              index::kDuplicateJaccard)
            t.duplicates += 1;
        }
      }
      t.distinct_titles += titles.size();
    }
  }
  std::printf("%zu articles, 6 related each\n\n", sample.size());
  std::printf(
      "| list | same category | shares a title word | title-word "
      "Jaccard | near-duplicates shown |\n|---|---:|---:|---:|---:|\n");
  for (auto& [name, t] : totals) {
    std::printf("| %s | %.1f%% | %.1f%% | %.3f | %.0f |\n", name.c_str(),
                100 * t.same_category / t.shown,
                100 * t.shares_title_word / t.shown, t.jaccard / t.shown,
                t.duplicates);
  }
  std::printf("\nExamples (warta):\n");
  for (int i = 0; i < 3; ++i) {
    std::int64_t id = sample[i];
    std::printf("  %s\n", docs[id - 1].title.c_str());
    for (std::int64_t r : warta->Related(id, 6))
      std::printf("    -> %s\n", docs[r - 1].title.c_str());
  }
  return 0;
}

int Duplicates(const std::vector<BenchDoc>& docs) {
  std::vector<index::Fingerprint> fps;
  for (const auto& d : docs)
    fps.push_back(index::FingerprintOf(d.title + "\n" + d.body));
  // Every pair sharing an LSH band, with its exact shingle Jaccard.
  std::unordered_map<std::int64_t, std::vector<std::size_t>> buckets;
  for (std::size_t i = 0; i < fps.size(); ++i) {
    for (std::int64_t b : fps[i].bands) buckets[b].push_back(i);
  }
  std::set<std::pair<std::size_t, std::size_t>> pairs;
  for (auto& [b, v] : buckets) {
    for (std::size_t x = 0; x < v.size(); ++x)
      for (std::size_t y = x + 1; y < v.size(); ++y) pairs.insert({v[x], v[y]});
  }
  int hist[11] = {0};
  std::vector<std::pair<double, std::pair<std::size_t, std::size_t>>> top;
  for (auto [a, b] : pairs) {
    double j = index::Jaccard(fps[a].shingles, fps[b].shingles);
    ++hist[std::min(10, int(j * 10))];
    top.push_back({j, {a, b}});
  }
  std::sort(top.begin(), top.end(), std::greater<>());
  std::printf("%zu articles, %zu candidate pairs from LSH\n\n", docs.size(),
              pairs.size());
  std::printf("| exact shingle Jaccard | pairs |\n|---|---:|\n");
  for (int i = 0; i < 10; ++i)
    std::printf("| %.1f-%.1f | %d |\n", i / 10.0, (i + 1) / 10.0,
                hist[i] + (i == 9 ? hist[10] : 0));
  std::printf("\nMost similar pairs:\n");
  for (std::size_t i = 0; i < top.size() && i < 8; ++i) {
    std::printf("  %.3f  %s | %s\n", top[i].first,
                docs[top[i].second.first].title.c_str(),
                docs[top[i].second.second].title.c_str());
  }
  return 0;
}

}  // namespace warta::bench
