// Ranking parameters (BM25F) and the per-posting part of the score that
// does not depend on the query. Header-only; pure.
#ifndef WARTA_INDEX_RANKING_H_
#define WARTA_INDEX_RANKING_H_

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "index/doc.h"

namespace warta::index {

struct RankingOptions {
  double k1 = 1.2;
  double weight[kFieldCount] = {6.0, 1.5, 1.0};  // title, excerpt, body
  double b[kFieldCount] = {0.5, 0.75, 0.75};
  double prefix_weight = 0.8;  // a completion of the last word, vs the word
  double title_bonus = 0.0;    // extra idf share for a word in the title

  bool operator==(const RankingOptions&) const = default;
};

// BM25F without the idf: field-weighted, length-normalised frequencies
// summed, then saturated once; plus title_bonus when the title has the word.
// `avg_length` are the segment's average field lengths.
inline double Bm25fTf(const RankingOptions& r, const double* avg_length,
                      const std::uint16_t* length, const std::uint32_t* tf) {
  double sum = 0;
  for (int f = 0; f < kFieldCount; ++f) {
    if (!tf[f]) continue;
    double norm = 1 - r.b[f] + r.b[f] * (length[f] / avg_length[f]);
    sum += r.weight[f] * tf[f] / norm;
  }
  double score = sum * (r.k1 + 1) / (r.k1 + sum);
  if (tf[kTitle]) score += r.title_bonus;
  return score;
}

// Postings store Bm25fTf quantized to an "impact" of kImpactBits bits
// (1..kMaxImpact): the score of a posting is then idf * impact * ImpactScale,
// a multiply, with no field lengths to look up. Bm25fTf lies in
// (0, k1 + 1 + title_bonus), which kMaxImpact steps cover; a posting never
// quantizes to 0 (every posting has the word somewhere).
using Impact = std::uint16_t;
inline constexpr int kImpactBits = 16;
inline constexpr long kMaxImpact = (1L << kImpactBits) - 1;

inline double ImpactScale(const RankingOptions& r) {
  return (r.k1 + 1 + r.title_bonus) / static_cast<double>(kMaxImpact);
}
inline Impact QuantizeImpact(double bm25f_tf, double scale) {
  long q = std::lround(bm25f_tf / scale);
  return static_cast<Impact>(std::clamp<long>(q, 1, kMaxImpact));
}

}  // namespace warta::index

#endif  // WARTA_INDEX_RANKING_H_
