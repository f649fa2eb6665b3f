// ViewCounter: article views for "Terpopuler", privacy-friendly: no
// cookies, no addresses, no user agents kept, only a count per article
// slug. Count() adds to a counter in memory (a view never costs a database
// write); Flush() adds the counts to the store in one transaction, every
// few seconds from a background thread (Start) and on destruction, so a
// crash loses at most one flush interval. Crawlers and prefetches are not
// views (IsReaderView). Thread-safe.
#ifndef WARTA_SITE_VIEW_COUNTER_H_
#define WARTA_SITE_VIEW_COUNTER_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "base/clock.h"
#include "base/mutex.h"
#include "base/result.h"
#include "http/request.h"
#include "store/reader_store.h"

namespace warta::site {

// Whether the user agent is a known crawler, link previewer, monitor or
// HTTP library rather than a reader's browser (empty counts as not a
// browser).
bool IsCrawlerUserAgent(std::string_view user_agent);

// Whether `req` is a reader's view of a page: a GET from a browser that is
// not a prefetch or prerender (Sec-Purpose, Purpose, X-Purpose, X-Moz).
bool IsReaderView(const http::Request& req);

class ViewCounter {
 public:
  // How many distinct slugs wait for a flush at most; counts for further
  // slugs are dropped until the next flush (a flood of made-up beacons
  // cannot grow memory).
  static constexpr std::size_t kMaxPending = 100000;
  // Hourly counts older than this are pruned (totals stay).
  static constexpr Timestamp kKeepHours = 8 * 24;

  // `store` and `clock` must outlive the counter.
  ViewCounter(ReaderStore& store, const Clock& clock);
  ~ViewCounter();  // stops the thread and flushes
  ViewCounter(const ViewCounter&) = delete;
  ViewCounter& operator=(const ViewCounter&) = delete;

  // Counts one view of the article at `slug`, in memory.
  void Count(std::string_view slug);

  // Adds the counts so far to the store (the current hour) in one
  // transaction; on failure they are kept for the next flush.
  Status Flush();

  // Flushes every `interval` on a background thread.
  void Start(std::chrono::milliseconds interval);

  // Views counted and not yet flushed.
  std::int64_t pending() const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const {
      return std::hash<std::string_view>()(s);
    }
  };
  using Counts =
      std::unordered_map<std::string, std::int64_t, Hash, std::equal_to<>>;
  static constexpr int kShards = 16;
  struct alignas(64) Shard {
    mutable Mutex mu;
    Counts counts GUARDED_BY(mu);
    std::int64_t views GUARDED_BY(mu) = 0;  // the sum of counts
  };

  void Add(std::string_view slug, std::int64_t n);
  void Loop(std::chrono::milliseconds interval) EXCLUDES(loop_mu_);

  ReaderStore& store_;
  const Clock& clock_;
  Shard shards_[kShards];
  std::atomic<std::size_t> pending_slugs_{0};
  Mutex flush_mu_;  // one flush at a time
  Timestamp last_prune_ GUARDED_BY(flush_mu_) = 0;
  Mutex loop_mu_;
  CondVar loop_cv_;
  bool stopping_ GUARDED_BY(loop_mu_) = false;
  std::thread thread_ GUARDED_BY(loop_mu_);
};

}  // namespace warta::site

#endif  // WARTA_SITE_VIEW_COUNTER_H_
