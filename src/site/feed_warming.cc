// Distribution: feed warming. The feeds readers ask for are remembered
// (NoteHot), and after every drop of the page cache a background thread
// loads them again (WarmFeeds), so the first reader after a write finds the
// new feed ready instead of waiting for its render.
#include "base/log.h"
#include "site/distribution.h"

namespace warta::site {

bool Distribution::NoteHot(HotFeed feed, std::size_t limit) {
  MutexLock lock(&hot_mu_);
  if (hot_.size() >= limit) return false;
  if (hot_keys_.insert(feed.key).second) hot_.push_back(std::move(feed));
  return true;
}

void Distribution::NoteSectionFeeds() {
  // Categories with published articles, from the sitemaps' table kept at
  // write time (no count over the articles).
  auto categories = site_.context().store.distribution.ListTaxonomyLastmod(
      TaxonomyKind::kCategory, 0, kMaxHotFeeds);
  if (!categories.ok()) {
    LogWarning("feeds: categories not warmed: " +
               categories.status().ToString());
    return;
  }
  // Sections take at most half the list; readers' picks the rest.
  for (const TaxonomyLastmod& c : *categories) {
    for (FeedFormat format : kFeedFormats) {
      if (!NoteHot(HotFeed(ListKind::kCategory, c.slug, format),
                   kMaxHotFeeds / 2))
        return;
    }
  }
}

std::size_t Distribution::WarmFeeds() {
  std::vector<HotFeed> hot;
  {
    MutexLock lock(&hot_mu_);
    hot = hot_;
  }
  std::size_t loaded = 0;
  std::vector<StoredFeed> rendered;  // the documents to store
  for (const HotFeed& feed : hot) {
    if (site_.cache().Find(feed.key)) continue;
    auto page = LoadFeed(feed, &rendered);
    if (page.ok()) {
      ++loaded;
    } else if (!page.status().IsNotFound()) {
      LogWarning("feed " + feed.key +
                 ": not warmed: " + page.status().ToString());
    }
  }
  // All in one write transaction, after the round: beside a bulk import each
  // write makes the import hand over its write lock, and a round renders up
  // to kMaxHotFeeds feeds. The pages are in the cache already, whether the
  // write succeeds or not.
  if (!rendered.empty()) StoreFeeds(rendered);
  return loaded;
}

void Distribution::StartWarming(std::chrono::milliseconds interval) {
  StopWarming();
  {
    MutexLock lock(&warm_mu_);
    warm_stop_ = false;
  }
  warmer_ = std::thread([this, interval] {
    WarmFeeds();  // the site's own first
    NoteSectionFeeds();
    std::uint64_t warmed = 0;  // the cache generation last warmed
    MutexLock lock(&warm_mu_);
    while (!warm_stop_) {
      lock.Unlock();
      site_.RefreshIfChanged();
      std::uint64_t generation = site_.cache().generation();
      if (generation != warmed) {
        WarmFeeds();
        warmed = generation;
      }
      lock.Lock();
      const auto deadline = std::chrono::steady_clock::now() + interval;
      while (!warm_stop_ && warm_cv_.WaitUntil(&warm_mu_, deadline)) {
      }
    }
  });
}

void Distribution::StopWarming() {
  {
    MutexLock lock(&warm_mu_);
    warm_stop_ = true;
  }
  warm_cv_.NotifyAll();
  if (warmer_.joinable()) warmer_.join();
}

}  // namespace warta::site
