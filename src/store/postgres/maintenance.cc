// MaintenanceStore for postgres: counts, consistency checks
// and the media an archive must hold. Snapshots are pg_dump's job.
#include <filesystem>
#include <set>

#include "store/postgres/pg_store_impl.h"

namespace warta::pg {
namespace {

// Adds the site-relative "/media/..." paths in `text` to `out`: one starts
// the text or follows a quote, space, '(' or '=' (so "https://other/media/"
// is not ours) and runs to the first quote, space, bracket or parenthesis.
void FindMediaPaths(std::string_view text, std::set<std::string>& out) {
  constexpr std::string_view kPrefix = "/media/";
  for (size_t at = text.find(kPrefix); at != std::string_view::npos;
       at = text.find(kPrefix, at + 1)) {
    if (at > 0 && std::string_view(" \t\n\"'(=").find(text[at - 1]) ==
                      std::string_view::npos) {
      continue;
    }
    size_t end = text.find_first_of(" \t\r\n\"'()<>[]?#", at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view path = text.substr(at, end - at);
    if (path.size() > kPrefix.size() &&
        path.find("..") == std::string_view::npos) {
      out.emplace(path);
    }
  }
}

// Row counts of the main tables of `schema` ("main" or an attached name),
// in one read transaction.
Result<std::map<std::string, std::int64_t>> Counts(Connection& c,
                                                   const std::string& schema) {
  static const std::pair<const char*, const char*> kCounts[] = {
      {"articles", "articles"},
      {"published_articles", "articles WHERE status = 'published'"},
      {"users", "users"},
      {"revisions", "revisions"},
      {"categories", "categories"},
      {"tags", "tags"},
      {"authors", "authors"},
  };
  std::map<std::string, std::int64_t> out;
  WARTA_RETURN_IF_ERROR(c.Exec("BEGIN"));
  for (const auto& [name, from] : kCounts) {
    // Two SQL texts per table (main, snap) in the statement cache.
    Status s = Status::Ok();
    std::int64_t n = 0;
    {
      auto st = c.Prepare("SELECT count(*) FROM " + schema + "." + from);
      if (st.ok()) {
        auto row = st->Step();
        if (row.ok()) {
          n = st->Int(0);
        } else {
          s = row.status();
        }
      } else {
        s = st.status();
      }
    }
    if (!s.ok()) {
      (void)c.Exec("ROLLBACK");
      return s;
    }
    out[name] = n;
  }
  WARTA_RETURN_IF_ERROR(c.Exec("COMMIT"));
  return out;
}

}  // namespace

Result<std::map<std::string, std::int64_t>> PgStore::SnapshotTo(
    const std::string& path) {
  return Status::FailedPrecondition(
      "snapshot to " + path +
      ": a PostgreSQL store is backed up with pg_dump, not warta backup");
}

// PostgreSQL keeps its own pages sound; what is checked here are the rows
// the store keeps in step itself.
Result<std::vector<std::string>> PgStore::CheckIntegrity() {
  std::vector<std::string> problems;
  WARTA_ASSIGN_OR_RETURN(auto reader, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*reader)->Prepare(
                   "SELECT c.kind, c.subject_id, c.n, count(l.article_id) "
                   "FROM listing_counts c LEFT JOIN listing l "
                   "ON l.kind = c.kind AND l.subject_id = c.subject_id "
                   "GROUP BY c.kind, c.subject_id, c.n "
                   "HAVING c.n <> count(l.article_id)"));
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    problems.push_back("listing_counts: list " + std::to_string(st.Int(0)) +
                       "/" + std::to_string(st.Int(1)) + " counts " +
                       std::to_string(st.Int(2)) + ", holds " +
                       std::to_string(st.Int(3)));
  }
  return problems;
}

Result<std::map<std::string, std::int64_t>> PgStore::TableCounts() {
  WARTA_ASSIGN_OR_RETURN(auto reader, BorrowReader());
  return Counts(**reader, "public");
}

Result<std::vector<std::string>> PgStore::MediaReferences() {
  std::set<std::string> paths;
  WARTA_ASSIGN_OR_RETURN(auto reader, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*reader)->Prepare("SELECT feature_image, body FROM articles "
                                  "WHERE feature_image LIKE '%/media/%' "
                                  "OR body LIKE '%/media/%'"));
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    FindMediaPaths(st.Text(0), paths);
    FindMediaPaths(st.Text(1), paths);
  }
  return std::vector<std::string>(paths.begin(), paths.end());
}

}  // namespace warta::pg
