// Snapshot::Suggest: "Mungkin maksud Anda" from the index's own words.
#include <algorithm>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "index/snapshot.h"

namespace warta::index {
namespace {

// Levenshtein distance between code point strings, or limit+1 when larger.
int Distance(const std::u32string& a, const std::u32string& b, int limit) {
  if (static_cast<int>(std::max(a.size(), b.size()) -
                       std::min(a.size(), b.size())) > limit)
    return limit + 1;
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    int row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::u32string Decode(std::string_view s) {
  std::u32string out;
  std::size_t pos = 0;
  while (pos < s.size()) out += DecodeUtf8(s, pos);
  return out;
}

}  // namespace

std::string Snapshot::Suggest(const ParsedQuery& query) const {
  std::vector<std::string> words;
  bool changed = false;
  std::vector<std::string> unknown;  // folded words without any document
  for (const QueryClause& c : query.clauses) {
    for (const QueryWord& w : c.words) {
      if (Df(w.term) == 0) unknown.push_back(w.folded);
    }
  }
  for (const std::string& word : query.words) {
    if (std::find(unknown.begin(), unknown.end(), word) == unknown.end()) {
      words.push_back(word);
      continue;
    }
    std::u32string w = Decode(word);
    const int limit = w.size() <= 4 ? 1 : 2;
    std::string best;
    int best_distance = limit + 1;
    std::uint32_t best_df = 0;
    for (const SegmentRef& s : segments_) {
      for (const Surface& sf : s.segment->surfaces()) {
        if (sf.word.size() + 2 * limit < word.size() ||
            sf.word.size() > word.size() + 2 * limit)
          continue;
        int dist = Distance(w, Decode(sf.word), limit);
        if (dist > limit || dist > best_distance) continue;
        std::uint32_t df = Df(sf.term);
        if (dist < best_distance || df > best_df ||
            (df == best_df && sf.word < best)) {
          best = sf.word;
          best_distance = dist;
          best_df = df;
        }
      }
    }
    if (best.empty()) {
      words.push_back(word);
    } else {
      words.push_back(best);
      changed = true;
    }
  }
  if (!changed) return "";
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

}  // namespace warta::index
