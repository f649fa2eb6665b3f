#include "store/sqlite/batch_upkeep.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "base/time.h"
#include "store/sql/listing.h"

namespace warta::sqlite {

std::string UtcMonth(Timestamp t) {
  CivilTime c = ToCivil(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", c.year, c.month);
  return buf;
}

void BatchUpkeep::CountRow(int kind, std::int64_t subject,
                           std::int64_t published_at, bool hidden, int sign) {
  auto& [n, shown] =
      month_counts[{kind, subject, sql::ListingMonth(published_at)}];
  n += sign;
  if (!hidden) shown += sign;
}

void BatchUpkeep::Lastmod(char kind, std::int64_t id, Timestamp at) {
  auto [it, fresh] = lastmod.try_emplace({kind, id}, at);
  if (!fresh) it->second = std::max(it->second, at);
}

void BatchUpkeep::MonthGains(Timestamp published_at, Timestamp updated_at) {
  auto [it, fresh] = months.try_emplace(UtcMonth(published_at), 1, updated_at);
  if (!fresh) {
    it->second.first += 1;
    it->second.second = std::max(it->second.second, updated_at);
  }
}

std::pair<std::int64_t, std::int64_t> BatchUpkeep::CountDelta(
    int kind, std::int64_t subject) const {
  std::pair<std::int64_t, std::int64_t> sum{0, 0};
  for (auto it = month_counts.lower_bound({kind, subject, INT64_MIN});
       it != month_counts.end() && std::get<0>(it->first) == kind &&
       std::get<1>(it->first) == subject;
       ++it) {
    sum.first += it->second.first;
    sum.second += it->second.second;
  }
  return sum;
}

void BatchUpkeep::Merge(BatchUpkeep&& o) {
  for (const auto& [month, d] : o.month_counts) {
    auto& [n, shown] = month_counts[month];
    n += d.first;
    shown += d.second;
  }
  for (const auto& [key, at] : o.lastmod) Lastmod(key.first, key.second, at);
  for (const auto& [month, d] : o.months) {
    auto [it, fresh] = months.try_emplace(month, d);
    if (!fresh) {
      it->second.first += d.first;
      it->second.second = std::max(it->second.second, d.second);
    }
  }
  feed_scopes.merge(o.feed_scopes);
  o.Clear();
}

void BatchUpkeep::Clear() {
  month_counts.clear();
  lastmod.clear();
  months.clear();
  feed_scopes.clear();
}

bool BatchUpkeep::Empty() const {
  return month_counts.empty() && lastmod.empty() && months.empty() &&
         feed_scopes.empty();
}

Status BatchUpkeep::WriteTo(Connection& c) const {
  if (!month_counts.empty()) {
    // Each list's total over its months (a list touched at all is written,
    // as one saved write by write would).
    std::map<std::pair<int, std::int64_t>,
             std::pair<std::int64_t, std::int64_t>>
        counts;
    for (const auto& [key, d] : month_counts) {
      auto& [n, shown] = counts[{std::get<0>(key), std::get<1>(key)}];
      n += d.first;
      shown += d.second;
    }
    // As the triggers: an inserted row creates its list's count; a deleted
    // one only lowers an existing count.
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("INSERT INTO listing_counts (kind, subject_id, n, "
                           "shown) VALUES (?, ?, ?, ?) ON CONFLICT (kind, "
                           "subject_id) DO UPDATE SET n = n + excluded.n, "
                           "shown = shown + excluded.shown"));
    for (const auto& [list, d] : counts) {
      WARTA_RETURN_IF_ERROR(st.Bind(1, list.first)
                                .Bind(2, list.second)
                                .Bind(3, d.first)
                                .Bind(4, d.second)
                                .Run());
      st.Reset();
    }
    WARTA_ASSIGN_OR_RETURN(
        auto by_month,
        c.Prepare("INSERT INTO listing_months (kind, subject_id, month, n, "
                  "shown) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, "
                  "subject_id, month) DO UPDATE SET n = n + excluded.n, "
                  "shown = shown + excluded.shown"));
    for (const auto& [key, d] : month_counts) {
      if (d.first == 0 && d.second == 0) continue;  // moved within its month
      WARTA_RETURN_IF_ERROR(by_month.Bind(1, std::get<0>(key))
                                .Bind(2, std::get<1>(key))
                                .Bind(3, std::get<2>(key))
                                .Bind(4, d.first)
                                .Bind(5, d.second)
                                .Run());
      by_month.Reset();
    }
  }
  if (!lastmod.empty()) {
    WARTA_ASSIGN_OR_RETURN(
        auto st,
        c.Prepare("INSERT INTO taxonomy_lastmod (kind, taxonomy_id, lastmod) "
                  "VALUES (?, ?, ?) ON CONFLICT (kind, taxonomy_id) DO UPDATE "
                  "SET lastmod = MAX(lastmod, excluded.lastmod)"));
    for (const auto& [key, at] : lastmod) {
      WARTA_RETURN_IF_ERROR(st.Bind(1, std::string(1, key.first))
                                .Bind(2, key.second)
                                .Bind(3, at)
                                .Run());
      st.Reset();
    }
  }
  if (!months.empty()) {
    WARTA_ASSIGN_OR_RETURN(
        auto st,
        c.Prepare("INSERT INTO sitemap_months (month, articles, lastmod) "
                  "VALUES (?, ?, ?) ON CONFLICT (month) DO UPDATE SET "
                  "articles = articles + excluded.articles, "
                  "lastmod = MAX(lastmod, excluded.lastmod)"));
    for (const auto& [month, d] : months) {
      WARTA_RETURN_IF_ERROR(
          st.Bind(1, month).Bind(2, d.first).Bind(3, d.second).Run());
      st.Reset();
    }
  }
  if (!feed_scopes.empty()) {
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("INSERT INTO feed_versions (scope, version) "
                           "VALUES (?, 1) ON CONFLICT (scope) DO UPDATE SET "
                           "version = version + 1"));
    for (const auto& [kind, id] : feed_scopes) {
      std::string scope(1, kind);
      if (kind != 's') scope += std::to_string(id);
      WARTA_RETURN_IF_ERROR(st.Bind(1, scope).Run());
      st.Reset();
    }
  }
  return Status::Ok();
}

}  // namespace warta::sqlite
