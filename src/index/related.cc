// Snapshot::Related: "Mungkin Kamu Suka" by content.
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "index/snapshot.h"

namespace warta::index {
namespace {

constexpr int kPoolFactor = 6;  // candidates considered per result

// A gentle preference for newer articles: 1 for today, 0.93 a month old,
// 0.77 a year old.
double Recency(Timestamp published, Timestamp now) {
  double days = std::max<double>(0, double(now - published) / 86400.0);
  return std::pow(1 + days / 30.0, -0.1);
}

// A document's features by name (sorted), for comparing across segments.
using Vector = std::vector<std::pair<std::uint64_t, float>>;

Vector FeaturesOf(const Segment& seg, std::uint32_t d) {
  Vector v;
  for (const FeatureWeight& fw : seg.DocFeatures(d))
    v.emplace_back(seg.FeatureKey(fw.feature), fw.weight);
  std::sort(v.begin(), v.end());
  return v;
}

double Cosine(const Vector& a, const Vector& b) {
  double dot = 0;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first == b[j].first) {
      dot += double(a[i++].second) * b[j++].second;
    } else if (a[i].first < b[j].first) {
      ++i;
    } else {
      ++j;
    }
  }
  return dot;  // both are unit vectors
}

struct Scored {
  double score;
  std::size_t segment;
  std::uint32_t doc;
};

}  // namespace

std::vector<RelatedHit> Snapshot::Related(std::int64_t article_id,
                                          const RelatedOptions& options) const {
  std::vector<RelatedHit> out;
  auto where = Find(article_id);
  if (!where || options.limit <= 0) return out;
  const Segment& src_seg = *segments_[where->segment].segment;
  const DocMeta& src = src_seg.doc(where->doc);
  auto src_features = src_seg.DocFeatures(where->doc);

  const std::size_t pool =
      static_cast<std::size_t>(options.limit) * kPoolFactor;
  std::vector<Scored> best;  // min-heap on score
  auto cmp = [](const Scored& a, const Scored& b) { return a.score > b.score; };
  thread_local std::vector<float> acc;
  thread_local std::vector<std::uint32_t> touched;
  for (std::size_t si = 0; si < segments_.size(); ++si) {
    const SegmentRef& sref = segments_[si];
    const Segment& seg = *sref.segment;
    if (acc.size() < seg.doc_count()) acc.resize(seg.doc_count(), 0.f);
    touched.clear();
    for (const FeatureWeight& fw : src_features) {
      for (const FeatureEntry& e :
           seg.FeatureList(src_seg.FeatureKey(fw.feature))) {
        if (acc[e.doc] == 0.f) touched.push_back(e.doc);
        acc[e.doc] += fw.weight * e.weight;
      }
    }
    for (std::uint32_t d : touched) {
      float sim = acc[d];
      acc[d] = 0.f;
      const DocMeta& m = seg.doc(d);
      if (m.article_id == article_id || !sref.live(d)) continue;
      if (src.cluster_id != 0 && m.cluster_id == src.cluster_id) continue;
      if (m.published_at > options.now) continue;
      // Recency is at most 1: a full pool's weakest already beats it.
      if (best.size() >= pool && sim <= best.front().score) continue;
      Scored s{sim * Recency(m.published_at, options.now), si, d};
      if (best.size() < pool) {
        best.push_back(s);
        std::push_heap(best.begin(), best.end(), cmp);
      } else if (s.score > best.front().score) {
        std::pop_heap(best.begin(), best.end(), cmp);
        best.back() = s;
        std::push_heap(best.begin(), best.end(), cmp);
      }
    }
  }
  std::sort(best.begin(), best.end(),
            [](const Scored& a, const Scored& b) { return a.score > b.score; });

  // Greedy, varied choice: skip another telling of a chosen story (same
  // cluster, or features too alike) while other candidates remain.
  std::vector<Vector> chosen_vectors;
  std::unordered_set<std::int64_t> chosen_clusters;
  std::vector<const Scored*> held_back;
  for (const Scored& s : best) {
    if (static_cast<int>(out.size()) >= options.limit) break;
    const Segment& seg = *segments_[s.segment].segment;
    const DocMeta& m = seg.doc(s.doc);
    if (m.cluster_id != 0 && chosen_clusters.count(m.cluster_id)) continue;
    Vector v = FeaturesOf(seg, s.doc);
    bool too_alike = false;
    for (const Vector& c : chosen_vectors) {
      if (Cosine(v, c) > options.max_similarity) {
        too_alike = true;
        break;
      }
    }
    if (too_alike) {
      held_back.push_back(&s);
      continue;
    }
    if (m.cluster_id != 0) chosen_clusters.insert(m.cluster_id);
    chosen_vectors.push_back(std::move(v));
    out.push_back(RelatedHit{m.article_id, s.score});
  }
  // Too few varied ones: fill up with the best of the rest.
  for (const Scored* s : held_back) {
    if (static_cast<int>(out.size()) >= options.limit) break;
    const DocMeta& m = segments_[s->segment].segment->doc(s->doc);
    if (m.cluster_id != 0 && !chosen_clusters.insert(m.cluster_id).second)
      continue;
    out.push_back(RelatedHit{m.article_id, s->score});
  }
  return out;
}

}  // namespace warta::index
