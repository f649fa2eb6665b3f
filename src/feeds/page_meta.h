// Page metadata for search engines and social previews: OpenGraph and
// Twitter card <meta> tags, JSON-LD NewsArticle + BreadcrumbList, and the
// "no AI" meta tags. Pure functions, thread-safe.
#ifndef WARTA_FEEDS_PAGE_META_H_
#define WARTA_FEEDS_PAGE_META_H_

#include <string>
#include <string_view>
#include <vector>

#include "content/article.h"
#include "url/urls.h"

namespace warta::feeds {

// One <meta ATTR="NAME" content="CONTENT">; attr is "name" or "property".
struct MetaTag {
  std::string attr;
  std::string name;
  std::string content;
};

// Site-level facts the metadata needs.
struct SiteMeta {
  std::string name;  // publisher and og:site_name
  std::string language = "id";
  std::string logo_url;  // absolute
  // Absolute; og:image when an article has none. Raster only: an SVG here
  // (or as the logo) gives no og:image at all.
  std::string default_image;
  // dateModified / article:modified_time: Article::ShownUpdate with this
  // grace, else the publication time (what the page says).
  int update_grace_seconds = 600;
};

// og:*, article:*, twitter:* tags for an article page.
std::vector<MetaTag> ArticleMetaTags(const Article& article, const Urls& urls,
                                     const SiteMeta& site,
                                     std::string_view description);

// og:* and twitter:* tags for a non-article page (home, lists).
std::vector<MetaTag> WebsiteMetaTags(std::string_view title,
                                     std::string_view description,
                                     std::string_view absolute_url,
                                     const SiteMeta& site);

// Meta tags that tell AI crawlers no: robots noai/noimageai and the TDM
// reservation protocol's tdm-reservation.
std::vector<MetaTag> NoAiMetaTags();

// JSON-LD [NewsArticle, BreadcrumbList] (each with "@context":
// "https://schema.org") for an article, safe to place inside <script>.
std::string ArticleJsonLd(const Article& article, const Urls& urls,
                          const SiteMeta& site, std::string_view description);

// Escapes '<', '>' and '&' in serialized JSON as \u003c, \u003e, \u0026 so
// the text cannot end a <script> element. Valid only for JSON text (those
// characters can only occur inside strings there).
std::string ScriptSafeJson(std::string_view json);

// Social previews want a photo at least this wide.
inline constexpr int kShareImageMinWidth = 1200;

// The site-relative (or absolute) URL to share for a feature image: for a
// pipeline upload its narrowest raster variant at least
// kShareImageMinWidth wide (else its widest), other raster URLs as they
// are, "" for none or an SVG.
std::string ShareImage(std::string_view feature_image);

// "id_ID" for "id", "en_US" for "en".
std::string OgLocale(std::string_view language);

}  // namespace warta::feeds

#endif  // WARTA_FEEDS_PAGE_META_H_
