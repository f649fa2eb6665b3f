// HomeStore: the home page as the editor on duty programs it: one pinned
// lead story (optionally until a given time) and a few pinned top stories,
// in order. Part of the Store interface. The store keeps ids only; whether
// a pinned article is live (published, due, not trashed, not expired) is
// decided by the reader (site/home_page.cc), so an expiry or an unpublish
// needs no write here. Thread-safe; SetHomePins is one transaction.
#ifndef WARTA_STORE_HOME_STORE_H_
#define WARTA_STORE_HOME_STORE_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "base/clock.h"
#include "base/result.h"

namespace warta {

// At most this many top stories below the lead.
inline constexpr int kMaxTopStories = 4;

struct HomePins {
  std::int64_t lead = 0;  // article id; 0: no pinned lead (newest leads)
  std::optional<Timestamp> lead_until;  // UTC; nullopt: until changed
  std::vector<std::int64_t> top;        // article ids in order

  bool operator==(const HomePins&) const = default;
};

class HomeStore {
 public:
  virtual ~HomeStore() = default;

  // The pins as last set; empty HomePins when never set. Ids of articles
  // deleted since may remain (readers skip what they cannot load).
  virtual Result<HomePins> GetHomePins() = 0;

  // Replaces all pins in one write that reports the page key "home" (see
  // store.h PageChanges). InvalidArgument: more than kMaxTopStories top
  // stories, an id <= 0, an id twice (the lead in `top` too), lead_until
  // without a lead. NotFound: an id naming no live (untrashed) article.
  // Status is not checked here: the admin API asks for published ones.
  virtual Status SetHomePins(const HomePins& pins) = 0;
};

}  // namespace warta

#endif  // WARTA_STORE_HOME_STORE_H_
