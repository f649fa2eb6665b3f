// Wire feed status for editors: the last fetch, its error and item counts
// of each agency feed (WireStore::ListWireFeeds), as JSON and as a simple
// HTML page. These handlers do no authentication of their own: the
// composition root mounts them behind the admin sign-in (editors and up)
// with MountFeedStatus. Thread-safe.
#ifndef WARTA_SITE_FEED_STATUS_H_
#define WARTA_SITE_FEED_STATUS_H_

#include <functional>
#include <string_view>

#include "base/clock.h"
#include "http/router.h"
#include "store/store.h"

namespace warta::site {

inline constexpr std::string_view kFeedStatusRoute = "/admin/feeds";
inline constexpr std::string_view kFeedStatusJsonRoute = "/admin/feeds.json";

// GET /admin/feeds.json: {"feeds": [{name, source, last_fetch, last_success,
// last_error, ok, fetches, failures, last_items, last_created,
// last_updated, last_linked, items_known}]}; times are ISO 8601 UTC or
// null.
http::Handler FeedStatusJsonHandler(Store& store);

// GET /admin/feeds: the same as an HTML table.
http::Handler FeedStatusPageHandler(Store& store, const Clock& clock);

// Wraps a handler with an access check, e.g. the admin module's
// "signed-in editor" guard.
using Guard = std::function<http::Handler(http::Handler)>;

// Adds both routes, each wrapped by `guard`.
void MountFeedStatus(http::Router& router, Store& store, const Clock& clock,
                     const Guard& guard);

}  // namespace warta::site

#endif  // WARTA_SITE_FEED_STATUS_H_
