// Urls: warta's permalinks, both ways. The one place that knows URL shapes.
// Immutable after construction; thread-safe.
//
//   /                          home
//   /berita/{slug}             article (an old slug redirects with 301)
//   /kategori/{slug}           category        ?page=N for page N >= 2
//   /tag/{slug}                tag             ?page=N
//   /penulis/{slug}            author          ?page=N
//   /cari?q=...                search
//   /assets/{file}?v={hash}    theme assets (cached for a year)
//   /rss.xml /atom.xml /feed.json                 site feeds
//   /kategori/{slug}/rss.xml (atom.xml, feed.json) category feeds, and the
//   same under /tag/{slug}/ and /penulis/{slug}/
//   /sitemap.xml /sitemap-news.xml /robots.txt    see docs/feeds.md
#ifndef WARTA_URL_URLS_H_
#define WARTA_URL_URLS_H_

#include <optional>
#include <string>
#include <string_view>

namespace warta {

// Route patterns for the HTTP router, in step with the builders below.
inline constexpr std::string_view kArticleRoute = "/berita/{slug}";
inline constexpr std::string_view kCategoryRoute = "/kategori/{slug}";
inline constexpr std::string_view kTagRoute = "/tag/{slug}";
inline constexpr std::string_view kAuthorRoute = "/penulis/{slug}";
inline constexpr std::string_view kSearchRoute = "/cari";
inline constexpr std::string_view kAssetRoute = "/assets/{file*}";

class Urls {
 public:
  // `site_url` is the public origin, e.g. "https://kabarin.id" (a trailing
  // slash is dropped).
  explicit Urls(std::string site_url);

  const std::string& site_url() const { return site_url_; }

  std::string Home() const { return "/"; }
  std::string Article(std::string_view slug) const;
  // The same into `*out` (replacing it), reusing its capacity.
  void Article(std::string_view slug, std::string* out) const;
  std::string Category(std::string_view slug) const;
  std::string Tag(std::string_view slug) const;
  std::string Author(std::string_view slug) const;
  std::string Search(std::string_view query) const;
  std::string Asset(std::string_view file, std::string_view version) const;

  // A feed file ("rss.xml", "atom.xml", "feed.json") of the site (list_path
  // "" or "/") or of a category, tag or author page: "/tag/korea/rss.xml".
  static std::string Feed(std::string_view list_path, std::string_view file);

  // `path` with "?page=N" (N >= 2) or "&page=N" appended.
  static std::string Page(std::string_view path, int page);

  // "https://kabarin.id" + path.
  std::string Absolute(std::string_view path) const;

  // The article slug of an article path ("/berita/x" -> "x"), or nullopt.
  static std::optional<std::string> ArticleSlugFromPath(std::string_view path);

  // Links to the site's own pages in stored HTML (an article's body, rendered
  // when saved) name their target by a reference that no route change
  // alters, beside the URL of the day: <a href="URL" data-ref="REF">
  // (markup::RenderOptions::link_ref). LinkRef gives the reference of a
  // link, relative or on site_url: "article:SLUG" for an article, and
  // "search:QUERY" for a search (both percent-encoded), or "" for any other
  // link (a query or fragment on an article link, another site's page).
  std::string LinkRef(std::string_view href) const;
  // `html` with each link that carries a reference pointed at the URL the
  // routes give it now, the data-ref attribute dropped; other links, and
  // the rest of the HTML, as they are. A body without references is
  // returned after one search of it. For whoever shows a stored body: the
  // article page and the feeds, when they build it (a warm page is served
  // from the page cache and does not get here).
  std::string ResolveLinks(std::string_view html) const;

 private:
  std::string site_url_;
};

}  // namespace warta

#endif  // WARTA_URL_URLS_H_
