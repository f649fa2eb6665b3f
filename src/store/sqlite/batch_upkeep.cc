#include "store/sqlite/batch_upkeep.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "base/time.h"
#include "store/sql/listing.h"

namespace warta::sqlite {

namespace {

// Mixes a key's words (a multiply and a fold per word).
std::size_t Mix(std::uint64_t h, std::uint64_t v) {
  const unsigned __int128 m =
      static_cast<unsigned __int128>(h ^ v) * 0x9E3779B97F4A7C15ull;
  return static_cast<std::size_t>(static_cast<std::uint64_t>(m) ^
                                  static_cast<std::uint64_t>(m >> 64));
}

// The UTC month of `t` as a number (year * 12 + month - 1) and back.
std::int64_t MonthNumber(Timestamp t) {
  CivilTime c = ToCivil(t);
  return std::int64_t{c.year} * 12 + (c.month - 1);
}
std::string MonthText(std::int64_t number) {
  // Floor division: a year before 0 (an absurd date) too.
  const std::int64_t year = number >= 0 ? number / 12 : -((11 - number) / 12);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02d", static_cast<long long>(year),
                static_cast<int>(number - year * 12 + 1));
  return buf;
}

// A hashed map's entries in key order.
template <typename Map>
std::vector<const typename Map::value_type*> Sorted(const Map& m) {
  std::vector<const typename Map::value_type*> out;
  out.reserve(m.size());
  for (const auto& e : m) out.push_back(&e);
  std::sort(out.begin(), out.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  return out;
}

// Adds each (n, shown) delta of `from` to `to`'s.
template <typename Map>
void AddDeltas(Map& to, const Map& from) {
  for (const auto& [key, d] : from) {
    auto& [n, shown] = to[key];
    n += d.first;
    shown += d.second;
  }
}

}  // namespace

std::string UtcMonth(Timestamp t) { return MonthText(MonthNumber(t)); }

std::size_t BatchUpkeep::KeyHash::operator()(const ListMonth& k) const {
  return Mix(Mix(static_cast<std::uint64_t>(k.kind),
                 static_cast<std::uint64_t>(k.subject)),
             static_cast<std::uint64_t>(k.month));
}
std::size_t BatchUpkeep::KeyHash::operator()(const List& k) const {
  return Mix(static_cast<std::uint64_t>(k.first),
             static_cast<std::uint64_t>(k.second));
}
std::size_t BatchUpkeep::KeyHash::operator()(const Scope& k) const {
  return Mix(static_cast<std::uint64_t>(static_cast<unsigned char>(k.first)),
             static_cast<std::uint64_t>(k.second));
}

void BatchUpkeep::CountRow(int kind, std::int64_t subject,
                           std::int64_t published_at, bool hidden, int sign) {
  const int shown = hidden ? 0 : sign;
  auto& [n, s] = month_counts[{kind, subject, sql::ListingMonth(published_at)}];
  n += sign;
  s += shown;
  auto& [ln, ls] = list_counts[{kind, subject}];
  ln += sign;
  ls += shown;
}

void BatchUpkeep::Lastmod(char kind, std::int64_t id, Timestamp at) {
  auto [it, fresh] = lastmod.try_emplace({kind, id}, at);
  if (!fresh) it->second = std::max(it->second, at);
}

void BatchUpkeep::MonthGains(Timestamp published_at, Timestamp updated_at) {
  auto [it, fresh] =
      months.try_emplace(MonthNumber(published_at), 1, updated_at);
  if (!fresh) {
    it->second.first += 1;
    it->second.second = std::max(it->second.second, updated_at);
  }
}

BatchUpkeep::Delta BatchUpkeep::CountDelta(int kind,
                                           std::int64_t subject) const {
  auto it = list_counts.find({kind, subject});
  return it == list_counts.end() ? Delta{0, 0} : it->second;
}

void BatchUpkeep::Merge(BatchUpkeep&& o) {
  AddDeltas(month_counts, o.month_counts);
  AddDeltas(list_counts, o.list_counts);
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
  list_counts.clear();
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
    // As the triggers: an inserted row creates its list's count; a deleted
    // one only lowers an existing count.
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("INSERT INTO listing_counts (kind, subject_id, n, "
                           "shown) VALUES (?, ?, ?, ?) ON CONFLICT (kind, "
                           "subject_id) DO UPDATE SET n = n + excluded.n, "
                           "shown = shown + excluded.shown"));
    for (const auto* e : Sorted(list_counts)) {
      const auto& [list, d] = *e;
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
    for (const auto* e : Sorted(month_counts)) {
      const auto& [key, d] = *e;
      if (d.first == 0 && d.second == 0) continue;  // moved within its month
      WARTA_RETURN_IF_ERROR(by_month.Bind(1, key.kind)
                                .Bind(2, key.subject)
                                .Bind(3, key.month)
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
    for (const auto* e : Sorted(lastmod)) {
      const auto& [key, at] = *e;
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
      WARTA_RETURN_IF_ERROR(st.Bind(1, MonthText(month))
                                .Bind(2, d.first)
                                .Bind(3, d.second)
                                .Run());
      st.Reset();
    }
  }
  if (!feed_scopes.empty()) {
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("INSERT INTO feed_versions (scope, version) "
                           "VALUES (?, 1) ON CONFLICT (scope) DO UPDATE SET "
                           "version = version + 1"));
    std::vector<Scope> scopes(feed_scopes.begin(), feed_scopes.end());
    std::sort(scopes.begin(), scopes.end());
    for (const auto& [kind, id] : scopes) {
      std::string scope(1, kind);
      if (kind != 's') scope += std::to_string(id);
      WARTA_RETURN_IF_ERROR(st.Bind(1, scope).Run());
      st.Reset();
    }
  }
  return Status::Ok();
}

}  // namespace warta::sqlite
