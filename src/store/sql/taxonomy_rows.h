// Rows (store/sql/rows.h), both SQL backends: categories, tags and authors.
#include "content/slug.h"
#include "store/sql/listing.h"
#include "store/sql/rows.h"

namespace warta::sql {
namespace {

// Finds the id of the row in `table` with this slug, or 0.
Result<std::int64_t> IdBySlug(auto& c, std::string_view table,
                              const std::string& slug) {
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      c.Prepare("SELECT id FROM " + std::string(table) + " WHERE slug = ?"));
  st.Bind(1, slug);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

// The slug a taxonomy entry should have: its own, else one from its name.
Result<std::string> EntrySlug(std::string_view kind, const std::string& slug,
                              const std::string& name) {
  std::string s = slug.empty() ? Slugify(name) : slug;
  if (!IsValidSlug(s)) {
    return Status::InvalidArgument(std::string(kind) + " \"" + name +
                                   "\" has no usable slug");
  }
  return s;
}

}  // namespace

template <typename Core>
Result<std::int64_t> Rows<Core>::ResolveCategory(Connection& c,
                                                 const Category& cat) {
  if (cat.id != 0) return cat.id;
  WARTA_ASSIGN_OR_RETURN(std::string slug,
                         EntrySlug("category", cat.slug, cat.name));
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdBySlug(c, "categories", slug));
  if (id) return id;
  WARTA_ASSIGN_OR_RETURN(
      auto st, c.Prepare("INSERT INTO categories (slug, name, "
                         "description, created_at) VALUES (?, ?, ?, ?)"));
  WARTA_RETURN_IF_ERROR(st.Bind(1, slug)
                            .Bind(2, cat.name)
                            .Bind(3, cat.description)
                            .Bind(4, clock_.Now())
                            .Run());
  return c.LastInsertId();
}

template <typename Core>
Result<std::int64_t> Rows<Core>::ResolveTag(Connection& c, const Tag& tag) {
  if (tag.id != 0) return tag.id;
  WARTA_ASSIGN_OR_RETURN(std::string slug,
                         EntrySlug("tag", tag.slug, tag.name));
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdBySlug(c, "tags", slug));
  if (id) return id;
  WARTA_ASSIGN_OR_RETURN(auto st,
                         c.Prepare("INSERT INTO tags (slug, name, created_at) "
                                   "VALUES (?, ?, ?)"));
  WARTA_RETURN_IF_ERROR(
      st.Bind(1, slug).Bind(2, tag.name).Bind(3, clock_.Now()).Run());
  return c.LastInsertId();
}

// A byline by name (imports, wire ingestion, the batch writers) is an
// author no account writes as: an author linked to an account (users.
// author_id) is reached only by its id, never by a name that slugifies the
// same (F6, issue 15: wire copy bylined "Redaksi" would otherwise belong to
// a penulis named "Redaksi"). Takes the first of slug, slug-2, slug-3, ...
// that is free or an author of no account.
template <typename Core>
Result<std::int64_t> Rows<Core>::ResolveAuthor(Connection& c,
                                               const Author& au) {
  if (au.id != 0) return au.id;
  WARTA_ASSIGN_OR_RETURN(std::string base,
                         EntrySlug("author", au.slug, au.name));
  WARTA_ASSIGN_OR_RETURN(
      auto find,
      c.Prepare("SELECT id, (SELECT COUNT(*) FROM users WHERE "
                "users.author_id = authors.id) FROM authors WHERE slug = ?"));
  std::string slug = base;
  for (int n = 2;; ++n) {
    find.Bind(1, slug);
    WARTA_ASSIGN_OR_RETURN(bool row, find.Step());
    const std::int64_t id = row ? find.Int(0) : 0;
    const bool linked = row && find.Int(1) != 0;
    find.Reset();
    if (row && !linked) return id;
    if (!row) break;
    slug = base + "-" + std::to_string(n);
  }
  WARTA_ASSIGN_OR_RETURN(
      auto st, c.Prepare("INSERT INTO authors (slug, name, bio, email, "
                         "created_at) VALUES (?, ?, ?, ?, ?)"));
  WARTA_RETURN_IF_ERROR(st.Bind(1, slug)
                            .Bind(2, au.name)
                            .Bind(3, au.bio)
                            .Bind(4, au.email)
                            .Bind(5, clock_.Now())
                            .Run());
  return c.LastInsertId();
}

template <typename Core>
Result<Category> Rows<Core>::SaveCategory(const Category& in) {
  Category out = in;
  WARTA_ASSIGN_OR_RETURN(out.slug, EntrySlug("category", in.slug, in.name));
  Status s = Write([&](Connection& c) -> Status {
    if (in.id == 0) {
      WARTA_ASSIGN_OR_RETURN(
          auto st, c.Prepare("INSERT INTO categories (slug, name, "
                             "description, created_at) VALUES (?, ?, ?, ?)"));
      WARTA_RETURN_IF_ERROR(st.Bind(1, out.slug)
                                .Bind(2, in.name)
                                .Bind(3, in.description)
                                .Bind(4, clock_.Now())
                                .Run());
      out.id = c.LastInsertId();
      return Status::Ok();
    }
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("UPDATE categories SET slug = ?, name = ?, "
                           "description = ? WHERE id = ?"));
    WARTA_RETURN_IF_ERROR(st.Bind(1, out.slug)
                              .Bind(2, in.name)
                              .Bind(3, in.description)
                              .Bind(4, in.id)
                              .Run());
    if (c.Changes() == 0)
      return Status::NotFound("category " + std::to_string(in.id));
    NoteChangedKey("site");  // its name shows in the navigation and cards
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

template <typename Core>
Result<Category> Rows<Core>::GetCategoryBySlug(std::string_view slug) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(auto st,
                         (*r)->Prepare("SELECT id, slug, name, description "
                                       "FROM categories WHERE slug = ?"));
  st.Bind(1, slug);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("category " + std::string(slug));
  return Category{st.Int(0), st.Text(1), st.Text(2), st.Text(3)};
}

template <typename Core>
Result<std::vector<Counted<Category>>> Rows<Core>::ListCategories() {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      (*r)->Prepare(
          "SELECT id, slug, name, description, COALESCE((SELECT n FROM "
          "listing_counts WHERE kind = 1 AND subject_id = categories.id), 0) "
          "FROM categories ORDER BY name"));
  std::vector<Counted<Category>> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(
        {Category{st.Int(0), st.Text(1), st.Text(2), st.Text(3)}, st.Int(4)});
  }
  return out;
}

template <typename Core>
Result<Tag> Rows<Core>::SaveTag(const Tag& in) {
  Tag out = in;
  WARTA_ASSIGN_OR_RETURN(out.slug, EntrySlug("tag", in.slug, in.name));
  Status s = Write([&](Connection& c) -> Status {
    if (in.id == 0) {
      WARTA_ASSIGN_OR_RETURN(
          auto st, c.Prepare("INSERT INTO tags (slug, name, created_at) "
                             "VALUES (?, ?, ?)"));
      WARTA_RETURN_IF_ERROR(
          st.Bind(1, out.slug).Bind(2, in.name).Bind(3, clock_.Now()).Run());
      out.id = c.LastInsertId();
      return Status::Ok();
    }
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("UPDATE tags SET slug = ?, name = ? WHERE id = ?"));
    WARTA_RETURN_IF_ERROR(
        st.Bind(1, out.slug).Bind(2, in.name).Bind(3, in.id).Run());
    if (c.Changes() == 0)
      return Status::NotFound("tag " + std::to_string(in.id));
    NoteChangedKey("site");
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

template <typename Core>
Result<Tag> Rows<Core>::GetTagBySlug(std::string_view slug) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare("SELECT id, slug, name FROM tags WHERE slug = ?"));
  st.Bind(1, slug);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("tag " + std::string(slug));
  return Tag{st.Int(0), st.Text(1), st.Text(2)};
}

template <typename Core>
Result<std::vector<Counted<Tag>>> Rows<Core>::ListTags() {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      (*r)->Prepare("SELECT t.id, t.slug, t.name, COALESCE((SELECT n FROM "
                    "listing_counts WHERE kind = 2 AND subject_id = t.id), 0) "
                    "FROM tags t ORDER BY t.name"));
  std::vector<Counted<Tag>> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back({Tag{st.Int(0), st.Text(1), st.Text(2)}, st.Int(3)});
  }
  return out;
}

template <typename Core>
Result<std::int64_t> Rows<Core>::RetireTag(Connection& c, std::int64_t from,
                                           std::int64_t into) {
  // Not inside a write batch: a merge was never an import's, and an SQLite
  // batch sums its listing counts (migration 059) where this was not tried.
  if (DefersUpkeepHere())
    return Status::FailedPrecondition("not available inside a write batch");
  WARTA_ASSIGN_OR_RETURN(auto exists,
                         c.Prepare("SELECT 1 FROM tags WHERE id = ?"));
  for (std::int64_t id : {from, into}) {
    if (id == 0) continue;
    exists.Bind(1, id);
    WARTA_ASSIGN_OR_RETURN(bool row, exists.Step());
    exists.Reset();
    if (!row) return Status::NotFound("tag " + std::to_string(id));
  }
  std::vector<std::int64_t> ids;
  {
    WARTA_ASSIGN_OR_RETURN(
        auto st,
        c.Prepare("SELECT article_id FROM article_tags WHERE tag_id = ?"));
    st.Bind(1, from);
    while (true) {
      WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      ids.push_back(st.Int(0));
    }
  }
  if (into != 0) {
    // A copied link keeps its feed time: it is the same article's.
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("INSERT INTO article_tags (article_id, tag_id, "
                           "position, feed_at) SELECT article_id, ?, "
                           "position, feed_at FROM article_tags WHERE "
                           "tag_id = ? ON CONFLICT (article_id, tag_id) DO "
                           "NOTHING"));
    WARTA_RETURN_IF_ERROR(st.Bind(1, into).Bind(2, from).Run());
    WARTA_RETURN_IF_ERROR(TagLinksCopied(c, into));
  }
  for (const char* sql :
       {"DELETE FROM article_tags WHERE tag_id = ?",
        "DELETE FROM taxonomy_lastmod WHERE kind = 't' AND taxonomy_id = ?",
        "DELETE FROM tags WHERE id = ?"}) {
    WARTA_ASSIGN_OR_RETURN(auto st, c.Prepare(sql));
    WARTA_RETURN_IF_ERROR(st.Bind(1, from).Run());
  }
  WARTA_ASSIGN_OR_RETURN(
      auto bump,
      c.Prepare("UPDATE articles SET version = version + 1 WHERE id = ?"));
  for (std::int64_t id : ids) {
    WARTA_RETURN_IF_ERROR(bump.Bind(1, id).Run());
    bump.Reset();
    WARTA_RETURN_IF_ERROR(LogArticleChange(c, id));
  }
  // The tag's own page goes even when it listed nothing published.
  NoteChangedKey(ListKey(kListTag, from));
  return static_cast<std::int64_t>(ids.size());
}

template <typename Core>
Result<std::int64_t> Rows<Core>::MergeTag(std::int64_t from,
                                          std::int64_t into) {
  if (from == into)
    return Status::InvalidArgument("into: a tag cannot be merged into itself")
        .WithField("into");
  if (into == 0) return Status::NotFound("tag 0");
  std::int64_t moved = 0;
  WARTA_RETURN_IF_ERROR(Write([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(moved, RetireTag(c, from, into));
    return Status::Ok();
  }));
  return moved;
}

template <typename Core>
Result<std::int64_t> Rows<Core>::DeleteTag(std::int64_t id) {
  if (id == 0) return Status::NotFound("tag 0");
  std::int64_t removed = 0;
  WARTA_RETURN_IF_ERROR(Write([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(removed, RetireTag(c, id, 0));
    return Status::Ok();
  }));
  return removed;
}

template <typename Core>
Result<Author> Rows<Core>::SaveAuthor(const Author& in) {
  Author out = in;
  WARTA_ASSIGN_OR_RETURN(out.slug, EntrySlug("author", in.slug, in.name));
  Status s = Write([&](Connection& c) -> Status {
    if (in.id == 0) {
      WARTA_ASSIGN_OR_RETURN(
          auto st, c.Prepare("INSERT INTO authors (slug, name, bio, email, "
                             "created_at) VALUES (?, ?, ?, ?, ?)"));
      WARTA_RETURN_IF_ERROR(st.Bind(1, out.slug)
                                .Bind(2, in.name)
                                .Bind(3, in.bio)
                                .Bind(4, in.email)
                                .Bind(5, clock_.Now())
                                .Run());
      out.id = c.LastInsertId();
      return Status::Ok();
    }
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("UPDATE authors SET slug = ?, name = ?, bio = ?, "
                           "email = ? WHERE id = ?"));
    WARTA_RETURN_IF_ERROR(st.Bind(1, out.slug)
                              .Bind(2, in.name)
                              .Bind(3, in.bio)
                              .Bind(4, in.email)
                              .Bind(5, in.id)
                              .Run());
    if (c.Changes() == 0)
      return Status::NotFound("author " + std::to_string(in.id));
    NoteChangedKey("site");
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

template <typename Core>
Result<Author> Rows<Core>::GetAuthorBySlug(std::string_view slug) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(auto st,
                         (*r)->Prepare("SELECT id, slug, name, bio, email "
                                       "FROM authors WHERE slug = ?"));
  st.Bind(1, slug);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("author " + std::string(slug));
  Author a;
  a.id = st.Int(0);
  a.slug = st.Text(1);
  a.name = st.Text(2);
  a.bio = st.Text(3);
  a.email = st.Text(4);
  return a;
}

template <typename Core>
Result<std::vector<Counted<Author>>> Rows<Core>::ListAuthors() {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      (*r)->Prepare(
          "SELECT u.id, u.slug, u.name, u.bio, COALESCE((SELECT n FROM "
          "listing_counts WHERE kind = 3 AND subject_id = u.id), 0) "
          "FROM authors u ORDER BY u.name"));
  std::vector<Counted<Author>> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    Author a;
    a.id = st.Int(0);
    a.slug = st.Text(1);
    a.name = st.Text(2);
    a.bio = st.Text(3);
    out.push_back({std::move(a), st.Int(4)});
  }
  return out;
}

}  // namespace warta::sql
