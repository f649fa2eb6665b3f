// Sitemap index and URL sets (sitemaps.org 0.9).
#include "feeds/sitemap.h"

#include "base/time.h"
#include "feeds/xml.h"

namespace warta::feeds {

std::string SitemapDate(Timestamp t, int offset_seconds) {
  return FormatIso8601(t, offset_seconds);
}

void BeginSitemapIndex(std::string& out) {
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
}

void AppendSitemapRef(std::string& out, std::string_view loc,
                      Timestamp lastmod) {
  out += "<sitemap><loc>";
  AppendXmlEscaped(out, loc);
  out += "</loc>";
  if (lastmod > 0) {
    out += "<lastmod>";
    out += FormatIso8601Utc(lastmod);
    out += "</lastmod>";
  }
  out += "</sitemap>\n";
}

void EndSitemapIndex(std::string& out) { out += "</sitemapindex>\n"; }

void BeginUrlSet(std::string& out) {
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
}

void AppendUrl(std::string& out, std::string_view loc, Timestamp lastmod) {
  out += "<url><loc>";
  AppendXmlEscaped(out, loc);
  out += "</loc>";
  if (lastmod > 0) {
    out += "<lastmod>";
    out += FormatIso8601Utc(lastmod);
    out += "</lastmod>";
  }
  out += "</url>\n";
}

void EndUrlSet(std::string& out) { out += "</urlset>\n"; }

}  // namespace warta::feeds
