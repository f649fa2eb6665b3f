// Rows (store/sql/rows.h), both SQL backends: the public article lists kept at
// write time (migration 040) and the page keys each write changed. Every
// Write() ends with FinishWrite: the articles it logged in article_changes (and
// the other members of their near-duplicate clusters) are relisted, and the
// lists whose rows changed are recorded in change_keys with the write's seq.
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "base/strings.h"
#include "store/sql/listing.h"
#include "store/sql/rows.h"

namespace warta::sql {
namespace {

// Keys older than this many writes are pruned; a reader further behind
// drops every cached page.
constexpr std::int64_t kKeepKeysFor = 100000;
// A write that changes more keys than this is recorded as "site".
constexpr std::size_t kMaxKeysPerWrite = 2000;
// The same for a batch (an import's thousand articles and their lists).
constexpr std::size_t kMaxKeysPerBatch = 4000;

struct Row {
  int kind = 0;
  std::int64_t subject = 0;
  std::int64_t published_at = 0;
  bool hidden = false;
  auto List() const { return std::make_pair(kind, subject); }
  bool operator==(const Row& o) const {
    return kind == o.kind && subject == o.subject &&
           published_at == o.published_at && hidden == o.hidden;
  }
};

// An article's place in the lists: whether it is public and which lists.
struct Placement {
  std::int64_t id = 0;
  std::int64_t published_at = 0;
  bool listed = false;  // published, live, with a published_at
  std::vector<std::pair<int, std::int64_t>> lists;
};

// (From the card, Core::kCards: in SQLite the article row keeps these
// columns past its body, html and plain text, in overflow pages.)
template <typename Core>
Result<Placement> PlacementOf(typename Core::Connection& c, std::int64_t id) {
  Placement p;
  p.id = id;
  static const std::string kSql =
      "SELECT published_at, category_id FROM " + std::string(Core::kCards) +
      " WHERE id = ? AND status = 'published' AND deleted_at IS NULL AND "
      "published_at IS NOT NULL";
  WARTA_ASSIGN_OR_RETURN(auto st, c.Prepare(kSql));
  st.Bind(1, id);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return p;
  p.listed = true;
  p.published_at = st.Int(0);
  p.lists.emplace_back(kListAll, 0);
  if (!st.IsNull(1)) p.lists.emplace_back(kListCategory, st.Int(1));
  WARTA_ASSIGN_OR_RETURN(auto tags,
                         c.Prepare("SELECT tag_id FROM article_tags WHERE "
                                   "article_id = ?"));
  tags.Bind(1, id);
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool r, tags.Step());
    if (!r) break;
    p.lists.emplace_back(kListTag, tags.Int(0));
  }
  WARTA_ASSIGN_OR_RETURN(
      auto authors, c.Prepare("SELECT author_id FROM article_authors WHERE "
                              "article_id = ?"));
  authors.Bind(1, id);
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool r, authors.Step());
    if (!r) break;
    p.lists.emplace_back(kListAuthor, authors.Int(0));
  }
  return p;
}

Result<std::vector<Row>> RowsOf(auto& c, std::int64_t id) {
  WARTA_ASSIGN_OR_RETURN(
      auto st, c.Prepare("SELECT kind, subject_id, published_at, hidden "
                         "FROM listing WHERE article_id = ?"));
  st.Bind(1, id);
  std::vector<Row> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(
        Row{static_cast<int>(st.Int(0)), st.Int(1), st.Int(2), st.Int(3) != 0});
  }
  return out;
}

// The ids to relist, `ids` with every member of their clusters, each with
// its cluster (the negated id of one without a signature: a cluster of its
// own).
Result<std::map<std::int64_t, std::int64_t>> WithClusters(
    auto& c, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, std::int64_t> out;
  std::set<std::int64_t> clusters;
  WARTA_ASSIGN_OR_RETURN(auto cluster_of,
                         c.Prepare("SELECT cluster_id FROM article_signatures "
                                   "WHERE article_id = ?"));
  for (std::int64_t id : ids) {
    cluster_of.Bind(1, id);
    WARTA_ASSIGN_OR_RETURN(bool row, cluster_of.Step());
    if (row) clusters.insert(cluster_of.Int(0));
    out[id] = row ? cluster_of.Int(0) : -id;
    cluster_of.Reset();
  }
  WARTA_ASSIGN_OR_RETURN(auto members,
                         c.Prepare("SELECT article_id FROM article_signatures "
                                   "WHERE cluster_id = ?"));
  for (std::int64_t cluster : clusters) {
    members.Bind(1, cluster);
    while (true) {
      WARTA_ASSIGN_OR_RETURN(bool row, members.Step());
      if (!row) break;
      out[members.Int(0)] = cluster;
    }
    members.Reset();
  }
  return out;
}

}  // namespace

template <typename Core>
Status Rows<Core>::Relist(Connection& c, const std::vector<std::int64_t>& ids,
                          std::set<std::string>& keys) {
  WARTA_ASSIGN_OR_RETURN(auto all, WithClusters(c, ids));
  // Placements grouped by cluster, each cluster by (published_at, id): an
  // article's row is hidden in a list an earlier member already shows.
  std::map<std::int64_t, std::vector<Placement>> clusters;
  std::map<std::int64_t, std::vector<Row>> old_rows;
  for (const auto& [id, cluster] : all) {
    WARTA_ASSIGN_OR_RETURN(Placement p, PlacementOf<Core>(c, id));
    WARTA_ASSIGN_OR_RETURN(old_rows[id], RowsOf(c, id));
    if (p.listed || !old_rows[id].empty()) keys.insert("pub");
    clusters[cluster].push_back(std::move(p));
  }
  WARTA_ASSIGN_OR_RETURN(auto del,
                         c.Prepare("DELETE FROM listing WHERE article_id = ?"));
  WARTA_ASSIGN_OR_RETURN(auto ins,
                         c.Prepare("INSERT INTO listing (kind, subject_id, "
                                   "published_at, article_id, hidden) "
                                   "VALUES (?, ?, ?, ?, ?)"));
  std::set<std::int64_t> category_changes;
  for (auto& [cluster, members] : clusters) {
    std::sort(members.begin(), members.end(),
              [](const Placement& a, const Placement& b) {
                return std::tie(a.published_at, a.id) <
                       std::tie(b.published_at, b.id);
              });
    std::set<std::pair<int, std::int64_t>> shown;
    for (const Placement& p : members) {
      std::vector<Row> rows;
      if (p.listed) {
        for (const auto& list : p.lists) {
          bool hidden = !shown.insert(list).second;
          rows.push_back(Row{list.first, list.second, p.published_at, hidden});
        }
      }
      std::vector<Row>& old = old_rows[p.id];
      auto same = [](std::vector<Row> a, std::vector<Row> b) {
        auto order = [](const Row& x, const Row& y) {
          return x.List() < y.List();
        };
        std::sort(a.begin(), a.end(), order);
        std::sort(b.begin(), b.end(), order);
        return a == b;
      };
      if (same(old, rows)) continue;
      // Every list the article enters, leaves or moves in.
      std::map<std::pair<int, std::int64_t>, const Row*> before;
      for (const Row& r : old) before[r.List()] = &r;
      for (const Row& r : rows) {
        auto it = before.find(r.List());
        if (it == before.end()) {
          keys.insert(ListKey(r.kind, r.subject));
          if (r.kind == kListCategory) category_changes.insert(r.subject);
        } else {
          if (!(*it->second == r)) keys.insert(ListKey(r.kind, r.subject));
          before.erase(it);
        }
      }
      for (const auto& [list, r] : before) {
        keys.insert(ListKey(list.first, list.second));
        if (list.first == kListCategory) category_changes.insert(list.second);
      }
      if (!old.empty()) {  // (a new article has none)
        WARTA_RETURN_IF_ERROR(del.Bind(1, p.id).Run());
        del.Reset();
      }
      // SQLite counts inserted rows in code (migration 066), and deleted
      // ones too in a batch, where their trigger stands aside (059);
      // PostgreSQL's triggers count both (its DeferCountRow does nothing).
      if (DefersUpkeepHere()) {
        for (const Row& r : old)
          DeferCountRow(r.kind, r.subject, r.published_at, r.hidden, -1);
      }
      for (const Row& r : rows)
        DeferCountRow(r.kind, r.subject, r.published_at, r.hidden, 1);
      for (const Row& r : rows) {
        WARTA_RETURN_IF_ERROR(ins.Bind(1, r.kind)
                                  .Bind(2, r.subject)
                                  .Bind(3, r.published_at)
                                  .Bind(4, p.id)
                                  .Bind(5, r.hidden ? 1 : 0)
                                  .Run());
        ins.Reset();
      }
    }
  }
  // The navigation lists the categories that have articles: a category
  // that gained its first or lost its last changes every page.
  if (!category_changes.empty()) {
    WARTA_ASSIGN_OR_RETURN(
        auto count, c.Prepare("SELECT n FROM listing_counts WHERE kind = 1 "
                              "AND subject_id = ?"));
    for (std::int64_t cat : category_changes) {
      count.Bind(1, cat);
      WARTA_ASSIGN_OR_RETURN(bool row, count.Step());
      std::int64_t n =
          (row ? count.Int(0) : 0) + PendingCountDelta(1, cat).first;
      count.Reset();
      if (n <= 1) keys.insert("nav");
    }
  }
  return Status::Ok();
}

template <typename Core>
Status Rows<Core>::FinishWrite(Connection& c) {
  WARTA_ASSIGN_OR_RETURN(
      auto changed, c.Prepare("SELECT article_id FROM article_changes WHERE "
                              "seq = (SELECT value + 1 FROM meta WHERE key = "
                              "'change_seq')"));
  std::vector<std::int64_t> ids;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, changed.Step());
    if (!row) break;
    ids.push_back(changed.Int(0));
  }
  std::set<std::string> keys = std::move(pending_keys_);
  pending_keys_.clear();
  if (!ids.empty()) WARTA_RETURN_IF_ERROR(Relist(c, ids, keys));
  for (std::int64_t id : ids) keys.insert("a:" + std::to_string(id));
  if (InBatchHere()) {
    // Recorded once, when the batch ends (RecordBatchKeys): its writes
    // become visible together. "site" holds every other key, and a batch of
    // more than kMaxKeysPerBatch is recorded as "site" (RecordKeys): said
    // now, so that an import's thousands of keys are not kept in order for
    // nothing.
    if (!batch_keys_.contains("site")) {
      batch_keys_.merge(keys);
      if (batch_keys_.size() > kMaxKeysPerBatch) batch_keys_ = {"site"};
    }
    return Status::Ok();
  }
  return RecordKeys(c, std::move(keys), kMaxKeysPerWrite, 1);
}

template <typename Core>
Status Rows<Core>::RecordBatchKeys(Connection& c) {
  std::set<std::string> keys = std::move(batch_keys_);
  batch_keys_.clear();
  // The batch's last write has bumped change_seq already.
  return RecordKeys(c, std::move(keys), kMaxKeysPerBatch, 0);
}

template <typename Core>
Status Rows<Core>::RecordKeys(Connection& c, std::set<std::string> keys,
                              std::size_t max_keys, int seq_offset) {
  if (keys.empty()) return Status::Ok();
  if (keys.size() > max_keys) keys = {"site"};
  // The keys' seq, read once: one row of VALUES per key (INSERT ... SELECT
  // from meta per key got a statement journal each in SQLite).
  WARTA_ASSIGN_OR_RETURN(
      auto seq, c.Prepare("SELECT value + ?, (SELECT MIN(seq) FROM "
                          "change_keys) FROM meta WHERE key = 'change_seq'"));
  seq.Bind(1, seq_offset);
  WARTA_ASSIGN_OR_RETURN(bool row, seq.Step());
  if (!row) return Status::Ok();  // no change_seq: nothing to key
  const std::int64_t now = seq.Int(0);
  const std::int64_t oldest = !seq.IsNull(1) ? seq.Int(1) : now;
  seq.Reset();
  WARTA_ASSIGN_OR_RETURN(auto ins,
                         c.Prepare("INSERT INTO change_keys (seq, key) "
                                   "VALUES (?, ?) ON CONFLICT DO NOTHING"));
  for (const std::string& key : keys) {
    WARTA_RETURN_IF_ERROR(ins.Bind(1, now).Bind(2, key).Run());
    ins.Reset();
  }
  // Now and then (when the oldest is 1000 writes past due), forget keys no
  // reader should still need.
  if (oldest < now - kKeepKeysFor - 1000) {
    WARTA_ASSIGN_OR_RETURN(auto prune,
                           c.Prepare("DELETE FROM change_keys WHERE seq < ?"));
    WARTA_RETURN_IF_ERROR(prune.Bind(1, now - kKeepKeysFor).Run());
    WARTA_ASSIGN_OR_RETURN(
        auto from, c.Prepare(std::string("UPDATE meta SET value = ") +
                             std::string(Core::kGreatest) +
                             "(value, ?) WHERE key = 'change_keys_from'"));
    WARTA_RETURN_IF_ERROR(from.Bind(1, now - kKeepKeysFor - 1).Run());
  }
  return Status::Ok();
}

template <typename Core>
void Rows<Core>::NoteChangedKey(std::string key) {
  pending_keys_.insert(std::move(key));
}

template <typename Core>
Result<PageChanges> Rows<Core>::PageChangesSince(std::int64_t after_seq,
                                                 int limit) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  PageChanges out;
  WARTA_ASSIGN_OR_RETURN(
      auto meta, (*r)->Prepare("SELECT key, value FROM meta WHERE key IN "
                               "('change_seq', 'change_keys_from')"));
  std::int64_t from = 0;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, meta.Step());
    if (!row) break;
    (meta.Text(0) == "change_seq" ? out.seq : from) = meta.Int(1);
  }
  if (after_seq >= out.seq) return out;
  if (after_seq < from) {
    out.everything = true;
    return out;
  }
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare("SELECT DISTINCT key FROM change_keys WHERE "
                             "seq > ? AND seq <= ? LIMIT ?"));
  st.Bind(1, after_seq).Bind(2, out.seq).Bind(3, std::max(limit, 1) + 1);
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.keys.push_back(st.Text(0));
  }
  if (static_cast<int>(out.keys.size()) > limit) {
    out.keys.clear();
    out.everything = true;
  }
  return out;
}

// From this offset on (page 51 at 20 a page), a list page skips whole months
// by their listing_months counts instead of stepping over every entry before
// it (60-100 ns an entry: 14-18 ms for pages 6,000-12,320 of a category of
// 246k at 1M, 2 ms with the skip; docs/benchmarks.md).
inline constexpr std::int64_t kSkipByMonthsFrom = 1000;

// Where a page `offset` entries into a list's rows in [lower, upper] begins:
// the part of the range from the month holding it on (newest first: upper
// is that month's end or `upper`; oldest first: lower is its start or
// `lower`), and the offset left within that month. nullopt when the list
// has fewer rows than `offset`. Reads one listing_months row per month it
// passes, and counts the rows of at most the two months the range cuts.
struct MonthSkip {
  std::int64_t lower = 0;
  std::int64_t upper = 0;
  std::int64_t offset = 0;
};
Result<std::optional<MonthSkip>> SkipByMonths(auto& c, const ListScope& scope,
                                              bool shown_only, bool newest,
                                              std::int64_t lower,
                                              std::int64_t upper,
                                              std::int64_t offset) {
  if (lower > upper) return std::optional<MonthSkip>();
  WARTA_ASSIGN_OR_RETURN(
      auto months,
      c.Prepare(std::string("SELECT month, ") + (shown_only ? "shown" : "n") +
                " FROM listing_months WHERE kind = ? AND subject_id = ? AND "
                "month >= ? AND month <= ? ORDER BY month " +
                (newest ? "DESC" : "ASC")));
  months.Bind(1, scope.kind)
      .Bind(2, scope.subject)
      .Bind(3, ListingMonth(lower))
      .Bind(4, ListingMonth(upper));
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, months.Step());
    if (!row) return std::optional<MonthSkip>();
    const std::int64_t month = months.Int(0);
    std::int64_t rows = months.Int(1);
    // The month's span, within [lower, upper] (in 128 bits: a month at the
    // ends of the range of int64 does not fit it).
    const __int128 start = static_cast<__int128>(month) * kListingMonthSeconds;
    const __int128 end = start + kListingMonthSeconds - 1;
    const std::int64_t lo =
        static_cast<std::int64_t>(std::max<__int128>(start, lower));
    const std::int64_t hi =
        static_cast<std::int64_t>(std::min<__int128>(end, upper));
    if (lo != start || hi != end) {  // a month the range cuts: count it
      WARTA_ASSIGN_OR_RETURN(
          auto cut,
          c.Prepare(std::string("SELECT COUNT(*) FROM listing WHERE kind = ? "
                                "AND subject_id = ? AND published_at >= ? "
                                "AND published_at <= ?") +
                    (shown_only ? " AND hidden = 0" : "")));
      cut.Bind(1, scope.kind).Bind(2, scope.subject).Bind(3, lo).Bind(4, hi);
      WARTA_ASSIGN_OR_RETURN(bool got, cut.Step());
      rows = got ? cut.Int(0) : 0;
    }
    if (offset < rows) {
      return std::optional<MonthSkip>(
          MonthSkip{newest ? lower : lo, newest ? hi : upper, offset});
    }
    offset -= rows;
  }
}

template <typename Core>
Result<std::vector<Article>> Rows<Core>::ListListed(const ListScope& scope,
                                                    const ArticleQuery& q) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  const bool newest = q.order != ArticleQuery::Order::kOldest;
  std::int64_t lower = q.published_after.value_or(INT64_MIN);
  std::int64_t upper = q.published_before.value_or(INT64_MAX);
  std::int64_t offset = std::max(q.offset, 0);
  // (Not in a batch on this thread: its months are written when it ends.)
  if (offset >= kSkipByMonthsFrom && q.exclude_ids.empty() &&
      !DefersUpkeepHere()) {
    WARTA_ASSIGN_OR_RETURN(
        auto skip, SkipByMonths(**r, scope, q.one_per_duplicate_cluster, newest,
                                lower, upper, offset));
    if (!skip) return std::vector<Article>();  // past the list's end
    lower = skip->lower;
    upper = skip->upper;
    offset = skip->offset;
  }
  std::string sql =
      "SELECT article_id FROM listing WHERE kind = ? AND subject_id = ? "
      "AND published_at >= ? AND published_at <= ? ";
  if (q.one_per_duplicate_cluster) sql += "AND hidden = 0 ";
  if (!q.exclude_ids.empty())
    sql += "AND article_id NOT IN (SELECT value FROM json_each(?)) ";
  sql += newest ? "ORDER BY published_at DESC, article_id DESC "
                : "ORDER BY published_at ASC, article_id ASC ";
  sql += "LIMIT ? OFFSET ?";
  WARTA_ASSIGN_OR_RETURN(auto st, (*r)->Prepare(sql));
  int i = 1;
  st.Bind(i++, scope.kind);
  st.Bind(i++, scope.subject);
  st.Bind(i++, lower);
  st.Bind(i++, upper);
  if (!q.exclude_ids.empty()) st.Bind(i++, JsonArray(q.exclude_ids));
  st.Bind(i++, std::clamp(q.limit, 0, 1000));
  st.Bind(i++, offset);
  std::vector<std::int64_t> ids;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    ids.push_back(st.Int(0));
  }
  return LoadArticlesByIds(**r, ids, q.with_body, q.with_links);
}

template <typename Core>
Result<std::vector<Article>> Rows<Core>::ListArticlesById(
    const std::vector<std::int64_t>& ids) {
  if (ids.size() > 1000) {
    return Status::InvalidArgument("at most 1000 articles by id");
  }
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  return LoadArticlesByIds(**r, ids, /*with_body=*/false,
                           /*with_links=*/false);
}

template <typename Core>
Result<std::int64_t> Rows<Core>::CountListed(const ListScope& scope,
                                             const ArticleQuery& q) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  if (!scope.countable) {
    // A date range or exclusions: the list's rows in the range, counted as
    // ListListed reads them, along the listing key (the index page's day at
    // 1M: its listing rows, not each article row past its body).
    std::string sql =
        "SELECT COUNT(*) FROM listing WHERE kind = ? AND subject_id = ? "
        "AND published_at >= ? AND published_at <= ? ";
    if (q.one_per_duplicate_cluster) sql += "AND hidden = 0 ";
    if (!q.exclude_ids.empty())
      sql += "AND article_id NOT IN (SELECT value FROM json_each(?))";
    WARTA_ASSIGN_OR_RETURN(auto st, (*r)->Prepare(sql));
    st.Bind(1, scope.kind).Bind(2, scope.subject);
    st.Bind(3, q.published_after.value_or(INT64_MIN));
    st.Bind(4, q.published_before.value_or(INT64_MAX));
    if (!q.exclude_ids.empty()) st.Bind(5, JsonArray(q.exclude_ids));
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    return row ? st.Int(0) : 0;
  }
  const char* column = q.one_per_duplicate_cluster ? "shown" : "n";
  WARTA_ASSIGN_OR_RETURN(
      auto total, (*r)->Prepare(std::string("SELECT ") + column +
                                " FROM listing_counts WHERE kind = ? AND "
                                "subject_id = ?"));
  total.Bind(1, scope.kind).Bind(2, scope.subject);
  WARTA_ASSIGN_OR_RETURN(bool row, total.Step());
  std::int64_t n = row ? total.Int(0) : 0;
  if (DefersUpkeepHere()) {  // the batch's counts are written when it ends
    auto [dn, dshown] = PendingCountDelta(scope.kind, scope.subject);
    n += q.one_per_duplicate_cluster ? dshown : dn;
  }
  // Less the future-dated rows: a bounded read of the newest end.
  std::string hidden = q.one_per_duplicate_cluster ? "AND hidden = 0" : "";
  auto outside = [&](const char* range, std::int64_t bound) -> Status {
    WARTA_ASSIGN_OR_RETURN(
        auto st, (*r)->Prepare("SELECT COUNT(*) FROM listing WHERE kind = ? "
                               "AND subject_id = ? AND published_at " +
                               std::string(range) + " ? " + hidden));
    st.Bind(1, scope.kind).Bind(2, scope.subject).Bind(3, bound);
    WARTA_ASSIGN_OR_RETURN(bool got, st.Step());
    if (got) n -= st.Int(0);
    return Status::Ok();
  };
  if (q.published_before)
    WARTA_RETURN_IF_ERROR(outside(">", *q.published_before));
  return std::max<std::int64_t>(n, 0);
}

template <typename Core>
Result<std::vector<ArticleText>> Rows<Core>::ListPlaintextsById(
    const std::vector<std::int64_t>& ids) {
  if (ids.size() > 1000) {
    return Status::InvalidArgument("at most 1000 articles by id");
  }
  std::vector<ArticleText> out;
  if (ids.empty()) return out;
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare("SELECT id, " + std::string(Core::kPlaintext) +
                             " FROM articles WHERE id IN "
                             "(SELECT value FROM json_each(?)) AND "
                             "deleted_at IS NULL"));
  st.Bind(1, JsonArray(ids));
  std::map<std::int64_t, std::string> by_id;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    by_id.emplace(st.Int(0), st.Text(1));
  }
  for (std::int64_t id : ids) {
    auto it = by_id.find(id);
    if (it != by_id.end()) out.push_back({id, std::move(it->second)});
  }
  return out;
}

}  // namespace warta::sql
