// The model every feed generator (rss.cc, atom.cc, json_feed.cc) writes: a
// channel and its items, with absolute URLs and UTC times already computed.
// Plain values; the functions are pure and thread-safe.
#ifndef WARTA_FEEDS_FEED_H_
#define WARTA_FEEDS_FEED_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "content/article.h"
#include "url/urls.h"

namespace warta::feeds {

struct FeedChannel {
  std::string title;        // "KABARIN" or "Politik - KABARIN"
  std::string description;  // one line
  std::string home_url;     // absolute URL of the HTML page the feed mirrors
  std::string self_url;     // absolute URL of this feed document
  std::string language = "id";
  std::string icon_url;   // absolute; may be empty
  Timestamp updated = 0;  // newest item's updated time (or now when empty)
};

struct FeedItem {
  std::string id;            // stable: the article's absolute permalink
  std::string url;           // absolute permalink
  std::string title;         // plain text
  std::string summary;       // plain text excerpt
  std::string content_html;  // sanitized HTML with absolute URLs
  std::vector<std::string> authors;
  std::vector<std::string> categories;  // primary category first, then tags
  std::string image;                    // absolute URL or ""
  std::string image_credit;             // "WARTA/Rina" or ""
  std::string source;                   // wire attribution, or ""
  std::string source_url;               // the wire original, or ""
  Timestamp published = 0;
  Timestamp updated = 0;
};

// Builds an item from a stored article (with html). Relative links and
// images become absolute under urls.site_url().
FeedItem ItemFromArticle(const Article& article, const Urls& urls);

// RSS 2.0 with content:encoded, dc:creator, category, guid, atom:link self.
std::string RenderRss(const FeedChannel& channel,
                      const std::vector<FeedItem>& items);

// Atom 1.0 (RFC 4287).
std::string RenderAtom(const FeedChannel& channel,
                       const std::vector<FeedItem>& items);

// JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
std::string RenderJsonFeed(const FeedChannel& channel,
                           const std::vector<FeedItem>& items);

// Content types to serve each with.
inline constexpr std::string_view kRssContentType =
    "application/rss+xml; charset=utf-8";
inline constexpr std::string_view kAtomContentType =
    "application/atom+xml; charset=utf-8";
inline constexpr std::string_view kJsonFeedContentType =
    "application/feed+json; charset=utf-8";

}  // namespace warta::feeds

#endif  // WARTA_FEEDS_FEED_H_
