#include "ingest/duplicates.h"

#include <algorithm>

#include "text/near_duplicate.h"

namespace warta::ingest {
namespace {

// The shingles of an article's title and text, as the discovery index
// fingerprints it (index::DuplicateText).
std::vector<std::uint64_t> ShinglesOf(std::string_view title,
                                      std::string_view text) {
  std::string all;
  all.reserve(title.size() + 1 + text.size());
  all.append(title).append("\n").append(text);
  return text::FingerprintOf(all).shingles;
}

}  // namespace

Status RecentDuplicateFinder::Load() {
  if (loaded_) return Status::Ok();
  ArticleQuery q;
  q.order = ArticleQuery::Order::kRecentlyUpdated;
  q.with_body = true;
  for (q.offset = 0; q.offset < recent_; q.offset += q.limit) {
    q.limit = std::min(200, recent_ - q.offset);
    WARTA_ASSIGN_OR_RETURN(std::vector<Article> list, store_.ListArticles(q));
    for (const Article& a : list)
      known_.emplace_back(a.id, ShinglesOf(a.title, a.plaintext));
    if (static_cast<int>(list.size()) < q.limit) break;
  }
  loaded_ = true;
  return Status::Ok();
}

Result<std::optional<std::int64_t>> RecentDuplicateFinder::FindDuplicate(
    std::string_view title, std::string_view text) {
  WARTA_RETURN_IF_ERROR(Load());
  std::vector<std::uint64_t> mine = ShinglesOf(title, text);
  std::optional<std::int64_t> best;
  double best_score = -1;
  for (const auto& [id, shingles] : known_) {
    if (!text::IsNearDuplicate(mine, shingles)) continue;
    double s = text::Jaccard(mine, shingles);
    if (s > best_score) {
      best_score = s;
      best = id;
    }
  }
  return best;
}

void RecentDuplicateFinder::Remember(std::int64_t id, std::string_view title,
                                     std::string_view text) {
  known_.emplace_back(id, ShinglesOf(title, text));
}

}  // namespace warta::ingest
