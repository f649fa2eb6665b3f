// Google News sitemaps
// (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
#include "base/time.h"
#include "feeds/sitemap.h"
#include "feeds/xml.h"

namespace warta::feeds {

void BeginNewsUrlSet(std::string& out) {
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
      "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n";
}

void AppendNewsUrl(std::string& out, const NewsEntry& e) {
  out += "<url><loc>";
  AppendXmlEscaped(out, e.loc);
  out += "</loc><news:news><news:publication><news:name>";
  AppendXmlEscaped(out, e.publication_name);
  out += "</news:name><news:language>";
  AppendXmlEscaped(out, e.language);
  out += "</news:language></news:publication><news:publication_date>";
  out += FormatIso8601Utc(e.published);
  out += "</news:publication_date><news:title>";
  AppendXmlEscaped(out, e.title);
  out += "</news:title></news:news></url>\n";
}

void EndNewsUrlSet(std::string& out) { out += "</urlset>\n"; }

}  // namespace warta::feeds
