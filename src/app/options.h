// Module options from Config: the one place where a Config value becomes a
// module's option. Each option struct keeps its own defaults (for callers
// without a Config: tests, tools); Config holds the documented defaults of
// the running server and overrides them here. App only wires what these
// return. Pure functions; thread-safe.
#ifndef WARTA_APP_OPTIONS_H_
#define WARTA_APP_OPTIONS_H_

#include "admin/context.h"
#include "config/config.h"
#include "content/timezone.h"
#include "http/server.h"
#include "index/live_index.h"
#include "site/context.h"
#include "store/open/open_store.h"
#include "text/stemmer.h"

namespace warta {

// store.url, store.path (else DATA/warta.db), synchronous, connections.
StoreOptions StoreOptionsFrom(const Config& c);
// search.dictionary.
text::StemmerOptions StemmerOptionsFrom(const Config& c);
// DATA/index and search.save_interval (progress reporting is the caller's).
index::LiveIndexOptions LiveIndexOptionsFrom(const Config& c);
// server.*: address, threads, limits, timeouts, access log. The port,
// an adopted socket and the observer are the caller's.
http::ServerOptions ServerOptionsFrom(const Config& c);
// site.*, feeds.items, robots.*, server.page_cache_bytes and page_max_stale,
// in time zone `timezone` (site.timezone, looked up by the caller).
site::SiteOptions SiteOptionsFrom(const Config& c, const TimeZone& timezone);
// admin.* and DATA/media; `https`: the site URL is https (secure cookies).
admin::AdminOptions AdminOptionsFrom(const Config& c, bool https);

}  // namespace warta

#endif  // WARTA_APP_OPTIONS_H_
