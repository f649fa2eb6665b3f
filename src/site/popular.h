// Popular: the "Terpopuler" list, the live published articles most viewed
// in the last 24 hours (by the counts ViewCounter flushed to the store),
// filled up from the last 7 days when the day's traffic is thin, one
// article per near-duplicate cluster. Each list is computed at most once per
// `refresh` and shared as an immutable snapshot. Once started (Start), a
// stale list is served while a background thread computes the next, so no
// reader waits on the store for it; only the first list of each window is
// computed on the caller's thread (Start begins the day's at once).
// Thread-safe.
#ifndef WARTA_SITE_POPULAR_H_
#define WARTA_SITE_POPULAR_H_

#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/mutex.h"
#include "content/article.h"
#include "http/request.h"
#include "http/response.h"
#include "render/view.h"
#include "site/context.h"
#include "store/article_store.h"
#include "store/discovery_store.h"
#include "store/reader_store.h"
#include "store/store_of.h"

namespace warta::site {

enum class PopularWindow { kDay, kWeek };

struct PopularItem {
  Article article;  // without body
  std::int64_t views = 0;
};

struct PopularList {
  PopularWindow window = PopularWindow::kDay;
  bool fallback = false;  // a thin day filled up from the week
  std::vector<PopularItem> items;
  Timestamp computed_at = 0;
};

class Popular {
 public:
  // The longest list kept; shorter lists are its head.
  static constexpr int kMaxItems = 20;
  // A day with fewer distinct articles than this is filled from the week.
  static constexpr int kThinDay = 5;

  // The store interfaces it reads.
  struct Stores {
    ArticleStore& articles;
    DiscoveryStore& discovery;  // one article per near-duplicate cluster
    ReaderStore& readers;       // the view counts
    Stores(ArticleStore& a, DiscoveryStore& d, ReaderStore& r)
        : articles(a), discovery(d), readers(r) {}
    // From one object that is all of them (the whole Store).
    template <StoreOf<ArticleStore, DiscoveryStore, ReaderStore> S>
    Stores(S& s) : Stores(s, s, s) {}  // NOLINT: implicit
  };

  // `store` and `clock` must outlive it.
  Popular(Stores store, const Clock& clock, int refresh_seconds);
  ~Popular();  // stops the background thread
  Popular(const Popular&) = delete;
  Popular& operator=(const Popular&) = delete;

  // Refreshes stale lists on a background thread from now on, beginning
  // with the day's list. Idempotent.
  void Start();

  // The list for `window`. Started: the list it has, at most
  // `refresh_seconds` old or being recomputed in the background; only the
  // first list of a window is computed here. Not started: at most
  // `refresh_seconds` old, computed here when stale. Errors of the store
  // are returned only when there is no earlier list to serve.
  Result<std::shared_ptr<const PopularList>> Get(PopularWindow window);

  // Ranks `candidates` (most viewed first): one per near-duplicate cluster
  // and live published articles only, at most `limit`, skipping `seen`
  // ids (those taken are added to it).
  Status Take(const std::vector<PopularArticle>& candidates, int limit,
              std::vector<std::int64_t>& seen, std::vector<PopularItem>& out);

 private:
  static int SlotOf(PopularWindow window) {
    return window == PopularWindow::kDay ? 0 : 1;
  }
  bool FreshLocked(int slot, Timestamp now) const REQUIRES(mu_);
  // Computes the list of `window` unless a fresh one appeared meanwhile;
  // keeps (and returns) the old list when that fails.
  Result<std::shared_ptr<const PopularList>> Refresh(PopularWindow window)
      EXCLUDES(mu_, compute_mu_);
  Result<std::shared_ptr<const PopularList>> Compute(PopularWindow window)
      REQUIRES(compute_mu_);
  void Loop() EXCLUDES(mu_);

  Stores store_;
  const Clock& clock_;
  int refresh_seconds_;
  Mutex compute_mu_;  // one computation at a time; taken before mu_
  Mutex mu_;          // the lists and the background thread's state
  CondVar cv_;
  std::shared_ptr<const PopularList> lists_[2] GUARDED_BY(mu_);
  bool due_[2] GUARDED_BY(mu_) = {false, false};    // for the thread
  Timestamp retry_at_[2] GUARDED_BY(mu_) = {0, 0};  // after a failure
  bool stopping_ GUARDED_BY(mu_) = false;
  std::thread thread_ GUARDED_BY(mu_);
};

// Items shown in the Terpopuler box of the home and article pages.
inline constexpr int kPopularBoxItems = 5;

// Sets `has_popular` and `popular` (rank, title, url, category) in a page
// view from ctx.popular; an empty list when there is none or it fails.
void AddPopularBox(const SiteContext& ctx, render::View& view);

// GET /api/popular?window=24h|7d&limit=N (1..20, default 10):
//   {"window": "24h", "fallback": false, "articles": [{"id", "title",
//    "url", "views", "published_at", "category"}]}
// url is the article path; views the count in the window (a thin day's
// fallback entries: in 7 days). A bad parameter is a 400.
http::Response HandleApiPopular(const SiteContext& ctx,
                                const http::Request& req);

}  // namespace warta::site

#endif  // WARTA_SITE_POPULAR_H_
