#include "feeds/page_meta.h"

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "base/utf8.h"
#include "content/media.h"

namespace warta::feeds {
namespace {

using nlohmann::json;

// Social apps show only raster images: an SVG (the icon) is never offered.
bool IsRaster(std::string_view url) {
  std::string_view path = url.substr(0, url.find_first_of("?#"));
  return !path.ends_with(".svg") && !path.ends_with(".svgz");
}

std::string DefaultImage(const SiteMeta& site) {
  if (!site.default_image.empty() && IsRaster(site.default_image))
    return site.default_image;
  return IsRaster(site.logo_url) ? site.logo_url : "";
}

std::string ImageOf(const Article& a, const Urls& urls, const SiteMeta& site) {
  const std::string shared = ShareImage(a.feature_image);
  if (!shared.empty()) return urls.Absolute(shared);
  return DefaultImage(site);
}

}  // namespace

std::string ShareImage(std::string_view feature_image) {
  if (feature_image.empty() || !IsRaster(feature_image)) return "";
  auto ref = ParseMediaUrl(feature_image);
  if (!ref || !ref->has_variants) return std::string(feature_image);
  return MediaVariantUrl(*ref, MediaShareWidth(*ref, kShareImageMinWidth),
                         ref->extension);
}

std::string OgLocale(std::string_view language) {
  return language == "en" ? "en_US" : "id_ID";
}

std::vector<MetaTag> ArticleMetaTags(const Article& a, const Urls& urls,
                                     const SiteMeta& site,
                                     std::string_view description) {
  const std::string url = urls.Absolute(urls.Article(a.slug));
  const std::string image = ImageOf(a, urls, site);
  std::vector<MetaTag> m = {
      {"property", "og:type", "article"},
      {"property", "og:site_name", site.name},
      {"property", "og:locale", OgLocale(site.language)},
      {"property", "og:title", a.SeoTitle()},
      {"property", "og:description", std::string(description)},
      {"property", "og:url", url},
  };
  // The image's text alternative: the editor's, else what it shows.
  const std::string alt = !a.feature_image_alt.empty() ? a.feature_image_alt
                          : !a.feature_image.empty()   ? a.title
                                                       : site.name;
  if (!image.empty()) {
    m.push_back({"property", "og:image", image});
    m.push_back({"property", "og:image:alt", alt});
  }
  if (a.published_at) {
    m.push_back({"property", "article:published_time",
                 FormatIso8601Utc(*a.published_at)});
  }
  const Timestamp modified =
      a.ShownUpdate(site.update_grace_seconds)
          .value_or(a.published_at.value_or(a.updated_at));
  m.push_back(
      {"property", "article:modified_time", FormatIso8601Utc(modified)});
  if (a.category)
    m.push_back({"property", "article:section", a.category->name});
  for (const Tag& t : a.tags) m.push_back({"property", "article:tag", t.name});
  for (const Author& au : a.authors) {
    m.push_back(
        {"property", "article:author", urls.Absolute(urls.Author(au.slug))});
  }
  m.push_back({"name", "twitter:card",
               a.feature_image.empty() ? "summary" : "summary_large_image"});
  m.push_back({"name", "twitter:title", a.SeoTitle()});
  m.push_back({"name", "twitter:description", std::string(description)});
  if (!image.empty()) {
    m.push_back({"name", "twitter:image", image});
    m.push_back({"name", "twitter:image:alt", alt});
  }
  return m;
}

std::vector<MetaTag> WebsiteMetaTags(std::string_view title,
                                     std::string_view description,
                                     std::string_view absolute_url,
                                     const SiteMeta& site) {
  std::vector<MetaTag> m = {
      {"property", "og:type", "website"},
      {"property", "og:site_name", site.name},
      {"property", "og:locale", OgLocale(site.language)},
      {"property", "og:title", std::string(title)},
      {"property", "og:description", std::string(description)},
      {"property", "og:url", std::string(absolute_url)},
  };
  const std::string image = DefaultImage(site);
  if (!image.empty()) m.push_back({"property", "og:image", image});
  m.push_back({"name", "twitter:card", "summary"});
  m.push_back({"name", "twitter:title", std::string(title)});
  m.push_back({"name", "twitter:description", std::string(description)});
  return m;
}

std::vector<MetaTag> NoAiMetaTags() {
  return {{"name", "robots", "noai, noimageai"},
          {"name", "tdm-reservation", "1"}};
}

std::string ScriptSafeJson(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ArticleJsonLd(const Article& a, const Urls& urls,
                          const SiteMeta& site, std::string_view description) {
  const std::string url = urls.Absolute(urls.Article(a.slug));
  const std::string image = ImageOf(a, urls, site);
  json publisher = {{"@type", "NewsMediaOrganization"},
                    {"name", site.name},
                    {"url", urls.Absolute("/")}};
  if (!site.logo_url.empty()) {
    publisher["logo"] = {{"@type", "ImageObject"}, {"url", site.logo_url}};
  }
  json authors = json::array();
  for (const Author& au : a.authors) {
    authors.push_back({{"@type", "Person"},
                       {"name", au.name},
                       {"url", urls.Absolute(urls.Author(au.slug))}});
  }
  if (authors.empty()) {
    authors.push_back({{"@type", "Organization"}, {"name", site.name}});
  }
  Timestamp published = a.published_at.value_or(a.updated_at);
  json article = {
      {"@context", "https://schema.org"},
      {"@type", "NewsArticle"},
      {"@id", url + "#article"},
      {"mainEntityOfPage", {{"@type", "WebPage"}, {"@id", url}}},
      {"url", url},
      {"headline", std::string(Utf8Prefix(a.SeoTitle(), 400))},
      {"description", std::string(description)},
      {"inLanguage", site.language},
      {"datePublished", FormatIso8601Utc(published)},
      {"dateModified",
       FormatIso8601Utc(
           a.ShownUpdate(site.update_grace_seconds).value_or(published))},
      {"author", std::move(authors)},
      {"publisher", std::move(publisher)},
      {"wordCount", a.word_count},
  };
  if (!image.empty()) {
    if (!a.feature_image_credit.empty() && image != DefaultImage(site)) {
      // The photo with its credit (schema.org ImageObject).
      json photo = {{"@type", "ImageObject"},
                    {"url", image},
                    {"creditText", a.feature_image_credit}};
      if (auto ref = ParseMediaUrl(a.feature_image); ref && ref->has_variants) {
        ImageSize size = MediaVariantSize(
            ref->size, MediaShareWidth(*ref, kShareImageMinWidth));
        photo["width"] = size.width;
        photo["height"] = size.height;
      }
      article["image"] = json::array({std::move(photo)});
    } else {
      article["image"] = json::array({image});
    }
  }
  if (!a.meta_title.empty() && a.meta_title != a.title)
    article["alternativeHeadline"] = std::string(Utf8Prefix(a.title, 400));
  if (a.category) article["articleSection"] = a.category->name;
  if (!a.tags.empty()) {
    json keywords = json::array();
    for (const Tag& t : a.tags) keywords.push_back(t.name);
    article["keywords"] = std::move(keywords);
  }
  if (!a.source.empty()) {
    // The wire agency the story came from.
    article["sourceOrganization"] = {{"@type", "NewsMediaOrganization"},
                                     {"name", a.source}};
  }
  if (!a.source_url.empty()) article["isBasedOn"] = a.source_url;

  json crumbs = json::array();
  auto crumb = [&](std::string name, std::string item) {
    crumbs.push_back({{"@type", "ListItem"},
                      {"position", static_cast<int>(crumbs.size()) + 1},
                      {"name", std::move(name)},
                      {"item", std::move(item)}});
  };
  crumb(site.name, urls.Absolute("/"));
  if (a.category) {
    crumb(a.category->name, urls.Absolute(urls.Category(a.category->slug)));
  }
  crumb(a.title, url);
  json breadcrumbs = {{"@context", "https://schema.org"},
                      {"@type", "BreadcrumbList"},
                      {"itemListElement", std::move(crumbs)}};
  // A top-level array of two documents: what Google's and other parsers
  // read most widely (some do not follow "@graph").
  json doc = json::array();
  doc.push_back(std::move(article));
  doc.push_back(std::move(breadcrumbs));
  return ScriptSafeJson(
      doc.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace warta::feeds
