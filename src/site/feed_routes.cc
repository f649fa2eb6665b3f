// Distribution: RSS, Atom and JSON feeds of the site and of each category,
// tag and author.
#include "base/log.h"
#include "base/time.h"
#include "site/distribution.h"

namespace warta::site {
namespace {

constexpr char kFeedCacheControl[] =
    "public, max-age=300, stale-while-revalidate=60";

struct FeedFile {
  const char* file;
  FeedFormat format;
  std::string_view content_type;
};
constexpr FeedFile kFeedFiles[] = {
    {"rss.xml", FeedFormat::kRss, feeds::kRssContentType},
    {"atom.xml", FeedFormat::kAtom, feeds::kAtomContentType},
    {"feed.json", FeedFormat::kJson, feeds::kJsonFeedContentType},
};

}  // namespace

Result<std::string> Distribution::RenderFeed(std::optional<ListKind> kind,
                                             std::string_view slug,
                                             FeedFormat format,
                                             Timestamp* last_modified) const {
  const SiteContext& ctx = site_.context();
  ArticleQuery q;
  q.status = ArticleStatus::kPublished;
  q.published_before = ctx.clock.Now();
  q.limit = ctx.options.feed_items;
  q.with_body = true;
  feeds::FeedChannel ch;
  ch.title = ctx.options.name;
  ch.description = ctx.options.description;
  ch.language = std::string(LanguageCode(ctx.options.language));
  std::string list_path = "/";
  if (kind) {
    switch (*kind) {
      case ListKind::kCategory: {
        WARTA_ASSIGN_OR_RETURN(Category c, ctx.store.GetCategoryBySlug(slug));
        q.category_id = c.id;
        list_path = ctx.urls.Category(c.slug);
        ch.title = c.name + " - " + ctx.options.name;
        if (!c.description.empty()) ch.description = c.description;
        break;
      }
      case ListKind::kTag: {
        WARTA_ASSIGN_OR_RETURN(Tag t, ctx.store.GetTagBySlug(slug));
        q.tag_id = t.id;
        list_path = ctx.urls.Tag(t.slug);
        ch.title = t.name + " - " + ctx.options.name;
        break;
      }
      case ListKind::kAuthor: {
        WARTA_ASSIGN_OR_RETURN(Author a, ctx.store.GetAuthorBySlug(slug));
        q.author_id = a.id;
        list_path = ctx.urls.Author(a.slug);
        ch.title = a.name + " - " + ctx.options.name;
        if (!a.bio.empty()) ch.description = a.bio;
        break;
      }
    }
  }
  ch.home_url = ctx.urls.Absolute(list_path);
  const char* file = "rss.xml";
  for (const FeedFile& f : kFeedFiles)
    if (f.format == format) file = f.file;
  ch.self_url =
      ctx.urls.Absolute(Urls::Feed(list_path == "/" ? "" : list_path, file));
  const render::Asset* icon = ctx.theme.FindAsset("favicon.svg");
  if (!ctx.options.logo.empty()) {
    ch.icon_url = ctx.urls.Absolute(ctx.options.logo);
  } else if (icon) {
    ch.icon_url =
        ctx.urls.Absolute(ctx.urls.Asset("favicon.svg", icon->version));
  }
  std::vector<Article> articles;
  if (q.tag_id || q.author_id) {
    // Through the link index: cheap for a small tag in a large store.
    WARTA_ASSIGN_OR_RETURN(
        std::vector<std::int64_t> ids,
        ctx.store.ListNewestLinkedArticleIds(
            q.tag_id ? TaxonomyKind::kTag : TaxonomyKind::kAuthor,
            q.tag_id ? q.tag_id : q.author_id, *q.published_before, q.limit));
    for (std::int64_t id : ids) {
      WARTA_ASSIGN_OR_RETURN(Article a, ctx.store.GetArticle(id));
      articles.push_back(std::move(a));
    }
  } else {
    WARTA_ASSIGN_OR_RETURN(articles, ctx.store.ListArticles(q));
  }
  std::vector<feeds::FeedItem> items;
  items.reserve(articles.size());
  ch.updated = 0;
  for (const Article& a : articles) {
    items.push_back(feeds::ItemFromArticle(a, ctx.urls));
    ch.updated = std::max(ch.updated, items.back().updated);
  }
  if (items.empty()) ch.updated = ctx.clock.Now();
  if (last_modified) *last_modified = ch.updated;
  switch (format) {
    case FeedFormat::kRss:
      return feeds::RenderRss(ch, items);
    case FeedFormat::kAtom:
      return feeds::RenderAtom(ch, items);
    case FeedFormat::kJson:
      return feeds::RenderJsonFeed(ch, items);
  }
  return Status::Internal("unknown feed format");
}

http::Response Distribution::Feed(std::optional<ListKind> kind,
                                  std::string_view slug, FeedFormat format) {
  site_.RefreshIfChanged();
  std::string key = "feed|" + std::to_string(kind ? int(*kind) : -1) + "|" +
                    std::string(slug) + "|" + std::to_string(int(format));
  if (auto page = site_.cache().Find(key)) return page->ToResponse();
  std::uint64_t generation = site_.cache().generation();
  Timestamp modified = 0;
  auto body = RenderFeed(kind, slug, format, &modified);
  if (!body.ok()) {
    if (body.status().IsNotFound()) return site_.ErrorResponse(404);
    LogError("feed " + key + ": " + body.status().ToString());
    return site_.ErrorResponse(500);
  }
  std::string_view type = feeds::kRssContentType;
  for (const FeedFile& f : kFeedFiles)
    if (f.format == format) type = f.content_type;
  auto page = std::const_pointer_cast<CachedPage>(MakeCachedPage(
      200, std::string(type), std::move(*body), kFeedCacheControl));
  page->last_modified = FormatHttpDate(modified);
  site_.cache().Insert(key, page, generation);
  return page->ToResponse();
}

void Distribution::Register(http::Router& router) {
  for (const FeedFile& f : kFeedFiles) {
    FeedFormat format = f.format;
    router.Get(std::string("/") + f.file, [this, format](const http::Request&) {
      return Feed(std::nullopt, "", format);
    });
    struct ListRoute {
      std::string_view prefix;
      ListKind kind;
    };
    for (ListRoute lr : {ListRoute{kCategoryRoute, ListKind::kCategory},
                         ListRoute{kTagRoute, ListKind::kTag},
                         ListRoute{kAuthorRoute, ListKind::kAuthor}}) {
      router.Get(std::string(lr.prefix) + "/" + f.file,
                 [this, lr, format](const http::Request& req) {
                   return Feed(lr.kind, req.Param("slug"), format);
                 });
    }
  }
  router.Get("/sitemap.xml",
             [this](const http::Request&) { return SitemapIndex(); });
  router.Get("/sitemap-news.xml",
             [this](const http::Request&) { return NewsSitemap(); });
  router.Get("/robots.txt", [this](const http::Request&) { return Robots(); });
  // Child sitemaps sit at the root: a sitemap may only list URLs below its
  // own directory. Other single-segment paths fall through to a 404.
  router.Get("/{file}", [this](const http::Request& req) {
    return Sitemap(req.Param("file"));
  });
}

}  // namespace warta::site
