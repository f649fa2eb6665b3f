// MaintenanceStore for postgres: counts, consistency checks
// and the media an archive must hold; snapshots with pg_dump.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <vector>

#include "store/postgres/pg_store_impl.h"
#include "store/sql/listing.h"

extern char** environ;

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

// Row counts of the main tables, read in the transaction `c` has open.
Result<std::map<std::string, std::int64_t>> CountsInTransaction(Connection& c) {
  static const std::pair<const char*, const char*> kCounts[] = {
      {"articles", "SELECT count(*) FROM articles"},
      {"published_articles",
       "SELECT count(*) FROM articles WHERE status = 'published'"},
      {"users", "SELECT count(*) FROM users"},
      {"revisions", "SELECT count(*) FROM revisions"},
      {"categories", "SELECT count(*) FROM categories"},
      {"tags", "SELECT count(*) FROM tags"},
      {"authors", "SELECT count(*) FROM authors"},
  };
  std::map<std::string, std::int64_t> out;
  for (const auto& [name, sql] : kCounts) {
    WARTA_ASSIGN_OR_RETURN(auto st, c.Prepare(sql));
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    out[name] = row ? st.Int(0) : 0;
  }
  return out;
}

// A PostgreSQL client program (pg_dump, pg_restore): on PATH, else in
// Debian's versioned directories; "" when missing.
std::string FindPgTool(const std::string& name) {
  if (const char* path = std::getenv("PATH")) {
    std::string dirs = path;
    for (std::size_t at = 0; at <= dirs.size();) {
      std::size_t end = dirs.find(':', at);
      if (end == std::string::npos) end = dirs.size();
      std::string candidate = dirs.substr(at, end - at) + "/" + name;
      if (end > at && ::access(candidate.c_str(), X_OK) == 0) return candidate;
      at = end + 1;
    }
  }
  for (const char* v : {"17", "16", "15", "14", "13"}) {
    std::string candidate =
        std::string("/usr/lib/postgresql/") + v + "/bin/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

// Runs the client program `name` with `args` (after argv[0]), its stderr
// kept in `scratch`.stderr; IoError with what it printed when it fails.
Status RunPgTool(const std::string& name, std::vector<std::string> args,
                 const std::string& scratch) {
  const std::string tool = FindPgTool(name);
  if (tool.empty())
    return Status::FailedPrecondition(name +
                                      " not found (install postgresql-client)");
  const std::string err_path = scratch + ".stderr";
  args.insert(args.begin(), tool);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  int rc =
      posix_spawn(&pid, tool.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    std::remove(err_path.c_str());
    return Status::IoError("cannot run " + tool);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::string err;
  {
    std::ifstream in(err_path);
    std::getline(in, err, '\0');
  }
  std::remove(err_path.c_str());
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Status::IoError(name + " failed: " + err);
  }
  return Status::Ok();
}

// Runs pg_dump of `url` as of `snapshot` into `path` (custom format).
Status RunPgDump(const std::string& url, const std::string& snapshot,
                 const std::string& path) {
  Status s = RunPgTool("pg_dump",
                       {"--format=custom", "--snapshot=" + snapshot,
                        "--file=" + path, "--dbname=" + url},
                       path);
  if (!s.ok()) std::remove(path.c_str());
  return s.WithContext("snapshot");
}

}  // namespace

// A consistent copy with pg_dump: its --snapshot is exported by a
// repeatable-read transaction that also counts the rows, so the counts are
// the copy's.
Result<std::map<std::string, std::int64_t>> PgStore::SnapshotTo(
    const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return Status::AlreadyExists("snapshot target " + path + " exists");
  }
  WARTA_ASSIGN_OR_RETURN(auto c, Connection::Open(options_.url, 0));
  WARTA_RETURN_IF_ERROR(
      c->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  std::string snapshot;
  {
    WARTA_ASSIGN_OR_RETURN(auto st, c->Prepare("SELECT pg_export_snapshot()"));
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::Internal("pg_export_snapshot returned nothing");
    snapshot = st.Text(0);
  }
  WARTA_ASSIGN_OR_RETURN(auto counts, CountsInTransaction(*c));
  Status dumped = RunPgDump(options_.url, snapshot, path);
  (void)c->Exec("COMMIT");
  if (!dumped.ok()) return dumped.WithContext("snapshot to " + path);
  return counts;
}

Status RestoreDump(const std::string& url, const std::string& path) {
  // --clean --if-exists: a database a node has already migrated (tables,
  // no rows; the caller checked) takes the dump's schema instead. One
  // transaction: a failed restore leaves the database as it was.
  return RunPgTool("pg_restore",
                   {"--clean", "--if-exists", "--no-owner", "--no-acl",
                    "--single-transaction", "--exit-on-error",
                    "--dbname=" + url, path},
                   path)
      .WithContext("restoring " + path);
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
  WARTA_RETURN_IF_ERROR(sql::CheckListingMonths(**reader, &problems));
  return problems;
}

Result<std::map<std::string, std::int64_t>> PgStore::TableCounts() {
  WARTA_ASSIGN_OR_RETURN(auto reader, BorrowReader());
  WARTA_RETURN_IF_ERROR(
      (*reader)->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  auto counts = CountsInTransaction(**reader);
  Status done = (*reader)->Exec(counts.ok() ? "COMMIT" : "ROLLBACK");
  if (!counts.ok()) return counts.status();
  WARTA_RETURN_IF_ERROR(done);
  return counts;
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
