#include "site/popular.h"

#include <algorithm>
#include <map>

#include "base/log.h"

namespace warta::site {
namespace {

constexpr Timestamp kDay = 24 * 3600;

}  // namespace

Popular::Popular(Stores store, const Clock& clock, int refresh_seconds)
    : store_(store),
      clock_(clock),
      refresh_seconds_(std::max(1, refresh_seconds)) {}

Popular::~Popular() {
  std::thread thread;
  {
    MutexLock lock(&mu_);
    stopping_ = true;
    thread = std::move(thread_);
  }
  cv_.NotifyAll();
  if (thread.joinable()) thread.join();
}

void Popular::Start() {
  MutexLock lock(&mu_);
  if (thread_.joinable() || stopping_) return;
  // The day's list is on every article page and the home: have it ready.
  if (!lists_[0]) due_[0] = true;
  thread_ = std::thread([this] { Loop(); });
}

bool Popular::FreshLocked(int slot, Timestamp now) const {
  return lists_[slot] && now - lists_[slot]->computed_at < refresh_seconds_;
}

Result<std::shared_ptr<const PopularList>> Popular::Get(PopularWindow window) {
  const int i = SlotOf(window);
  {
    MutexLock lock(&mu_);
    const Timestamp now = clock_.Now();
    if (FreshLocked(i, now)) return lists_[i];
    if (lists_[i] && thread_.joinable()) {
      // Stale: serve it, and have the thread compute the next one.
      if (!due_[i] && now >= retry_at_[i]) {
        due_[i] = true;
        cv_.NotifyOne();
      }
      return lists_[i];
    }
  }
  // The first list of this window (or not started): computed here; callers
  // at the same time wait for the one computation.
  return Refresh(window);
}

Result<std::shared_ptr<const PopularList>> Popular::Refresh(
    PopularWindow window) {
  const int i = SlotOf(window);
  MutexLock compute(&compute_mu_);
  {
    MutexLock lock(&mu_);
    if (FreshLocked(i, clock_.Now())) return lists_[i];
  }
  Result<std::shared_ptr<const PopularList>> fresh = Compute(window);
  MutexLock lock(&mu_);
  if (!fresh.ok()) {
    retry_at_[i] = clock_.Now() + 1;
    if (!lists_[i]) return fresh.status();
    LogWarning("terpopuler: serving the last list, the refresh failed: " +
               fresh.status().ToString());
    return lists_[i];
  }
  lists_[i] = *std::move(fresh);
  return lists_[i];
}

void Popular::Loop() {
  MutexLock lock(&mu_);
  while (!stopping_) {
    while (!stopping_ && !due_[0] && !due_[1]) cv_.Wait(&mu_);
    if (stopping_) break;
    for (PopularWindow w : {PopularWindow::kDay, PopularWindow::kWeek}) {
      const int i = SlotOf(w);
      if (!due_[i] || stopping_) continue;
      lock.Unlock();
      (void)Refresh(w);  // a failure is logged; the old list stays
      lock.Lock();
      due_[i] = false;
    }
  }
}

Status Popular::Take(const std::vector<PopularArticle>& candidates, int limit,
                     std::vector<std::int64_t>& seen,
                     std::vector<PopularItem>& out) {
  const Timestamp now = clock_.Now();
  // The candidates' cards in one read (a card has no body: the list shows
  // none); deleted ones are left out.
  std::vector<std::int64_t> ids;
  ids.reserve(candidates.size());
  for (const PopularArticle& c : candidates) ids.push_back(c.article_id);
  WARTA_ASSIGN_OR_RETURN(std::vector<Article> cards,
                         store_.articles.ListArticlesById(ids));
  std::map<std::int64_t, Article*> by_id;
  for (Article& a : cards) by_id[a.id] = &a;
  for (const PopularArticle& c : candidates) {
    if (static_cast<int>(out.size()) >= limit) break;
    if (std::find(seen.begin(), seen.end(), c.article_id) != seen.end())
      continue;
    auto it = by_id.find(c.article_id);
    if (it == by_id.end()) continue;
    Article* a = it->second;
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
