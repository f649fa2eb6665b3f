// Distribution: the sitemap index, child sitemaps and the Google News
// sitemap. Child sitemaps stream from the store in batches of kBatch rows
// read through a covering index, so a 50,000-URL file never holds more than
// one batch in memory.
#include <memory>

#include "base/log.h"
#include "base/strings.h"
#include "base/time.h"
#include "feeds/sitemap.h"
#include "site/distribution.h"

namespace warta::site {
namespace {

constexpr int kBatch = 2000;
constexpr char kSitemapCacheControl[] = "public, max-age=600";

struct Month {
  Timestamp from = 0;
  Timestamp to = 0;
};

Month MonthRange(int year, int month, int offset_seconds) {
  CivilTime start;
  start.year = year;
  start.month = month;
  CivilTime next = start;
  next.month = month == 12 ? 1 : month + 1;
  next.year = month == 12 ? year + 1 : year;
  return {FromCivil(start, offset_seconds), FromCivil(next, offset_seconds)};
}

bool ParseNumber(std::string_view s, int digits, int& out) {
  if (digits > 0 && static_cast<int>(s.size()) != digits) return false;
  auto n = ParseInt(s);
  if (!n || *n < 0 || *n > 1000000 ||
      (s.size() > 1 && s[0] == '0' && digits == 0))
    return false;
  out = static_cast<int>(*n);
  return true;
}

std::string_view KindSlug(SitemapName::Kind k) {
  switch (k) {
    case SitemapName::Kind::kArticles:
      return "articles";
    case SitemapName::Kind::kCategories:
      return "categories";
    case SitemapName::Kind::kTags:
      return "tags";
    case SitemapName::Kind::kAuthors:
      return "authors";
  }
  return "articles";
}

TaxonomyKind ToTaxonomy(SitemapName::Kind k) {
  return k == SitemapName::Kind::kCategories ? TaxonomyKind::kCategory
         : k == SitemapName::Kind::kTags     ? TaxonomyKind::kTag
                                             : TaxonomyKind::kAuthor;
}

http::Response XmlResponse(std::string body, std::string etag) {
  http::Response r;
  r.content_type = std::string(feeds::kXmlContentType);
  r.body = std::make_shared<const std::string>(std::move(body));
  r.SetHeader("ETag", std::move(etag));
  r.SetHeader("Cache-Control", kSitemapCacheControl);
  return r;
}

}  // namespace

std::optional<SitemapName> ParseSitemapName(std::string_view file) {
  constexpr std::string_view kPrefix = "sitemap-", kSuffix = ".xml";
  if (!file.starts_with(kPrefix) || !file.ends_with(kSuffix)) return {};
  std::string_view rest = file.substr(
      kPrefix.size(), file.size() - kPrefix.size() - kSuffix.size());
  std::vector<std::string_view> parts = Split(rest, '-');
  SitemapName n{SitemapName::Kind::kArticles};
  size_t next = 1;
  if (parts[0] == "articles") {
    if (parts.size() < 3 || !ParseNumber(parts[1], 4, n.year) ||
        !ParseNumber(parts[2], 2, n.month) || n.month < 1 || n.month > 12 ||
        n.year < 1970) {
      return {};
    }
    next = 3;
  } else if (parts[0] == "categories") {
    n.kind = SitemapName::Kind::kCategories;
  } else if (parts[0] == "tags") {
    n.kind = SitemapName::Kind::kTags;
  } else if (parts[0] == "authors") {
    n.kind = SitemapName::Kind::kAuthors;
  } else {
    return {};
  }
  if (parts.size() == next + 1) {
    if (!ParseNumber(parts[next], 0, n.page) || n.page < 2) return {};
  } else if (parts.size() != next) {
    return {};
  }
  return n;
}

std::string SitemapFileName(const SitemapName& n) {
  std::string out = "sitemap-" + std::string(KindSlug(n.kind));
  if (n.kind == SitemapName::Kind::kArticles) {
    char ym[16];
    std::snprintf(ym, sizeof ym, "-%04d-%02d", n.year, n.month);
    out += ym;
  }
  if (n.page > 1) out += "-" + std::to_string(n.page);
  return out + ".xml";
}

std::string Distribution::StoreEtag(std::string_view what) const {
  auto seq = site_.context().store.changes.ChangeSeq();
  char buf[64];
  std::snprintf(buf, sizeof buf, "\"%llx-%llx\"",
                static_cast<unsigned long long>(seq.ok() ? *seq : -1),
                static_cast<unsigned long long>(Fnv1a64(what) & 0xffffffff));
  return buf;
}

http::Response Distribution::SitemapIndex() {
  site_.RefreshIfChanged();
  const std::string key = "sitemap|index";
  if (auto page = site_.cache().Find(key)) return page->ToResponse();
  std::uint64_t generation = site_.cache().generation();
  const SiteContext& ctx = site_.context();
  const Timestamp now = ctx.clock.Now();
  std::string out;
  feeds::BeginSitemapIndex(out);
  auto failed = [&](const Status& s) {
    LogError("sitemap index: " + s.ToString());
    return site_.ErrorResponse(500);
  };
  auto months = ctx.store.distribution.ListSitemapMonths();
  if (!months.ok()) return failed(months.status());
  const CivilTime today = ToCivil(now);
  for (const SitemapMonth& m : *months) {
    // Scheduled articles count in future months; those files wait.
    if (m.year > today.year || (m.year == today.year && m.month > today.month))
      continue;
    int pages = static_cast<int>((m.articles + feeds::kMaxSitemapUrls - 1) /
                                 feeds::kMaxSitemapUrls);
    for (int p = 1; p <= pages; ++p) {
      SitemapName n{SitemapName::Kind::kArticles, m.year, m.month, p};
      feeds::AppendSitemapRef(out, ctx.urls.Absolute("/" + SitemapFileName(n)),
                              m.lastmod);
    }
  }
  for (auto kind : {SitemapName::Kind::kCategories, SitemapName::Kind::kTags,
                    SitemapName::Kind::kAuthors}) {
    auto count = ctx.store.distribution.CountTaxonomyLastmod(ToTaxonomy(kind));
    if (!count.ok()) return failed(count.status());
    int pages = static_cast<int>((*count + feeds::kMaxSitemapUrls - 1) /
                                 feeds::kMaxSitemapUrls);
    for (int p = 1; p <= pages; ++p) {
      SitemapName n{kind, 0, 0, p};
      feeds::AppendSitemapRef(out, ctx.urls.Absolute("/" + SitemapFileName(n)),
                              0);
    }
  }
  feeds::EndSitemapIndex(out);
  auto page = MakeCachedPage(200, std::string(feeds::kXmlContentType),
                             std::move(out), kSitemapCacheControl);
  site_.cache().Insert(key, page, generation);
  return page->ToResponse();
}

http::Response Distribution::Sitemap(std::string_view file) {
  std::optional<SitemapName> name = ParseSitemapName(file);
  if (!name) return site_.ErrorResponse(404);
  const SiteContext& ctx = site_.context();
  DistributionStore& store = ctx.store.distribution;
  const Urls& urls = ctx.urls;
  const std::string etag = StoreEtag(file);
  auto failed = [&](const Status& s) {
    LogError("sitemap " + std::string(file) + ": " + s.ToString());
    return site_.ErrorResponse(500);
  };
  http::Response r;
  r.content_type = std::string(feeds::kXmlContentType);
  r.SetHeader("ETag", etag);
  r.SetHeader("Cache-Control", kSitemapCacheControl);

  if (name->kind == SitemapName::Kind::kArticles) {
    // Months are UTC months, as the store counts them (sitemap_months).
    Month mr = MonthRange(name->year, name->month, 0);
    auto q = std::make_shared<SitemapQuery>();
    q->from = mr.from;
    q->to = std::min(mr.to, ctx.clock.Now() + 1);
    if (q->to <= q->from) return site_.ErrorResponse(404);
    q->offset = (name->page - 1) * feeds::kMaxSitemapUrls;
    q->limit = std::min(kBatch, feeds::kMaxSitemapUrls);
    // The first batch is read now: an empty file is a 404, a failing store
    // a 500, both before any byte is sent.
    auto first = store.ListSitemapArticles(*q);
    if (!first.ok()) return failed(first.status());
    if (first->empty()) return site_.ErrorResponse(404);
    auto months = store.ListSitemapMonths();
    if (months.ok()) {
      for (const SitemapMonth& m : *months) {
        if (m.year == name->year && m.month == name->month && m.lastmod > 0)
          r.SetHeader("Last-Modified", FormatHttpDate(m.lastmod));
      }
    }
    auto batch =
        std::make_shared<std::vector<SitemapArticle>>(std::move(*first));
    auto left = std::make_shared<int>(feeds::kMaxSitemapUrls);
    auto begun = std::make_shared<bool>(false);
    r.stream = [&store, &urls, q, batch, left, begun](std::string& chunk) {
      if (!*begun) {
        feeds::BeginUrlSet(chunk);
        *begun = true;
      }
      for (const SitemapArticle& a : *batch) {
        if (*left == 0) break;
        feeds::AppendUrl(chunk, urls.Absolute(urls.Article(a.slug)),
                         a.updated_at);
        --*left;
      }
      bool full = static_cast<int>(batch->size()) == q->limit;
      if (*left > 0 && full) {
        q->after = std::make_pair(batch->back().published_at, batch->back().id);
        q->offset = 0;
        q->limit = std::min(kBatch, *left);
        auto next = store.ListSitemapArticles(*q);
        if (!next.ok()) {
          // Headers are gone; end the document short rather than mid-tag.
          LogError("sitemap stream: " + next.status().ToString());
          batch->clear();
        } else {
          *batch = std::move(*next);
        }
        if (!batch->empty()) return true;
      }
      feeds::EndUrlSet(chunk);
      return false;
    };
    return r;
  }

  // Categories, tags or authors: keyset by id; page N skips N-1 files.
  const TaxonomyKind kind = ToTaxonomy(name->kind);
  std::int64_t after = 0;
  for (int skip = (name->page - 1) * feeds::kMaxSitemapUrls; skip > 0;) {
    auto rows = store.ListTaxonomyLastmod(kind, after, std::min(skip, 50000));
    if (!rows.ok()) return failed(rows.status());
    if (rows->empty()) return site_.ErrorResponse(404);
    after = rows->back().id;
    skip -= static_cast<int>(rows->size());
  }
  auto first = store.ListTaxonomyLastmod(kind, after, kBatch);
  if (!first.ok()) return failed(first.status());
  if (first->empty() && name->page > 1) return site_.ErrorResponse(404);
  auto batch =
      std::make_shared<std::vector<TaxonomyLastmod>>(std::move(*first));
  auto left = std::make_shared<int>(feeds::kMaxSitemapUrls);
  auto begun = std::make_shared<bool>(false);
  const SitemapName::Kind k = name->kind;
  r.stream = [&store, &urls, kind, k, batch, left, begun](std::string& chunk) {
    if (!*begun) {
      feeds::BeginUrlSet(chunk);
      *begun = true;
    }
    for (const TaxonomyLastmod& t : *batch) {
      if (*left == 0) break;
      std::string path = k == SitemapName::Kind::kCategories
                             ? urls.Category(t.slug)
                         : k == SitemapName::Kind::kTags ? urls.Tag(t.slug)
                                                         : urls.Author(t.slug);
      feeds::AppendUrl(chunk, urls.Absolute(path), t.lastmod);
      --*left;
    }
    if (*left > 0 && static_cast<int>(batch->size()) == kBatch) {
      auto next = store.ListTaxonomyLastmod(kind, batch->back().id,
                                            std::min(kBatch, *left));
      if (!next.ok()) {
        LogError("sitemap stream: " + next.status().ToString());
        batch->clear();
      } else {
        *batch = std::move(*next);
      }
      if (!batch->empty()) return true;
    }
    feeds::EndUrlSet(chunk);
    return false;
  };
  return r;
}

http::Response Distribution::NewsSitemap() {
  const SiteContext& ctx = site_.context();
  const Timestamp now = ctx.clock.Now();
  const std::string etag = StoreEtag("news" + std::to_string(now / 3600));
  SitemapQuery q;
  q.from = now - feeds::kNewsWindowSeconds;
  q.to = now + 1;
  q.limit = feeds::kMaxNewsUrls;
  q.with_title = true;
  q.newest_first = true;
  auto list = ctx.store.distribution.ListSitemapArticles(q);
  if (!list.ok()) {
    LogError("news sitemap: " + list.status().ToString());
    return site_.ErrorResponse(500);
  }
  const std::string language(LanguageCode(ctx.options.language));
  std::string out;
  out.reserve(512 + list->size() * 400);
  feeds::BeginNewsUrlSet(out);
  for (const SitemapArticle& a : *list) {
    feeds::AppendNewsUrl(
        out, {ctx.urls.Absolute(ctx.urls.Article(a.slug)), ctx.options.name,
              language, a.published_at, a.title});
  }
  feeds::EndNewsUrlSet(out);
  http::Response r = XmlResponse(std::move(out), etag);
  r.SetHeader("Cache-Control", "public, max-age=120");
  return r;
}

}  // namespace warta::site
