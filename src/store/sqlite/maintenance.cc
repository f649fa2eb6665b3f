// MaintenanceStore for sqlite: snapshots with VACUUM INTO, PRAGMA checks,
// counts and the media an archive must hold.
#include <filesystem>
#include <set>

#include "store/sql/listing.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace warta::sqlite {
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

Result<std::map<std::string, std::int64_t>> SqliteStore::SnapshotTo(
    const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return Status::AlreadyExists("snapshot target " + path + " exists");
  }
  WARTA_ASSIGN_OR_RETURN(auto reader, BorrowReader());
  {
    WARTA_ASSIGN_OR_RETURN(auto st, (*reader)->Prepare("VACUUM INTO ?"));
    Status s = st.Bind(1, path).Run();
    if (!s.ok()) return s.WithContext("snapshot to " + path);
  }
  {
    WARTA_ASSIGN_OR_RETURN(auto attach,
                           (*reader)->Prepare("ATTACH DATABASE ? AS snap"));
    WARTA_RETURN_IF_ERROR(attach.Bind(1, path).Run());
  }
  auto counts = Counts(**reader, "snap");
  Status detach = (*reader)->Exec("DETACH DATABASE snap");
  if (!counts.ok()) return counts.status();
  WARTA_RETURN_IF_ERROR(detach);
  return counts;
}

Result<std::vector<std::string>> SqliteStore::CheckIntegrity() {
  std::vector<std::string> problems;
  WARTA_ASSIGN_OR_RETURN(auto reader, BorrowReader());
  {
    WARTA_ASSIGN_OR_RETURN(auto st,
                           (*reader)->Prepare("PRAGMA integrity_check"));
    while (true) {
      WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      std::string line = st.Text(0);
      if (line != "ok") problems.push_back("integrity_check: " + line);
    }
  }
  WARTA_ASSIGN_OR_RETURN(auto fk,
                         (*reader)->Prepare("PRAGMA foreign_key_check"));
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, fk.Step());
    if (!row) break;
    problems.push_back("foreign_key_check: row " + std::to_string(fk.Int(1)) +
                       " of " + fk.Text(0) + " refers to a missing " +
                       fk.Text(2) + " row");
  }
  WARTA_RETURN_IF_ERROR(sql::CheckListingMonths(**reader, &problems));
  return problems;
}

Result<std::map<std::string, std::int64_t>> SqliteStore::TableCounts() {
  WARTA_ASSIGN_OR_RETURN(auto reader, BorrowReader());
  return Counts(**reader, "main");
}

Result<std::vector<std::string>> SqliteStore::MediaReferences() {
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

}  // namespace warta::sqlite
