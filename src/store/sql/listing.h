// The public article lists kept at write time (sqlite migration 040,
// listing_rows.h): which queries they answer and their page keys. Shared
// by both SQL backends.
#ifndef WARTA_STORE_SQL_LISTING_H_
#define WARTA_STORE_SQL_LISTING_H_

#include <cstdint>
#include <optional>
#include <string>

#include "store/article_store.h"

namespace warta::sql {

// listing.kind
inline constexpr int kListAll = 0;
inline constexpr int kListCategory = 1;
inline constexpr int kListTag = 2;
inline constexpr int kListAuthor = 3;

struct ListScope {
  int kind = kListAll;
  std::int64_t subject = 0;
  // listing_counts answer its count (no excluded ids, no lower date bound);
  // otherwise CountListed counts the list's rows in the range.
  bool countable = true;
};

// The list that answers `q` (published articles, newest or oldest first, of
// all, one category, tag or author), or nullopt: the query reads articles.
inline std::optional<ListScope> ListScopeOf(const ArticleQuery& q);

// The page key of a list: "all", "c:ID", "t:ID", "u:ID".
inline std::string ListKey(int kind, std::int64_t subject);

inline std::string ListKey(int kind, std::int64_t subject) {
  switch (kind) {
    case kListCategory:
      return "c:" + std::to_string(subject);
    case kListTag:
      return "t:" + std::to_string(subject);
    case kListAuthor:
      return "u:" + std::to_string(subject);
    default:
      return "all";
  }
}

inline std::optional<ListScope> ListScopeOf(const ArticleQuery& q) {
  if (q.status != ArticleStatus::kPublished || q.trashed ||
      !q.title_contains.empty() || !q.review_state.empty() ||
      q.owner_user_id != 0 || q.order == ArticleQuery::Order::kRecentlyUpdated)
    return std::nullopt;
  int subjects = (q.category_id != 0) + (q.tag_id != 0) + (q.author_id != 0);
  if (subjects > 1) return std::nullopt;
  // A cluster's earliest member may fall outside a date range: only the
  // article rows know which member such a list shows.
  if (q.published_after && q.one_per_duplicate_cluster) return std::nullopt;
  ListScope s;
  s.countable = q.exclude_ids.empty() && !q.published_after;
  if (q.category_id) {
    s.kind = kListCategory;
    s.subject = q.category_id;
  } else if (q.tag_id) {
    s.kind = kListTag;
    s.subject = q.tag_id;
  } else if (q.author_id) {
    s.kind = kListAuthor;
    s.subject = q.author_id;
  }
  return s;
}

}  // namespace warta::sql

#endif  // WARTA_STORE_SQL_LISTING_H_
