// The home page's pins (store/home_store.h) as readers see them at a given
// time: a pinned article shows while it is published and due, not trashed,
// and (the lead) not past its expiry. Computed on each render, so an expiry
// or an unpublish needs no write. Thread-compatible values; the function
// is thread-safe as the store is.
#ifndef WARTA_SITE_HOME_PINS_H_
#define WARTA_SITE_HOME_PINS_H_

#include <optional>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "content/article.h"
#include "store/article_store.h"
#include "store/home_store.h"

namespace warta::site {

struct LivePins {
  HomePins stored;              // as the editor set them
  std::optional<Article> lead;  // the pinned lead, when it shows at `now`
  std::vector<Article> top;     // the pinned top stories that show, in order
  // When what shows changes by itself (the lead's expiry), or 0.
  Timestamp changes_at = 0;
};

// Whether `a` is on the public site at `now`: published and due.
bool IsLive(const Article& a, Timestamp now);

// Reads the pins and their articles (at most 1 + kMaxTopStories reads).
// Pins of articles that are gone or not live are left out, not errors.
Result<LivePins> LoadLivePins(ArticleStore& articles, HomeStore& home,
                              Timestamp now);

}  // namespace warta::site

#endif  // WARTA_SITE_HOME_PINS_H_
