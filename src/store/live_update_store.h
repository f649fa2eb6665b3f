// LiveUpdateStore: the timestamped updates of a live report (an article
// whose live_report flag is set): short texts the desk appends while a
// story unfolds, shown newest first at the top of the article. Part of the
// Store interface. Each write is one transaction that reports the page key
// of its article ("a:ID", store.h PageChanges), so the article's cached
// page is dropped on every node. Thread-safe.
#ifndef WARTA_STORE_LIVE_UPDATE_STORE_H_
#define WARTA_STORE_LIVE_UPDATE_STORE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"

namespace warta {

// At most this many bytes of text per update.
inline constexpr std::size_t kMaxLiveUpdateBytes = 2000;

struct LiveUpdate {
  std::int64_t id = 0;
  std::int64_t article_id = 0;
  Timestamp created_at = 0;  // the store's clock, UTC
  std::int64_t user_id = 0;  // 0: not a user
  std::string user_name;     // filled on reads when the user exists
  std::string body;          // plain text; may hold line breaks
};

class LiveUpdateStore {
 public:
  virtual ~LiveUpdateStore() = default;

  // Appends an update to article `article_id` (the store's clock sets
  // created_at). NotFound when the article is absent or trashed.
  virtual Result<LiveUpdate> AddLiveUpdate(std::int64_t article_id,
                                           std::string_view body,
                                           std::int64_t user_id) = 0;

  // The article's updates, newest first, at most `limit`.
  virtual Result<std::vector<LiveUpdate>> ListLiveUpdates(
      std::int64_t article_id, int limit) = 0;

  // Deletes update `update_id` of article `article_id`; NotFound when the
  // article has no such update.
  virtual Status DeleteLiveUpdate(std::int64_t article_id,
                                  std::int64_t update_id) = 0;
};

}  // namespace warta

#endif  // WARTA_STORE_LIVE_UPDATE_STORE_H_
