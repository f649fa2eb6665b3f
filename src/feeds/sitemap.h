// Sitemaps (https://www.sitemaps.org/protocol.html) and the Google News
// sitemap, written piece by piece so a handler can stream a large one: call
// the Begin function, then an Append per entry, then the End function.
// Pure functions, thread-safe.
#ifndef WARTA_FEEDS_SITEMAP_H_
#define WARTA_FEEDS_SITEMAP_H_

#include <string>
#include <string_view>

#include "base/clock.h"

namespace warta::feeds {

inline constexpr int kMaxSitemapUrls = 50000;  // per file, by the protocol
inline constexpr int kMaxNewsUrls = 1000;      // per Google News sitemap
inline constexpr Timestamp kNewsWindowSeconds = 48 * 3600;
inline constexpr std::string_view kXmlContentType =
    "application/xml; charset=utf-8";

// <sitemapindex>
void BeginSitemapIndex(std::string& out);
// <sitemap><loc>..</loc><lastmod>..</lastmod></sitemap>; lastmod 0: none.
void AppendSitemapRef(std::string& out, std::string_view loc,
                      Timestamp lastmod);
void EndSitemapIndex(std::string& out);

// <urlset>
void BeginUrlSet(std::string& out);
// <url><loc>..</loc><lastmod>..</lastmod></url>; lastmod 0: none.
void AppendUrl(std::string& out, std::string_view loc, Timestamp lastmod);
void EndUrlSet(std::string& out);

// <urlset> with the news namespace.
void BeginNewsUrlSet(std::string& out);
struct NewsEntry {
  std::string_view loc;               // absolute URL
  std::string_view publication_name;  // the site's name
  std::string_view language;          // "id"
  Timestamp published = 0;
  std::string_view title;
};
void AppendNewsUrl(std::string& out, const NewsEntry& entry);
// Same as EndUrlSet.
void EndNewsUrlSet(std::string& out);

// W3C datetime as sitemaps use it: "2025-09-29T10:15:00+07:00".
std::string SitemapDate(Timestamp t, int offset_seconds);

}  // namespace warta::feeds

#endif  // WARTA_FEEDS_SITEMAP_H_
