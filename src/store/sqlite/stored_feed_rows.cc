// SqliteStore: rendered feeds kept in the store and the versions that tell
// when they are stale (migration 034; the triggers there keep the versions).
#include "store/sql/stored_feed_sql.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace warta::sqlite {
using sql::BindStoredFeed;
using sql::ParseScopeKey;
using sql::ScopeKey;
using sql::VersionOf;

Result<std::int64_t> SqliteStore::FeedVersion(const FeedScope& scope) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(auto st, (*r)->Prepare("SELECT " + VersionOf("?1")));
  st.Bind(1, ScopeKey(scope));
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

Result<std::optional<StoredFeed>> SqliteStore::GetStoredFeed(
    std::string_view key) {
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

Status SqliteStore::PutStoredFeeds(const std::vector<StoredFeed>& feeds) {
  if (feeds.empty()) return Status::Ok();
  // Takes the write lock itself: inside this thread's batch it would wait
  // for itself.
  if (InBatchHere())
    return Status::FailedPrecondition("not available inside a write batch");
  std::lock_guard<std::mutex> lock(write_mu_);
  // A stored feed is a cache, written on the request path: no fsync of its
  // own. The next durable commit syncs the WAL with it; a crash before that
  // loses at most these rows (WAL frames carry checksums), never other data.
  WARTA_RETURN_IF_ERROR(writer_->Exec("PRAGMA synchronous=OFF"));
  Status s = InTransaction(*writer_, [&]() -> Status {
    Connection& c = *writer_;
    WARTA_ASSIGN_OR_RETURN(
        auto st,
        c.Prepare(
            "INSERT OR REPLACE INTO feed_documents (key, scope, "
            "fingerprint, version, last_modified, valid_until, body_gzip, "
            "body_brotli) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const StoredFeed& feed : feeds) {
      WARTA_RETURN_IF_ERROR(BindStoredFeed(st, feed).Run());
      st.Reset();
    }
    return Status::Ok();
  });
  Status restored = writer_->Exec("PRAGMA synchronous=" + options_.synchronous);
  return s.ok() ? restored : s;
}

Result<std::optional<Timestamp>> SqliteStore::NextFeedItemTime(
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
  if (scope.kind) st.Bind(1, scope.id);
  st.Bind(2, after);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row || st.IsNull(0)) return std::optional<Timestamp>();
  return std::optional<Timestamp>(st.Int(0));
}

}  // namespace warta::sqlite
