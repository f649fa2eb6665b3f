#include "site/popular.h"

#include <algorithm>

namespace warta::site {
namespace {

constexpr Timestamp kDay = 24 * 3600;

}  // namespace

Popular::Popular(Stores store, const Clock& clock, int refresh_seconds)
    : store_(store),
      clock_(clock),
      refresh_seconds_(std::max(1, refresh_seconds)) {}

Result<std::shared_ptr<const PopularList>> Popular::Get(PopularWindow window) {
  MutexLock lock(&mu_);
  auto& slot = lists_[window == PopularWindow::kDay ? 0 : 1];
  const Timestamp now = clock_.Now();
  if (slot && now - slot->computed_at < refresh_seconds_) return slot;
  auto fresh = Compute(window);
  if (!fresh.ok()) {
    if (slot) return slot;
    return fresh.status();
  }
  slot = *fresh;
  return slot;
}

Status Popular::Take(const std::vector<PopularArticle>& candidates, int limit,
                     std::vector<std::int64_t>& seen,
                     std::vector<PopularItem>& out) {
  const Timestamp now = clock_.Now();
  for (const PopularArticle& c : candidates) {
    if (static_cast<int>(out.size()) >= limit) break;
    if (std::find(seen.begin(), seen.end(), c.article_id) != seen.end())
      continue;
    auto a = store_.articles.GetArticle(c.article_id);
    if (!a.ok()) {
      if (a.status().IsNotFound()) continue;
      return a.status();
    }
    if (!a->IsPublished() || (a->published_at && *a->published_at > now))
      continue;
    // The cluster's other members count as shown.
    WARTA_ASSIGN_OR_RETURN(std::int64_t cluster,
                           store_.discovery.DuplicateClusterOf(c.article_id));
    seen.push_back(c.article_id);
    if (cluster != 0) {
      WARTA_ASSIGN_OR_RETURN(auto members,
                             store_.discovery.DuplicateClusterMembers(cluster));
      seen.insert(seen.end(), members.begin(), members.end());
    }
    a->body.clear();
    a->html.clear();
    out.push_back(PopularItem{std::move(*a), c.views});
  }
  return Status::Ok();
}

Result<std::shared_ptr<const PopularList>> Popular::Compute(
    PopularWindow window) {
  const Timestamp now = clock_.Now();
  const Timestamp hour = now - now % 3600;
  auto list = std::make_shared<PopularList>();
  list->window = window;
  list->computed_at = now;
  std::vector<std::int64_t> seen;
  // Candidates beyond the list's length make room for cluster duplicates.
  const int candidates = kMaxItems * 3;
  // The current hour and the 23 before it.
  const Timestamp day_since = hour - kDay + 3600;
  if (window == PopularWindow::kDay) {
    WARTA_ASSIGN_OR_RETURN(auto day,
                           store_.readers.ListPopular(day_since, candidates));
    WARTA_RETURN_IF_ERROR(Take(day, kMaxItems, seen, list->items));
  }
  if (window == PopularWindow::kWeek ||
      static_cast<int>(list->items.size()) < kThinDay) {
    WARTA_ASSIGN_OR_RETURN(auto week, store_.readers.ListPopular(
                                          hour - 7 * kDay + 3600, candidates));
    std::size_t before = list->items.size();
    WARTA_RETURN_IF_ERROR(Take(week, kMaxItems, seen, list->items));
    list->fallback =
        window == PopularWindow::kDay && list->items.size() > before;
  }
  return std::shared_ptr<const PopularList>(std::move(list));
}

}  // namespace warta::site
