// Rows (store/sql/rows.h), both SQL backends: the reads behind sitemaps and
// robots.txt. Article reads use the covering index articles_sitemap (migration
// 030), so no table rows are touched; taxonomy reads use taxonomy_lastmod, kept
// by triggers.
#include <algorithm>

#include "base/strings.h"
#include "store/sql/rows.h"

namespace warta::sql {
namespace {

constexpr std::string_view kIndexable =
    "status = 'published' AND noindex = 0 AND published_at >= ? AND "
    "published_at < ? ";

std::string_view KindCode(TaxonomyKind k) {
  switch (k) {
    case TaxonomyKind::kCategory:
      return "c";
    case TaxonomyKind::kTag:
      return "t";
    case TaxonomyKind::kAuthor:
      return "a";
  }
  return "c";
}

std::string_view KindTable(TaxonomyKind k) {
  switch (k) {
    case TaxonomyKind::kCategory:
      return "categories";
    case TaxonomyKind::kTag:
      return "tags";
    case TaxonomyKind::kAuthor:
      return "authors";
  }
  return "categories";
}

}  // namespace

template <typename Core>
Result<std::vector<SitemapArticle>> Rows<Core>::ListSitemapArticles(
    const SitemapQuery& q) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  std::string sql = "SELECT id, slug, published_at, updated_at";
  sql += q.with_title ? ", title " : " ";
  sql += "FROM articles INDEXED BY articles_sitemap WHERE ";
  sql += kIndexable;
  const char* cmp = q.newest_first ? "<" : ">";
  if (q.after) {
    sql += std::string("AND (published_at ") + cmp +
           " ? OR (published_at = ? "
           "AND id " +
           cmp + " ?)) ";
  }
  sql += q.newest_first ? "ORDER BY published_at DESC, id DESC "
                        : "ORDER BY published_at, id ";
  sql += "LIMIT ? OFFSET ?";
  WARTA_ASSIGN_OR_RETURN(auto st, (*r)->Prepare(sql));
  int i = 1;
  st.Bind(i++, q.from);
  st.Bind(i++, q.to);
  if (q.after) {
    st.Bind(i++, q.after->first);
    st.Bind(i++, q.after->first);
    st.Bind(i++, q.after->second);
  }
  st.Bind(i++, std::clamp(q.limit, 0, 50000));
  st.Bind(i++, std::max(q.offset, 0));
  std::vector<SitemapArticle> out;
  out.reserve(std::clamp(q.limit, 0, 50000));
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    SitemapArticle a;
    a.id = st.Int(0);
    a.slug = st.Text(1);
    a.published_at = st.Int(2);
    a.updated_at = st.Int(3);
    if (q.with_title) a.title = st.Text(4);
    out.push_back(std::move(a));
  }
  return out;
}

template <typename Core>
Result<std::vector<SitemapMonth>> Rows<Core>::ListSitemapMonths() {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare("SELECT month, articles, lastmod FROM "
                             "sitemap_months WHERE articles > 0 ORDER BY "
                             "month DESC"));
  std::vector<SitemapMonth> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    // "YYYY-MM"; rows from out-of-range dates (NULL months) are skipped.
    std::string ym = st.IsNull(0) ? std::string() : st.Text(0);
    if (ym.size() != 7 || ym[4] != '-') continue;
    auto y = ParseInt(std::string_view(ym).substr(0, 4));
    auto m = ParseInt(std::string_view(ym).substr(5, 2));
    if (!y || !m || *y < 1 || *m < 1 || *m > 12) continue;
    out.push_back(SitemapMonth{static_cast<int>(*y), static_cast<int>(*m),
                               st.Int(1), st.Int(2)});
  }
  return out;
}

template <typename Core>
Result<std::vector<TaxonomyLastmod>> Rows<Core>::ListTaxonomyLastmod(
    TaxonomyKind kind, std::int64_t after_id, int limit) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      (*r)->Prepare("SELECT t.id, t.slug, l.lastmod FROM taxonomy_lastmod l "
                    "JOIN " +
                    std::string(KindTable(kind)) +
                    " t ON t.id = l.taxonomy_id WHERE l.kind = ? AND "
                    "l.taxonomy_id > ? ORDER BY l.taxonomy_id LIMIT ?"));
  st.Bind(1, KindCode(kind))
      .Bind(2, after_id)
      .Bind(3, std::clamp(limit, 0, 50000));
  std::vector<TaxonomyLastmod> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(TaxonomyLastmod{st.Int(0), st.Text(1), st.Int(2)});
  }
  return out;
}

template <typename Core>
Result<std::int64_t> Rows<Core>::CountTaxonomyLastmod(TaxonomyKind kind) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      (*r)->Prepare("SELECT COUNT(*) FROM taxonomy_lastmod WHERE kind = ?"));
  st.Bind(1, KindCode(kind));
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

template <typename Core>
Result<std::vector<std::int64_t>> Rows<Core>::ListNewestLinkedArticleIds(
    TaxonomyKind kind, std::int64_t id, Timestamp before, int limit) {
  if (kind == TaxonomyKind::kCategory)
    return Status::InvalidArgument("categories have their own index");
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  // The partial feed index (migration 033) holds the published, untrashed
  // links ordered by published_at: the newest `limit` are its last entries.
  const char* sql =
      kind == TaxonomyKind::kTag
          ? "SELECT article_id FROM article_tags INDEXED BY article_tags_feed "
            "WHERE tag_id = ? AND feed_at IS NOT NULL AND feed_at <= ? "
            "ORDER BY feed_at DESC, article_id DESC LIMIT ?"
          : "SELECT article_id FROM article_authors INDEXED BY "
            "article_authors_feed WHERE author_id = ? AND feed_at IS NOT NULL "
            "AND feed_at <= ? ORDER BY feed_at DESC, article_id DESC LIMIT ?";
  WARTA_ASSIGN_OR_RETURN(auto st, (*r)->Prepare(sql));
  st.Bind(1, id);
  st.Bind(2, before);
  st.Bind(3, std::clamp(limit, 0, 1000));
  std::vector<std::int64_t> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(st.Int(0));
  }
  return out;
}

template <typename Core>
Result<std::vector<std::string>> Rows<Core>::ListNoAiSlugs(int limit) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare("SELECT slug FROM articles INDEXED BY "
                             "articles_no_ai WHERE no_ai = 1 AND "
                             "status = 'published' ORDER BY published_at DESC "
                             "LIMIT ?"));
  st.Bind(1, std::max(limit, 0));
  std::vector<std::string> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(st.Text(0));
  }
  return out;
}

}  // namespace warta::sql
