// Both SQL backends' stored feeds (migration 034 and its PostgreSQL twin):
// the feed_versions key of a scope, the SQL of a scope's current version,
// and one feed_documents row's values bound to an insert.
#ifndef WARTA_STORE_SQL_STORED_FEED_SQL_H_
#define WARTA_STORE_SQL_STORED_FEED_SQL_H_

#include <charconv>
#include <string>
#include <string_view>

#include "store/distribution_store.h"

namespace warta::sql {

// The feed_versions key of a scope: 's', 'c12', 't7', 'a3'.
inline std::string ScopeKey(const FeedScope& scope) {
  if (!scope.kind) return "s";
  switch (*scope.kind) {
    case TaxonomyKind::kCategory:
      return "c" + std::to_string(scope.id);
    case TaxonomyKind::kTag:
      return "t" + std::to_string(scope.id);
    case TaxonomyKind::kAuthor:
      return "a" + std::to_string(scope.id);
  }
  return "s";
}

inline FeedScope ParseScopeKey(std::string_view key) {
  FeedScope scope;
  if (key.empty() || key == "s") return scope;
  switch (key[0]) {
    case 'c':
      scope.kind = TaxonomyKind::kCategory;
      break;
    case 't':
      scope.kind = TaxonomyKind::kTag;
      break;
    case 'a':
      scope.kind = TaxonomyKind::kAuthor;
      break;
    default:
      return scope;
  }
  // Keys are written by ScopeKey only; an unreadable id stays 0.
  std::from_chars(key.data() + 1, key.data() + key.size(), scope.id);
  return scope;
}

// SQL for the current version of the scope that `scope_sql` names.
inline std::string VersionOf(std::string_view scope_sql) {
  return "(COALESCE((SELECT version FROM feed_versions WHERE scope = " +
         std::string(scope_sql) +
         "), 0) + COALESCE((SELECT version FROM feed_versions WHERE scope = "
         "'g'), 0))";
}

// Binds `feed` to an insert of the feed_documents columns (key, scope,
// fingerprint, version, last_modified, valid_until, body_gzip, body_brotli).
template <typename Statement>
Statement& BindStoredFeed(Statement& st, const StoredFeed& feed) {
  st.Bind(1, feed.key)
      .Bind(2, ScopeKey(feed.scope))
      .Bind(3, feed.fingerprint)
      .Bind(4, feed.version)
      .Bind(5, feed.last_modified)
      .Bind(6, feed.valid_until)
      .BindBlob(7, feed.body_gzip)
      .BindBlob(8, feed.body_brotli);
  return st;
}

}  // namespace warta::sql

#endif  // WARTA_STORE_SQL_STORED_FEED_SQL_H_
