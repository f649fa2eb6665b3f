// The public article lists kept at write time (sqlite migration 040,
// listing_rows.h): which queries they answer and their page keys. Shared
// by both SQL backends.
#ifndef WARTA_STORE_SQL_LISTING_H_
#define WARTA_STORE_SQL_LISTING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

// listing_months (sqlite migration 068, postgres 011) counts each list's
// rows per span of kListingMonthSeconds of published_at (a "month":
// floor(published_at / 30 days)), kept at write time as listing_counts is,
// so a deep page skips whole months by their counts instead of stepping
// over every entry before it (ListListed).
inline constexpr std::int64_t kListingMonthSeconds = 30 * 86400;

// The month of `t`: floor division, so a month's rows are exactly those
// with published_at in [month * kListingMonthSeconds, next month's start).
inline constexpr std::int64_t ListingMonth(std::int64_t t) {
  std::int64_t m = t / kListingMonthSeconds;
  return (t % kListingMonthSeconds < 0) ? m - 1 : m;
}

// The same in SQL of an integer column (SQLite and PostgreSQL alike: both
// truncate / and give % the dividend's sign).
inline std::string ListingMonthSql(const std::string& column) {
  const std::string w = std::to_string(kListingMonthSeconds);
  return "((" + column + " - ((" + column + " % " + w + ") + " + w + ") % " +
         w + ") / " + w + ")";
}

// Rows of the maintenance check: (kind, subject_id, month, counted n,
// counted shown, rows held, shown held) of every month whose listing_months
// row disagrees with the listing rows (a missing row counts as 0, 0).
inline std::string ListingMonthsCheckSql() {
  const std::string month = ListingMonthSql("published_at");
  const std::string held =
      "SELECT kind, subject_id, " + month +
      " AS month, COUNT(*) AS n, SUM(CASE WHEN hidden = 0 THEN 1 ELSE 0 END) "
      "AS shown FROM listing GROUP BY kind, subject_id, " +
      month;
  return "SELECT h.kind, h.subject_id, h.month, COALESCE(m.n, 0), "
         "COALESCE(m.shown, 0), h.n, h.shown FROM (" +
         held +
         ") h LEFT JOIN listing_months m ON m.kind = h.kind AND "
         "m.subject_id = h.subject_id AND m.month = h.month WHERE m.n IS NULL "
         "OR m.n <> h.n OR m.shown <> h.shown "
         "UNION ALL "
         "SELECT m.kind, m.subject_id, m.month, m.n, m.shown, 0, 0 FROM "
         "listing_months m WHERE (m.n <> 0 OR m.shown <> 0) AND NOT EXISTS "
         "(SELECT 1 FROM listing l WHERE l.kind = m.kind AND l.subject_id = "
         "m.subject_id AND l.published_at >= m.month * " +
         std::to_string(kListingMonthSeconds) +
         " AND l.published_at < (m.month + 1) * " +
         std::to_string(kListingMonthSeconds) + ")";
}

// Appends to `problems` a line for each month ListingMonthsCheckSql finds
// (the maintenance check of both backends).
Status CheckListingMonths(auto& c, std::vector<std::string>* problems) {
  WARTA_ASSIGN_OR_RETURN(auto st, c.Prepare(ListingMonthsCheckSql()));
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::Ok();
    auto n = [&st](int i) { return std::to_string(st.Int(i)); };
    problems->push_back("listing_months: list " + n(0) + "/" + n(1) +
                        " month " + n(2) + " counts " + n(3) + " (" + n(4) +
                        " shown), holds " + n(5) + " (" + n(6) + " shown)");
  }
}

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
