// SqliteStore: the articles table and its links to authors and tags.
#include <algorithm>
#include <map>
#include <optional>
#include <variant>

#include "base/strings.h"
#include "content/slug.h"
#include "store/sqlite/derived_text.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace warta::sqlite {
namespace {

// Column list shared by every article SELECT; `a` aliases articles (or
// article_cards), `c` categories and `e` the editor. Keep in step with
// ReadArticle() and, for the columns a list carries, with the card
// (migrations/061_article_cards.sql).
constexpr std::string_view kColumnsHead =
    "SELECT a.id, a.slug, a.title, a.custom_excerpt, ";
// html and plaintext may be packed against the body (derived_text.h).
constexpr std::string_view kBodyColumns =
    "a.body, derived_text(a.body, a.html), "
    "derived_text(a.body, a.plaintext), ";
// Lists get the start of the plain text, enough for an excerpt.
constexpr std::string_view kNoBodyColumns =
    "'', '', SUBSTR(derived_text(a.body, a.plaintext), 1, 400), ";
constexpr std::string_view kColumnsTail =
    "a.dateline_city, a.dateline_outlet, a.source, a.source_url, "
    "a.feature_image, a.feature_image_alt, a.feature_image_caption, a.status, "
    "a.published_at, a.created_at, a.updated_at, a.word_count, "
    "a.reading_time, a.version, COALESCE(a.import_key, ''), "
    "a.noindex, a.no_ai, a.featured, "
    "a.modified_at, a.correction, a.correction_at, a.withdrawn_at, "
    "a.withdrawn_reason, a.pending_tags, a.feature_image_credit, "
    "a.feature_image_focal_x, a.feature_image_focal_y, "
    "a.meta_title, a.meta_description, a.live_report, "
    "c.id, c.slug, c.name, c.description, "
    "e.id, e.slug, e.name ";
constexpr std::string_view kJoins =
    "LEFT JOIN categories c ON c.id = a.category_id "
    "LEFT JOIN authors e ON e.id = a.editor_id ";
// Cards (migration 061) hold the list columns apart from the body: a card
// read never touches the article row's overflow pages.
constexpr std::string_view kCardColumns = "'', '', a.plaintext_head, ";

// What a card keeps of the plain text: its first 400 characters, counted
// as SQLite's SUBSTR counts them (a byte from 0xC0 up and the continuation
// bytes after it are one character, any other byte one), as the card
// triggers take it from a plain text stored as TEXT.
std::string_view CardHead(std::string_view plaintext) {
  std::size_t at = 0;
  for (int chars = 0; chars < 400 && at < plaintext.size(); ++chars) {
    if (static_cast<unsigned char>(plaintext[at++]) >= 0xC0) {
      while (at < plaintext.size() &&
             (static_cast<unsigned char>(plaintext[at]) & 0xC0) == 0x80) {
        ++at;
      }
    }
  }
  return plaintext.substr(0, at);
}

// A focal coordinate (0..1) as stored: thousandths, clamped.
std::int64_t FocalPerMille(double v) {
  if (!(v >= 0.0)) return 0;  // also NaN
  if (v > 1.0) return 1000;
  return static_cast<std::int64_t>(v * 1000.0 + 0.5);
}

std::string SelectArticles(bool with_body) {
  std::string sql(kColumnsHead);
  sql += with_body ? kBodyColumns : kNoBodyColumns;
  sql += kColumnsTail;
  sql += "FROM articles a ";
  sql += kJoins;
  return sql;
}

// As SelectArticles(false), from the cards: the same columns and values.
std::string SelectCards() {
  std::string sql(kColumnsHead);
  sql += kCardColumns;
  sql += kColumnsTail;
  sql += "FROM article_cards a ";
  sql += kJoins;
  return sql;
}

// The pending tags as stored (one name a line) and as read back.
std::string StoredPendingTags(const std::vector<std::string>& names) {
  return Join(names, "\n");
}
std::vector<std::string> PendingTagsOf(std::string_view stored) {
  std::vector<std::string> out;
  for (std::string_view name : Split(stored, '\n')) {
    if (!name.empty()) out.emplace_back(name);
  }
  return out;
}

Article ReadArticle(const Statement& st) {
  Article a;
  int i = 0;
  a.id = st.Int(i++);
  a.slug = st.Text(i++);
  a.title = st.Text(i++);
  a.custom_excerpt = st.Text(i++);
  a.body = st.Text(i++);
  a.html = st.Text(i++);
  a.plaintext = st.Text(i++);
  a.dateline_city = st.Text(i++);
  a.dateline_outlet = st.Text(i++);
  a.source = st.Text(i++);
  a.source_url = st.Text(i++);
  a.feature_image = st.Text(i++);
  a.feature_image_alt = st.Text(i++);
  a.feature_image_caption = st.Text(i++);
  a.status = ParseArticleStatus(st.Text(i++)).value_or(ArticleStatus::kDraft);
  a.published_at = st.OptInt(i++);
  a.created_at = st.Int(i++);
  a.updated_at = st.Int(i++);
  a.word_count = static_cast<int>(st.Int(i++));
  a.reading_time = static_cast<int>(st.Int(i++));
  a.version = st.Int(i++);
  a.import_key = st.Text(i++);
  a.noindex = st.Int(i++) != 0;
  a.no_ai = st.Int(i++) != 0;
  a.featured = st.Int(i++) != 0;
  a.modified_at = st.OptInt(i++);
  a.correction = st.Text(i++);
  a.correction_at = st.OptInt(i++);
  a.withdrawn_at = st.OptInt(i++);
  a.withdrawn_reason = st.Text(i++);
  const std::string pending = st.Text(i++);
  a.feature_image_credit = st.Text(i++);
  a.feature_image_focal_x = static_cast<double>(st.Int(i++)) / 1000.0;
  a.feature_image_focal_y = static_cast<double>(st.Int(i++)) / 1000.0;
  a.meta_title = st.Text(i++);
  a.meta_description = st.Text(i++);
  a.live_report = st.Int(i++) != 0;
  a.pending_tags = PendingTagsOf(pending);
  if (!st.IsNull(i)) {
    a.category =
        Category{st.Int(i), st.Text(i + 1), st.Text(i + 2), st.Text(i + 3)};
  }
  i += 4;
  if (!st.IsNull(i)) {
    Author e;
    e.id = st.Int(i);
    e.slug = st.Text(i + 1);
    e.name = st.Text(i + 2);
    a.editor = e;
  }
  return a;
}

// WHERE clause and its bindings, in order, for an ArticleQuery.
struct Filter {
  std::string sql;
  std::vector<std::variant<std::int64_t, std::string>> args;
};

// "%text%" for LIKE ... ESCAPE '\\', lower-case.
std::string LikePattern(std::string_view text) {
  std::string p = "%";
  for (char ch : AsciiLower(text)) {
    if (ch == '%' || ch == '_' || ch == '\\') p += '\\';
    p += ch;
  }
  return p + "%";
}

Filter BuildFilter(const ArticleQuery& q) {
  Filter f;
  std::vector<std::string> conds;
  conds.push_back(q.trashed ? "a.deleted_at IS NOT NULL"
                            : "a.deleted_at IS NULL");
  if (q.status) {
    conds.push_back("a.status = ?");
    f.args.emplace_back(std::string(ArticleStatusName(*q.status)));
  }
  if (q.category_id) {
    conds.push_back("a.category_id = ?");
    f.args.emplace_back(q.category_id);
  }
  if (q.tag_id) {
    conds.push_back(
        "a.id IN (SELECT article_id FROM article_tags WHERE tag_id = ?)");
    f.args.emplace_back(q.tag_id);
  }
  if (q.author_id) {
    conds.push_back(
        "a.id IN (SELECT article_id FROM article_authors WHERE author_id = ?)");
    f.args.emplace_back(q.author_id);
  }
  if (q.published_after) {
    conds.push_back("a.published_at >= ?");
    f.args.emplace_back(*q.published_after);
  }
  if (q.published_before) {
    conds.push_back("a.published_at <= ?");
    f.args.emplace_back(*q.published_before);
  }
  for (std::int64_t id : q.exclude_ids) {
    conds.push_back("a.id <> ?");
    f.args.emplace_back(id);
  }
  if (!q.title_contains.empty()) {
    conds.push_back("LOWER(a.title) LIKE ? ESCAPE '\\'");
    f.args.emplace_back(LikePattern(q.title_contains));
  }
  if (!q.review_state.empty()) {
    conds.push_back("a.review_state = ?");
    f.args.emplace_back(q.review_state);
  }
  if (q.owner_user_id) {
    conds.push_back(
        "(a.created_by = ? OR a.id IN (SELECT article_id FROM "
        "article_authors WHERE author_id = ?))");
    f.args.emplace_back(q.owner_user_id);
    f.args.emplace_back(q.owner_author_id);
  }
  if (q.one_per_duplicate_cluster) {
    // Left out: an article with an earlier member of its near-duplicate
    // cluster (by published_at, then id) that the same list would show.
    std::string sql =
        "NOT EXISTS (SELECT 1 FROM article_signatures d "
        "JOIN article_signatures o ON o.cluster_id = d.cluster_id "
        "AND o.article_id <> d.article_id "
        "JOIN articles b ON b.id = o.article_id "
        "WHERE d.article_id = a.id AND b.deleted_at IS NULL AND "
        "(b.published_at < a.published_at OR "
        "(b.published_at = a.published_at AND b.id < a.id))";
    if (q.status) {
      sql += " AND b.status = ?";
      f.args.emplace_back(std::string(ArticleStatusName(*q.status)));
    }
    if (q.category_id) {
      sql += " AND b.category_id = ?";
      f.args.emplace_back(q.category_id);
    }
    if (q.tag_id) {
      sql +=
          " AND b.id IN (SELECT article_id FROM article_tags WHERE "
          "tag_id = ?)";
      f.args.emplace_back(q.tag_id);
    }
    if (q.author_id) {
      sql +=
          " AND b.id IN (SELECT article_id FROM article_authors WHERE "
          "author_id = ?)";
      f.args.emplace_back(q.author_id);
    }
    if (q.published_after) {
      sql += " AND b.published_at >= ?";
      f.args.emplace_back(*q.published_after);
    }
    if (q.published_before) {
      sql += " AND b.published_at <= ?";
      f.args.emplace_back(*q.published_before);
    }
    conds.push_back(sql + ")");
  }
  f.sql = "WHERE " + Join(conds, " AND ") + " ";
  return f;
}

void BindFilter(Statement& st, const Filter& f) {
  int i = 1;
  for (const auto& arg : f.args) {
    if (const auto* n = std::get_if<std::int64_t>(&arg)) {
      st.Bind(i++, *n);
    } else {
      st.Bind(i++, std::get<std::string>(arg));
    }
  }
}

}  // namespace

Result<Article> SqliteStore::LoadArticle(Connection& c, std::string_view where,
                                         ArticleKey key) {
  std::string sql = SelectArticles(true) + std::string(where);
  WARTA_ASSIGN_OR_RETURN(auto st, c.Prepare(sql));
  std::string name;
  if (const auto* id = std::get_if<std::int64_t>(&key)) {
    st.Bind(1, *id);
    name = std::to_string(*id);
  } else {
    name = std::get<std::string_view>(key);
    st.Bind(1, name);
  }
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row)
    return Status::NotFound("article " + name)
        .WithReason("not_found", {{"what", "article"}});
  std::vector<Article> one{ReadArticle(st)};
  WARTA_RETURN_IF_ERROR(LoadArticleLinks(c, one));
  return std::move(one[0]);
}

Status SqliteStore::LoadArticleLinks(Connection& c,
                                     std::vector<Article>& articles) {
  if (articles.empty()) return Status::Ok();
  std::map<std::int64_t, Article*> by_id;
  std::vector<std::int64_t> id_list;
  for (Article& a : articles) {
    by_id[a.id] = &a;
    id_list.push_back(a.id);
  }
  // One article (a save reads its article back) by the links' key; several
  // by one bound JSON array, so the SQL text stays the same for every call.
  const bool one = articles.size() == 1;
  const std::string ids = one ? std::string() : JsonArray(id_list);
  auto bind_ids = [&](Statement& st) {
    if (one) {
      st.Bind(1, articles[0].id);
    } else {
      st.Bind(1, ids);
    }
  };
  {
    static const std::string kSql[2] = {
        "SELECT aa.article_id, u.id, u.slug, u.name, u.bio "
        "FROM article_authors aa JOIN authors u ON u.id = aa.author_id "
        "WHERE aa.article_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY aa.article_id, aa.position",
        "SELECT aa.article_id, u.id, u.slug, u.name, u.bio "
        "FROM article_authors aa JOIN authors u ON u.id = aa.author_id "
        "WHERE aa.article_id = ? ORDER BY aa.position"};
    WARTA_ASSIGN_OR_RETURN(auto st, c.Prepare(kSql[one]));
    bind_ids(st);
    while (true) {
      WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      Author au;
      au.id = st.Int(1);
      au.slug = st.Text(2);
      au.name = st.Text(3);
      au.bio = st.Text(4);
      by_id[st.Int(0)]->authors.push_back(std::move(au));
    }
  }
  {
    static const std::string kSql[2] = {
        "SELECT at.article_id, t.id, t.slug, t.name "
        "FROM article_tags at JOIN tags t ON t.id = at.tag_id "
        "WHERE at.article_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY at.article_id, at.position",
        "SELECT at.article_id, t.id, t.slug, t.name "
        "FROM article_tags at JOIN tags t ON t.id = at.tag_id "
        "WHERE at.article_id = ? ORDER BY at.position"};
    WARTA_ASSIGN_OR_RETURN(auto st, c.Prepare(kSql[one]));
    bind_ids(st);
    while (true) {
      WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      by_id[st.Int(0)]->tags.push_back(Tag{st.Int(1), st.Text(2), st.Text(3)});
    }
  }
  return Status::Ok();
}

Result<Article> SqliteStore::GetArticle(std::int64_t id) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  return LoadArticle(**r, "WHERE a.id = ? AND a.deleted_at IS NULL", id);
}

Result<Article> SqliteStore::GetArticleBySlug(std::string_view slug) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  return LoadArticle(**r, "WHERE a.slug = ? AND a.deleted_at IS NULL", slug);
}

Result<std::int64_t> SqliteStore::FindArticleIdByOldSlug(
    std::string_view slug) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      (*r)->Prepare("SELECT article_id FROM slug_history WHERE slug = ?"));
  st.Bind(1, slug);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("old slug " + std::string(slug));
  return st.Int(0);
}

Result<std::optional<Article>> SqliteStore::FindArticleByImportKey(
    std::string_view import_key) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  auto a = LoadArticle(**r, "WHERE a.import_key = ?", import_key);
  if (a.ok()) return std::optional<Article>(std::move(*a));
  if (a.status().IsNotFound()) return std::optional<Article>();
  return a.status();
}

Result<std::vector<Article>> SqliteStore::LoadArticlesByIds(
    Connection& c, const std::vector<std::int64_t>& ids, bool with_body,
    bool with_links) {
  std::vector<Article> out;
  if (ids.empty()) return out;
  WARTA_ASSIGN_OR_RETURN(
      auto st, c.Prepare((with_body ? SelectArticles(true) : SelectCards()) +
                         "WHERE a.id IN (SELECT value FROM json_each(?)) "
                         "AND a.deleted_at IS NULL"));
  st.Bind(1, JsonArray(ids));
  std::map<std::int64_t, Article> by_id;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    Article a = ReadArticle(st);
    by_id.emplace(a.id, std::move(a));
  }
  for (std::int64_t id : ids) {
    auto it = by_id.find(id);
    if (it != by_id.end()) out.push_back(std::move(it->second));
  }
  if (with_links) WARTA_RETURN_IF_ERROR(LoadArticleLinks(c, out));
  return out;
}

Result<std::vector<Article>> SqliteStore::ListArticles(const ArticleQuery& q) {
  if (auto scope = ListScopeOf(q)) return ListListed(*scope, q);
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  Filter f = BuildFilter(q);
  std::string sql = SelectArticles(q.with_body) + f.sql;
  switch (q.order) {
    case ArticleQuery::Order::kNewest:
      sql += "ORDER BY a.published_at DESC, a.id DESC ";
      break;
    case ArticleQuery::Order::kOldest:
      sql += "ORDER BY a.published_at ASC, a.id ASC ";
      break;
    case ArticleQuery::Order::kRecentlyUpdated:
      sql += "ORDER BY a.updated_at DESC, a.id DESC ";
      break;
  }
  sql += "LIMIT ? OFFSET ?";
  WARTA_ASSIGN_OR_RETURN(auto st, (*r)->Prepare(sql));
  BindFilter(st, f);
  int n = static_cast<int>(f.args.size());
  st.Bind(n + 1, std::clamp(q.limit, 0, 1000));
  st.Bind(n + 2, std::max(q.offset, 0));
  std::vector<Article> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(ReadArticle(st));
  }
  if (q.with_links) WARTA_RETURN_IF_ERROR(LoadArticleLinks(**r, out));
  return out;
}

Result<std::int64_t> SqliteStore::CountArticles(const ArticleQuery& q) {
  if (auto scope = ListScopeOf(q)) return CountListed(*scope, q);
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  Filter f = BuildFilter(q);
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare("SELECT COUNT(*) FROM articles a " + f.sql));
  BindFilter(st, f);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

Result<std::string> SqliteStore::UniqueSlug(Connection& c,
                                            const std::string& wanted,
                                            std::int64_t self_id) {
  WARTA_ASSIGN_OR_RETURN(auto st,
                         c.Prepare("SELECT id FROM articles WHERE slug = ?"));
  for (int n = 1; n < 10000; ++n) {
    std::string candidate = wanted;
    if (n > 1) {
      std::string suffix = "-" + std::to_string(n);
      if (candidate.size() + suffix.size() > kMaxSlugLength)
        candidate.resize(kMaxSlugLength - suffix.size());
      candidate += suffix;
    }
    st.Bind(1, candidate);
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    std::int64_t owner = row ? st.Int(0) : 0;
    st.Reset();
    if (!row || owner == self_id) return candidate;
  }
  return Status::AlreadyExists("no free slug for " + wanted);
}

Status SqliteStore::WriteArticleLinks(Connection& c, std::int64_t id,
                                      const Article& a,
                                      std::optional<Timestamp> feed_at,
                                      Timestamp updated_at, bool fresh,
                                      Article& saved) {
  // What the link insert triggers of 030/034 did before migration 066.
  BatchUpkeep* upkeep = Upkeep();
  // A row inserted by this write has no links yet: no deletes (with their
  // delete triggers) to run.
  if (!fresh) {
    for (const char* sql : {"DELETE FROM article_authors WHERE article_id = ?",
                            "DELETE FROM article_tags WHERE article_id = ?"}) {
      WARTA_ASSIGN_OR_RETURN(auto del, c.Prepare(sql));
      WARTA_RETURN_IF_ERROR(del.Bind(1, id).Run());
    }
  }
  WARTA_ASSIGN_OR_RETURN(auto ins_author,
                         c.Prepare("INSERT INTO article_authors "
                                   "(article_id, author_id, position, feed_at) "
                                   "VALUES (?, ?, ?, ?)"));
  WARTA_ASSIGN_OR_RETURN(
      auto ins_tag, c.Prepare("INSERT INTO article_tags (article_id, tag_id, "
                              "position, feed_at) VALUES (?, ?, ?, ?)"));
  int pos = 0;
  std::vector<std::int64_t> seen;
  for (const Author& au : a.authors) {
    WARTA_ASSIGN_OR_RETURN(std::int64_t author_id, ResolveAuthor(c, au));
    if (std::find(seen.begin(), seen.end(), author_id) != seen.end()) continue;
    seen.push_back(author_id);
    saved.authors.emplace_back().id = author_id;
    WARTA_RETURN_IF_ERROR(ins_author.Bind(1, id)
                              .Bind(2, author_id)
                              .Bind(3, pos++)
                              .Bind(4, feed_at)
                              .Run());
    ins_author.Reset();
    upkeep->FeedChanged('a', author_id);
    if (feed_at) upkeep->Lastmod('a', author_id, updated_at);
  }
  pos = 0;
  seen.clear();
  for (const Tag& t : a.tags) {
    WARTA_ASSIGN_OR_RETURN(std::int64_t tag_id, ResolveTag(c, t));
    if (std::find(seen.begin(), seen.end(), tag_id) != seen.end()) continue;
    seen.push_back(tag_id);
    saved.tags.emplace_back().id = tag_id;
    WARTA_RETURN_IF_ERROR(ins_tag.Bind(1, id)
                              .Bind(2, tag_id)
                              .Bind(3, pos++)
                              .Bind(4, feed_at)
                              .Run());
    ins_tag.Reset();
    upkeep->FeedChanged('t', tag_id);
    if (feed_at) upkeep->Lastmod('t', tag_id, updated_at);
  }
  return Status::Ok();
}

Result<Article> SqliteStore::SaveArticle(const Article& in) {
  return SaveArticleWithRevision(in, nullptr, nullptr);
}

Result<Article> SqliteStore::SaveArticleWithRevision(
    const Article& in, const Revision* rev, const ReviewChange* review) {
  if (in.title.empty()) return Status::InvalidArgument("article has no title");
  std::string wanted = in.slug.empty() ? Slugify(in.title) : in.slug;
  if (!IsValidSlug(wanted)) {
    return Status::InvalidArgument("invalid slug \"" + wanted + "\"");
  }
  std::int64_t id = in.id;
  Article saved;
  Status s = Write([&](Connection& c) -> Status {
    WARTA_RETURN_IF_ERROR(WriteArticleRow(c, in, wanted, id, saved));
    if (review) WARTA_RETURN_IF_ERROR(WriteReviewState(c, id, *review));
    if (!rev) return Status::Ok();
    if (in.id == 0 && rev->user_id != 0) {
      WARTA_ASSIGN_OR_RETURN(
          auto own,
          c.Prepare("UPDATE articles SET created_by = ? WHERE id = ?"));
      WARTA_RETURN_IF_ERROR(own.Bind(1, rev->user_id).Bind(2, id).Run());
    }
    return InsertRevision(c, id, *rev, true);
  });
  if (!s.ok()) return s;
  // What GetArticle(id) would read back, from what the write stored
  // (conformance: SavedArticleIsWhatGetArticleReads).
  return saved;
}

Status SqliteStore::LoadTaxonomyNames(Connection& c, Article& a) {
  if (a.category) {
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("SELECT slug, name, description FROM categories "
                           "WHERE id = ?"));
    st.Bind(1, a.category->id);
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (row) {
      a.category->slug = st.Text(0);
      a.category->name = st.Text(1);
      a.category->description = st.Text(2);
    } else {
      a.category.reset();
    }
  }
  WARTA_ASSIGN_OR_RETURN(
      auto author,
      c.Prepare("SELECT slug, name, bio FROM authors WHERE id = ?"));
  auto read_author = [&](Author& au) -> Result<bool> {
    author.Bind(1, au.id);
    WARTA_ASSIGN_OR_RETURN(bool row, author.Step());
    if (row) {
      au.slug = author.Text(0);
      au.name = author.Text(1);
      au.bio = author.Text(2);
    }
    author.Reset();
    return row;
  };
  if (a.editor) {
    WARTA_ASSIGN_OR_RETURN(bool row, read_author(*a.editor));
    if (row) {
      a.editor->bio.clear();  // an article's editor is read without it
    } else {
      a.editor.reset();
    }
  }
  std::vector<Author> authors;
  for (Author& au : a.authors) {
    WARTA_ASSIGN_OR_RETURN(bool row, read_author(au));
    if (row) authors.push_back(std::move(au));
  }
  a.authors = std::move(authors);
  WARTA_ASSIGN_OR_RETURN(auto tag,
                         c.Prepare("SELECT slug, name FROM tags WHERE id = ?"));
  std::vector<Tag> tags;
  for (Tag& t : a.tags) {
    tag.Bind(1, t.id);
    WARTA_ASSIGN_OR_RETURN(bool row, tag.Step());
    if (row) tags.push_back(Tag{t.id, tag.Text(0), tag.Text(1)});
    tag.Reset();
  }
  a.tags = std::move(tags);
  return Status::Ok();
}

Status SqliteStore::WriteArticleRow(Connection& c, const Article& in,
                                    const std::string& wanted, std::int64_t& id,
                                    Article& saved) {
  {
    Timestamp now = clock_.Now();
    std::optional<std::int64_t> category_id;
    if (in.category) {
      WARTA_ASSIGN_OR_RETURN(category_id, ResolveCategory(c, *in.category));
    }
    std::optional<std::int64_t> editor_id;
    if (in.editor) {
      WARTA_ASSIGN_OR_RETURN(editor_id, ResolveAuthor(c, *in.editor));
    }
    std::string old_slug;
    std::int64_t version = 1;
    Timestamp created_at = now;
    // Updates and corrections (migration 047): kept here, from the row
    // as it was.
    std::optional<Timestamp> modified_at, correction_at, withdrawn_at;
    bool new_correction = !in.correction.empty();
    const bool published = in.status == ArticleStatus::kPublished;
    if (new_correction) correction_at = now;
    if (id != 0) {
      WARTA_ASSIGN_OR_RETURN(
          auto cur,
          c.Prepare("SELECT slug, version, created_at, status, title, "
                    "custom_excerpt, body, modified_at, correction, "
                    "correction_at, withdrawn_at FROM articles "
                    "WHERE id = ? AND deleted_at IS NULL"));
      cur.Bind(1, id);
      WARTA_ASSIGN_OR_RETURN(bool row, cur.Step());
      if (!row)
        return Status::NotFound("article " + std::to_string(id))
            .WithReason("not_found", {{"what", "article"}});
      old_slug = cur.Text(0);
      std::int64_t stored = cur.Int(1);
      created_at = cur.Int(2);
      const bool was_published = cur.Text(3) == "published";
      modified_at = cur.OptInt(7);
      if (was_published && published &&
          (cur.Text(4) != in.title || cur.Text(5) != in.custom_excerpt ||
           cur.Text(6) != in.body)) {
        modified_at = now;
      }
      if (in.correction == cur.Text(8)) {
        new_correction = false;
        correction_at = cur.OptInt(9);
      }
      withdrawn_at = cur.OptInt(10);
      if (was_published && !published) withdrawn_at = now;
      if (stored != in.version) {
        return Status::Conflict("article " + std::to_string(id) +
                                " is at version " + std::to_string(stored) +
                                ", not " + std::to_string(in.version))
            .WithReason("version_conflict");
      }
      version = stored + 1;
    }
    WARTA_ASSIGN_OR_RETURN(std::string slug, UniqueSlug(c, wanted, id));
    {
      // A live slug wins over another article's old one.
      WARTA_ASSIGN_OR_RETURN(
          auto del, c.Prepare("DELETE FROM slug_history WHERE slug = ?"));
      WARTA_RETURN_IF_ERROR(del.Bind(1, slug).Run());
    }
    std::string_view sql =
        id == 0
            ? "INSERT INTO articles (slug, title, custom_excerpt, body, html, "
              "plaintext, dateline_city, dateline_outlet, source, source_url, "
              "category_id, editor_id, feature_image, feature_image_alt, "
              "feature_image_caption, status, published_at, created_at, "
              "updated_at, word_count, reading_time, version, import_key, "
              "noindex, no_ai, featured, modified_at, correction, "
              "correction_at, withdrawn_at, withdrawn_reason, pending_tags, "
              "feature_image_credit, feature_image_focal_x, "
              "feature_image_focal_y, meta_title, meta_description, "
              "live_report) "
              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
              "?,?,?,?,?,?,?,?,?,?)"
            : "UPDATE articles SET slug=?, title=?, custom_excerpt=?, body=?, "
              "html=?, plaintext=?, dateline_city=?, dateline_outlet=?, "
              "source=?, source_url=?, category_id=?, editor_id=?, "
              "feature_image=?, feature_image_alt=?, feature_image_caption=?, "
              "status=?, published_at=?, created_at=?, updated_at=?, "
              "word_count=?, reading_time=?, version=?, import_key=?, "
              "noindex=?, no_ai=?, featured=?, modified_at=?, correction=?, "
              "correction_at=?, withdrawn_at=?, withdrawn_reason=?, "
              "pending_tags=?, feature_image_credit=?, "
              "feature_image_focal_x=?, feature_image_focal_y=?, "
              "meta_title=?, meta_description=?, live_report=? WHERE id=?";
    WARTA_ASSIGN_OR_RETURN(auto st, c.Prepare(sql));
    int i = 1;
    auto bind = [&](const auto& v) { st.Bind(i++, v); };
    bind(slug);
    bind(in.title);
    bind(in.custom_excerpt);
    bind(in.body);
    // Packed against the body when that is smaller (derived_text.h).
    bool plaintext_packed = false;
    TextPacker packer(in.body);
    for (const std::string* text : {&in.html, &in.plaintext}) {
      if (std::optional<std::string> packed = packer.Pack(*text)) {
        st.BindBlob(i++, *packed);
        plaintext_packed = text == &in.plaintext;
      } else {
        bind(*text);
      }
    }
    bind(in.dateline_city);
    bind(in.dateline_outlet);
    bind(in.source);
    bind(in.source_url);
    bind(category_id);
    bind(editor_id);
    bind(in.feature_image);
    bind(in.feature_image_alt);
    bind(in.feature_image_caption);
    bind(ArticleStatusName(in.status));
    // A published article always has its publication time.
    std::optional<Timestamp> published_at = in.published_at;
    if (!published_at && in.status == ArticleStatus::kPublished) {
      published_at = now;
    }
    bind(published_at);
    bind(created_at);
    bind(now);
    bind(in.word_count);
    bind(in.reading_time);
    bind(version);
    if (in.import_key.empty()) {
      st.BindNull(i++);
    } else {
      bind(in.import_key);
    }
    bind(in.noindex ? 1 : 0);
    bind(in.no_ai ? 1 : 0);
    bind(in.featured ? 1 : 0);
    if (published) withdrawn_at.reset();
    bind(modified_at);
    bind(in.correction);
    bind(correction_at);
    bind(withdrawn_at);
    bind(published ? std::string() : in.withdrawn_reason);
    const std::string pending_tags = StoredPendingTags(in.pending_tags);
    bind(pending_tags);
    bind(in.feature_image_credit);
    bind(FocalPerMille(in.feature_image_focal_x));
    bind(FocalPerMille(in.feature_image_focal_y));
    bind(in.meta_title);
    bind(in.meta_description);
    bind(in.live_report ? 1 : 0);
    if (id != 0) st.Bind(i++, id);
    WARTA_RETURN_IF_ERROR(st.Run());
    if (id == 0) {
      id = c.LastInsertId();
      // What the insert triggers of 030/032/034 did before migration 066.
      if (BatchUpkeep* upkeep = Upkeep(); published) {
        upkeep->FeedChanged('s');
        if (category_id) {
          upkeep->FeedChanged('c', *category_id);
          upkeep->Lastmod('c', *category_id, now);
        }
        if (!in.noindex && published_at) upkeep->MonthGains(*published_at, now);
      }
    }
    if (plaintext_packed) {
      // The card triggers cannot unpack it (migration 069).
      WARTA_ASSIGN_OR_RETURN(
          auto head, c.Prepare("UPDATE article_cards SET plaintext_head = ? "
                               "WHERE id = ?"));
      WARTA_RETURN_IF_ERROR(
          head.Bind(1, CardHead(in.plaintext)).Bind(2, id).Run());
    }
    if (new_correction) {
      WARTA_ASSIGN_OR_RETURN(
          auto log, c.Prepare("INSERT INTO corrections (article_id, text, "
                              "created_at) VALUES (?, ?, ?)"));
      WARTA_RETURN_IF_ERROR(
          log.Bind(1, id).Bind(2, in.correction).Bind(3, now).Run());
    }
    if (!old_slug.empty() && old_slug != slug) {
      WARTA_ASSIGN_OR_RETURN(
          auto hist,
          c.Prepare("INSERT INTO slug_history (slug, article_id, created_at) "
                    "VALUES (?, ?, ?) ON CONFLICT (slug) DO UPDATE SET "
                    "article_id = excluded.article_id"));
      WARTA_RETURN_IF_ERROR(
          hist.Bind(1, old_slug).Bind(2, id).Bind(3, now).Run());
    }
    WARTA_RETURN_IF_ERROR(LogArticleChange(c, id));
    // The row as ReadArticle reads it back: every field of Article is a
    // column written as given, except what this write decided, set here.
    // The links and their names come below.
    saved = in;
    saved.id = id;
    saved.slug = slug;
    saved.category.reset();
    if (category_id) saved.category.emplace().id = *category_id;
    saved.editor.reset();
    if (editor_id) saved.editor.emplace().id = *editor_id;
    saved.authors.clear();
    saved.tags.clear();
    saved.published_at = published_at;
    saved.created_at = created_at;
    saved.updated_at = now;
    saved.version = version;
    saved.modified_at = modified_at;
    saved.correction_at = correction_at;
    saved.withdrawn_at = withdrawn_at;
    if (published) saved.withdrawn_reason.clear();
    saved.pending_tags = PendingTagsOf(pending_tags);
    saved.feature_image_focal_x =
        static_cast<double>(FocalPerMille(in.feature_image_focal_x)) / 1000.0;
    saved.feature_image_focal_y =
        static_cast<double>(FocalPerMille(in.feature_image_focal_y)) / 1000.0;
    // The links' feed_at (migration 033): the article's published_at while
    // it is published (a saved article is never in the trash).
    WARTA_RETURN_IF_ERROR(
        WriteArticleLinks(c, id, in, published ? published_at : std::nullopt,
                          now, in.id == 0, saved));
    return LoadTaxonomyNames(c, saved);
  }
}

Status SqliteStore::DeleteArticle(std::int64_t id) {
  return Write([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(auto st,
                           c.Prepare("DELETE FROM articles WHERE id = ?"));
    WARTA_RETURN_IF_ERROR(st.Bind(1, id).Run());
    if (c.Changes() == 0)
      return Status::NotFound("article " + std::to_string(id))
          .WithReason("not_found", {{"what", "article"}});
    return LogArticleChange(c, id);
  });
}

Result<std::vector<ArticleChange>> SqliteStore::ArticleChangesSince(
    std::int64_t after_seq, int limit) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      // `+article_id`: read the log's tail along the (seq, article_id) key.
      // Grouping along the by-article index instead walked every change
      // ever logged on each poll (22% of a serving node's CPU at 1M).
      (*r)->Prepare("SELECT MAX(seq), article_id, MAX(changed_at) "
                    "FROM article_changes WHERE seq > ? "
                    "GROUP BY +article_id ORDER BY MAX(seq) LIMIT ?"));
  st.Bind(1, after_seq).Bind(2, std::clamp(limit, 1, 100000));
  std::vector<ArticleChange> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(ArticleChange{st.Int(0), st.Int(1), st.Int(2)});
  }
  return out;
}

Result<std::vector<Article>> SqliteStore::ScanPublishedArticles(
    std::int64_t after_id, int limit) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      // `+a.status`: walk the rowid range. With the status index the
      // planner read every published article and sorted them on each call,
      // which made a full index build quadratic (82 articles/s at 1M).
      (*r)->Prepare(SelectArticles(true) +
                    "WHERE a.id > ? AND +a.status = 'published' AND "
                    "a.deleted_at IS NULL ORDER BY a.id LIMIT ?"));
  st.Bind(1, after_id).Bind(2, std::clamp(limit, 1, 1000));
  std::vector<Article> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(ReadArticle(st));
  }
  WARTA_RETURN_IF_ERROR(LoadArticleLinks(**r, out));
  return out;
}

}  // namespace warta::sqlite
