// ChangeStore: how readers learn that the store changed, from any process
// or node: a change seq that grows with every committed write, the page
// keys each write changed, and an optional wake-up on commit. Part of the
// Store interface; what the page cache, the search index and /readyz need.
// Thread-safe.
#ifndef WARTA_STORE_CHANGE_STORE_H_
#define WARTA_STORE_CHANGE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"

namespace warta {

// What writes after a given change seq changed, as page keys: "a:ID" (the
// article), "all", "c:ID", "t:ID", "u:ID" (lists it entered, left or moved
// in), "pub" (anything public: feeds, sitemaps), "home" (the home page
// alone: its pins), "nav" and "site" (every page). `everything` when the keys
// are no longer known (too far behind).
struct PageChanges {
  std::int64_t seq = 0;  // the change seq the keys run up to
  std::vector<std::string> keys;
  bool everything = false;
};

// A subscription to writes committed by other connections or processes
// (ChangeStore::WatchChanges); ends when destroyed.
class ChangeWatch {
 public:
  virtual ~ChangeWatch() = default;
};

class ChangeStore {
 public:
  virtual ~ChangeStore() = default;

  // A number that grows with every committed write, from any process or
  // node. Readers poll it to learn that cached pages or indexes are stale.
  virtual Result<std::int64_t> ChangeSeq() = 0;

  // The page keys changed by writes numbered above `after_seq` (see
  // PageChanges); more than `limit` distinct keys give `everything`.
  virtual Result<PageChanges> PageChangesSince(std::int64_t after_seq,
                                               int limit) = 0;

  // Calls `on_change` (on a thread of the store's) soon after a write is
  // committed, by this process or another (`warta import` beside `serve`),
  // so readers need not wait for their next poll of ChangeSeq. Calls may
  // be coalesced and may come without a change. nullptr when the backend
  // cannot tell: poll.
  virtual std::unique_ptr<ChangeWatch> WatchChanges(
      std::function<void()> on_change) {
    (void)on_change;
    return nullptr;
  }
};

}  // namespace warta

#endif  // WARTA_STORE_CHANGE_STORE_H_
