// Distribution: RSS, Atom and JSON feeds of the site and of each category,
// tag and author.
#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "base/log.h"
#include "base/strings.h"
#include "base/time.h"
#include "http/compression.h"
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

// The articles `ids` names, in that order, read by up to kReadThreads
// threads at once: on a cold OS page cache each article is a few dependent
// page reads, and the disk serves several such chains in parallel. A tag
// feed of 20 articles at 1M articles, page cache dropped: 19-28 ms read one
// by one, 11-13 ms by 4 threads, 6-10 ms by 8 (docs/feeds.md). The store
// keeps enough reader connections open for it.
constexpr std::size_t kReadThreads = 8;

Result<std::vector<Article>> LoadArticlesConcurrently(
    ArticleStore& store, const std::vector<std::int64_t>& ids) {
  std::vector<Result<Article>> loaded(ids.size(),
                                      Status::Internal("not loaded"));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < ids.size(); i = next++)
      loaded[i] = store.GetArticle(ids[i]);
  };
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < std::min(kReadThreads, ids.size()); ++t)
    threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  std::vector<Article> articles;
  articles.reserve(ids.size());
  for (Result<Article>& a : loaded) {
    if (!a.ok()) return a.status();
    articles.push_back(std::move(*a));
  }
  return articles;
}

}  // namespace

Result<std::string> Distribution::RenderFeed(std::optional<ListKind> kind,
                                             std::string_view slug,
                                             FeedFormat format,
                                             FeedInfo& info) const {
  const SiteContext& ctx = site_.context();
  FeedScope scope;
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
        WARTA_ASSIGN_OR_RETURN(Category c,
                               ctx.store.taxonomy.GetCategoryBySlug(slug));
        q.category_id = c.id;
        scope = FeedScope{TaxonomyKind::kCategory, c.id};
        list_path = ctx.urls.Category(c.slug);
        ch.title = c.name + " - " + ctx.options.name;
        if (!c.description.empty()) ch.description = c.description;
        break;
      }
      case ListKind::kTag: {
        WARTA_ASSIGN_OR_RETURN(Tag t, ctx.store.taxonomy.GetTagBySlug(slug));
        q.tag_id = t.id;
        scope = FeedScope{TaxonomyKind::kTag, t.id};
        list_path = ctx.urls.Tag(t.slug);
        ch.title = t.name + " - " + ctx.options.name;
        break;
      }
      case ListKind::kAuthor: {
        WARTA_ASSIGN_OR_RETURN(Author a,
                               ctx.store.taxonomy.GetAuthorBySlug(slug));
        q.author_id = a.id;
        scope = FeedScope{TaxonomyKind::kAuthor, a.id};
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
  // The version is read before the articles, so a write that lands while
  // this renders makes the stored document stale, never wrongly fresh.
  info.scope = scope;
  WARTA_ASSIGN_OR_RETURN(info.version,
                         ctx.store.distribution.FeedVersion(scope));
  WARTA_ASSIGN_OR_RETURN(
      std::optional<Timestamp> next,
      ctx.store.distribution.NextFeedItemTime(scope, *q.published_before));
  info.valid_until = next.value_or(0);
  std::vector<Article> articles;
  if (q.tag_id || q.author_id) {
    // Through the link index: cheap for a small tag in a large store.
    WARTA_ASSIGN_OR_RETURN(
        std::vector<std::int64_t> ids,
        ctx.store.distribution.ListNewestLinkedArticleIds(
            q.tag_id ? TaxonomyKind::kTag : TaxonomyKind::kAuthor,
            q.tag_id ? q.tag_id : q.author_id, *q.published_before, q.limit));
    WARTA_ASSIGN_OR_RETURN(articles,
                           LoadArticlesConcurrently(ctx.store.articles, ids));
  } else {
    WARTA_ASSIGN_OR_RETURN(articles, ctx.store.articles.ListArticles(q));
  }
  std::vector<feeds::FeedItem> items;
  items.reserve(articles.size());
  ch.updated = 0;
  for (const Article& a : articles) {
    items.push_back(feeds::ItemFromArticle(a, ctx.urls));
    ch.updated = std::max(ch.updated, items.back().updated);
  }
  if (items.empty()) ch.updated = ctx.clock.Now();
  info.last_modified = ch.updated;
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

namespace {

std::string ComputeFeedFingerprint(const SiteContext& ctx) {
  // The renderer: a fixed channel and item in every format, once.
  static const std::uint64_t renderer = [] {
    feeds::FeedChannel ch;
    ch.title = "Contoh & <uji>";
    ch.description = "Deskripsi";
    ch.home_url = "https://contoh.id/";
    ch.self_url = "https://contoh.id/rss.xml";
    ch.icon_url = "https://contoh.id/logo.png";
    ch.updated = 1700000000;
    Article a;
    a.id = 1;
    a.slug = "contoh";
    a.title = "Judul \"uji\" & <b>";
    a.custom_excerpt = "Ringkas";
    a.html =
        "<p>Isi <a href=\"/berita/lain\" data-ref=\"article:lain\">tautan</a> "
        "<img src=\"/i.png\"></p>";
    a.plaintext = "Isi tautan";
    a.authors = {Author{1, "rina", "Rina", "", ""}};
    a.category = Category{1, "politik", "Politik", ""};
    a.tags = {Tag{1, "pemilu", "Pemilu"}};
    a.feature_image = "/media/foto.jpg";
    a.source = "ANTARA";
    a.source_url = "https://antaranews.com/x";
    a.status = ArticleStatus::kPublished;
    a.published_at = 1700000000;
    a.updated_at = 1700000600;
    Urls urls("https://contoh.id");
    std::vector<feeds::FeedItem> items{feeds::ItemFromArticle(a, urls)};
    return Fnv1a64(feeds::RenderRss(ch, items) + feeds::RenderAtom(ch, items) +
                   feeds::RenderJsonFeed(ch, items));
  }();
  const render::Asset* icon = ctx.theme.FindAsset("favicon.svg");
  std::string settings = ctx.urls.site_url() + '\n' + ctx.options.name + '\n' +
                         ctx.options.description + '\n' + ctx.options.logo +
                         '\n' +
                         std::string(LanguageCode(ctx.options.language)) +
                         '\n' + std::to_string(ctx.options.feed_items) + '\n' +
                         (icon ? icon->version : std::string());
  return std::to_string(renderer) + "-" + std::to_string(Fnv1a64(settings));
}

}  // namespace

Distribution::Distribution(Site& site)
    : site_(site), feed_fingerprint_(ComputeFeedFingerprint(site.context())) {
  for (FeedFormat format : kFeedFormats)
    NoteHot(HotFeed(std::nullopt, "", format));
}

Distribution::~Distribution() { StopWarming(); }

std::string Distribution::FeedKey(std::optional<ListKind> kind,
                                  std::string_view slug, FeedFormat format) {
  return "feed|" + std::to_string(kind ? int(*kind) : -1) + "|" +
         std::string(slug) + "|" + std::to_string(int(format));
}

Result<std::shared_ptr<const CachedPage>> Distribution::LoadFeed(
    const HotFeed& feed, std::vector<StoredFeed>* to_store) {
  const std::string& key = feed.key;
  std::uint64_t generation = site_.cache().generation();
  const SiteContext& ctx = site_.context();
  // A document stored by an earlier render (this process or another, before
  // a restart) while nothing it shows has changed: one row read, no
  // compression.
  std::shared_ptr<CachedPage> page;
  std::string_view type = feeds::kRssContentType;
  for (const FeedFile& f : kFeedFiles)
    if (f.format == feed.format) type = f.content_type;
  Timestamp modified = 0;
  auto stored = ctx.store.distribution.GetStoredFeed(key);
  if (!stored.ok())
    LogWarning("feed " + key + ": " + stored.status().ToString());
  if (stored.ok() && *stored && (*stored)->fingerprint == feed_fingerprint_ &&
      ((*stored)->valid_until == 0 ||
       ctx.clock.Now() < (*stored)->valid_until)) {
    StoredFeed& doc = **stored;
    auto body = http::GzipDecompress(doc.body_gzip);
    if (body.ok()) {
      modified = doc.last_modified;
      page = MakeEncodedPage(200, std::string(type), std::move(*body),
                             std::move(doc.body_gzip),
                             std::move(doc.body_brotli), kFeedCacheControl);
    } else {
      LogWarning("feed " + key + ": stored copy unreadable, rendering: " +
                 body.status().ToString());
    }
  }
  if (!page) {
    FeedInfo info;
    WARTA_ASSIGN_OR_RETURN(std::string body,
                           RenderFeed(feed.kind, feed.slug, feed.format, info));
    modified = info.last_modified;
    page = MakeCachedPage(200, std::string(type), std::move(body),
                          kFeedCacheControl);
    if (page->body_gzip && page->body_brotli) {
      StoredFeed doc{
          key,      info.scope,       feed_fingerprint_, info.version,
          modified, info.valid_until, *page->body_gzip,  *page->body_brotli};
      if (to_store) {
        to_store->push_back(std::move(doc));  // the caller stores it
      } else {
        // Not StoreFeeds({doc}): an initializer list copies the bodies.
        std::vector<StoredFeed> one;
        one.push_back(std::move(doc));
        StoreFeeds(one);
      }
    }
  }
  page->last_modified = FormatHttpDate(modified);
  site_.cache().Insert(key, page, generation);
  return std::shared_ptr<const CachedPage>(std::move(page));
}

void Distribution::StoreFeeds(const std::vector<StoredFeed>& docs) {
  // Best effort: without them the next cold request renders again.
  Status s = site_.context().store.distribution.PutStoredFeeds(docs);
  if (s.ok()) return;
  for (const StoredFeed& doc : docs)
    LogWarning("feed " + doc.key + ": not stored: " + s.ToString());
}

http::Response Distribution::Feed(std::optional<ListKind> kind,
                                  std::string_view slug, FeedFormat format) {
  site_.RefreshIfChanged();
  HotFeed feed(kind, slug, format);
  if (auto page = site_.cache().Find(feed.key)) return page->ToResponse();
  auto page = LoadFeed(feed, nullptr);
  if (!page.ok()) {
    if (page.status().IsNotFound()) return site_.ErrorResponse(404);
    LogError("feed " + feed.key + ": " + page.status().ToString());
    return site_.ErrorResponse(500);
  }
  NoteHot(std::move(feed));
  return (*page)->ToResponse();
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
