// The public article lists kept at write time (migration 040,
// listing_rows.cc): which queries they answer and their page keys.
#ifndef WARTA_STORE_POSTGRES_LISTING_H_
#define WARTA_STORE_POSTGRES_LISTING_H_

#include <cstdint>
#include <optional>
#include <string>

#include "store/article_store.h"

namespace warta::pg {

// listing.kind
inline constexpr int kListAll = 0;
inline constexpr int kListCategory = 1;
inline constexpr int kListTag = 2;
inline constexpr int kListAuthor = 3;

struct ListScope {
  int kind = kListAll;
  std::int64_t subject = 0;
  // listing_counts answer its count (no excluded ids, no lower date bound).
  bool countable = true;
};

// The list that answers `q` (published articles, newest or oldest first, of
// all, one category, tag or author), or nullopt: the query reads articles.
std::optional<ListScope> ListScopeOf(const ArticleQuery& q);

// The page key of a list: "all", "c:ID", "t:ID", "u:ID".
std::string ListKey(int kind, std::int64_t subject);

}  // namespace warta::pg

#endif  // WARTA_STORE_POSTGRES_LISTING_H_
