// PgStore: rendered feeds kept in the store and the versions that tell
// when they are stale (migration 034; the triggers there keep the versions).
#include "store/postgres/pg_store_impl.h"
#include "store/sql/stored_feed_sql.h"

namespace warta::pg {
using sql::BindStoredFeed;
using sql::ParseScopeKey;
using sql::ScopeKey;
using sql::VersionOf;

Result<std::int64_t> PgStore::FeedVersion(const FeedScope& scope) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(auto st, (*r)->Prepare("SELECT " + VersionOf("?1")));
  st.Bind(1, ScopeKey(scope));
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

Result<std::optional<StoredFeed>> PgStore::GetStoredFeed(std::string_view key) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare(
                   "SELECT d.scope, d.fingerprint, d.version, "
                   "d.last_modified, d.valid_until, d.body_gzip, d.body_brotli "
                   "FROM "
                   "feed_documents d WHERE d.key = ?1 AND d.version = " +
                   VersionOf("d.scope")));
  st.Bind(1, key);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<StoredFeed>();
  StoredFeed f;
  f.key = std::string(key);
  f.scope = ParseScopeKey(st.Text(0));
  f.fingerprint = st.Text(1);
  f.version = st.Int(2);
  f.last_modified = st.Int(3);
  f.valid_until = st.Int(4);
  f.body_gzip = st.Text(5);
  f.body_brotli = st.Text(6);
  return std::optional<StoredFeed>(std::move(f));
}

Status PgStore::PutStoredFeeds(const std::vector<StoredFeed>& feeds) {
  if (feeds.empty()) return Status::Ok();
  // Takes the write lock itself: inside this thread's batch it would wait
  // for itself.
  if (InBatchHere())
    return Status::FailedPrecondition("not available inside a write batch");
  std::lock_guard<std::mutex> lock(write_mu_);
  WARTA_RETURN_IF_ERROR(EnsureWriter());
  // A stored feed is a cache, written on the request path: its commit does
  // not wait for the WAL flush (a crash may lose these rows, nothing else).
  return InTransaction(*writer_, [&]() -> Status {
    Connection& c = *writer_;
    WARTA_RETURN_IF_ERROR(c.Exec("SET LOCAL synchronous_commit = off"));
    WARTA_ASSIGN_OR_RETURN(
        auto st,
        c.Prepare(
            "INSERT INTO feed_documents (key, scope, "
            "fingerprint, version, last_modified, valid_until, body_gzip, "
            "body_brotli) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) "
            "DO UPDATE SET scope = excluded.scope, fingerprint = "
            "excluded.fingerprint, version = excluded.version, "
            "last_modified = excluded.last_modified, valid_until = "
            "excluded.valid_until, body_gzip = excluded.body_gzip, "
            "body_brotli = excluded.body_brotli"));
    for (const StoredFeed& feed : feeds) {
      WARTA_RETURN_IF_ERROR(BindStoredFeed(st, feed).Run());
      st.Reset();
    }
    return Status::Ok();
  });
}

Result<std::optional<Timestamp>> PgStore::NextFeedItemTime(
    const FeedScope& scope, Timestamp after) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  // Each a seek in an index ordered by publication time.
  std::string sql;
  if (!scope.kind) {
    sql =
        "SELECT MIN(published_at) FROM articles WHERE status = 'published' "
        "AND published_at > ?2 AND deleted_at IS NULL";
  } else {
    switch (*scope.kind) {
      case TaxonomyKind::kCategory:
        sql =
            "SELECT MIN(published_at) FROM articles WHERE category_id = ?1 "
            "AND status = 'published' AND published_at > ?2 AND deleted_at "
            "IS NULL";
        break;
      case TaxonomyKind::kTag:
        sql =
            "SELECT MIN(feed_at) FROM article_tags INDEXED BY "
            "article_tags_feed WHERE tag_id = ?1 AND feed_at IS NOT NULL AND "
            "feed_at > ?2";
        break;
      case TaxonomyKind::kAuthor:
        sql =
            "SELECT MIN(feed_at) FROM article_authors INDEXED BY "
            "article_authors_feed WHERE author_id = ?1 AND feed_at IS NOT "
            "NULL AND feed_at > ?2";
        break;
    }
  }
  WARTA_ASSIGN_OR_RETURN(auto st, (*r)->Prepare(sql));
  // ?1 is bound even where the SQL leaves it out: PostgreSQL must know the
  // type of every parameter.
  st.Bind(1, scope.kind ? scope.id : 0).Bind(2, after);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row || st.IsNull(0)) return std::optional<Timestamp>();
  return std::optional<Timestamp>(st.Int(0));
}

}  // namespace warta::pg
