// Wire feeds as an operator configures them in DATA/feeds.json (see
// docs/feeds.md):
//   {"feeds": [{"name": "Antara", "url": "https://.../rss",
//               "trusted": false, "interval_minutes": 15,
//               "category": "Berita", "author": "Redaksi",
//               "categories": {"Politics": "Politik", "Sport": "Olahraga"}}]}
// Plain values; the functions are pure (LoadWireFeeds reads one file).
#ifndef WARTA_INGEST_WIRE_FEEDS_H_
#define WARTA_INGEST_WIRE_FEEDS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace warta::ingest {

struct WireFeedConfig {
  std::string name;                  // becomes Article::source
  std::vector<std::string> sources;  // http(s) URLs or file paths
  bool trusted = false;              // publish directly instead of drafts
  // Redirects may lead to loopback and private addresses (a feed on the
  // newsroom's own network); otherwise they are refused (no blind SSRF).
  bool internal = false;
  int interval_minutes = 15;  // polling period in `warta serve`
  std::string category;  // when no rule matches; "": import.default_category
  std::string author;    // when an item names none; "": import.default_author
  // Feed category (compared case-insensitively) -> site category, in order.
  std::vector<std::pair<std::string, std::string>> category_rules;

  // The site category for an item's categories: the first item category
  // with a rule, else `category` (may be "").
  std::string MapCategory(
      const std::vector<std::string>& item_categories) const;
};

// Parses feeds.json text; InvalidArgument names the feed and field.
Result<std::vector<WireFeedConfig>> ParseWireFeeds(std::string_view json);

// Reads `path`; a missing file is an empty list.
Result<std::vector<WireFeedConfig>> LoadWireFeeds(const std::string& path);

// The configured feed called `name`, or nullopt.
std::optional<WireFeedConfig> FindWireFeed(
    const std::vector<WireFeedConfig>& feeds, std::string_view name);

}  // namespace warta::ingest

#endif  // WARTA_INGEST_WIRE_FEEDS_H_
