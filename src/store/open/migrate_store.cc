#include "store/open/migrate_store.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/open/open_store.h"

#ifdef WARTA_HAVE_POSTGRES
#include "store/postgres/db.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/db.h"
#include "store/sqlite/sqlite_store.h"
#endif

namespace warta {

#ifndef WARTA_HAVE_POSTGRES

Result<MigrateReport> MigrateSqliteToPostgres(const std::string& sqlite_path,
                                              const std::string& postgres_url,
                                              const Clock& clock) {
  (void)sqlite_path;
  (void)postgres_url;
  (void)clock;
  return Status::FailedPrecondition(kNoPostgresMessage);
}

Status RestorePostgresSnapshot(const std::string& dump_path,
                               const std::string& postgres_url) {
  (void)dump_path;
  (void)postgres_url;
  return Status::FailedPrecondition(kNoPostgresMessage);
}

#else

namespace {

// Source tables in an order that keeps foreign keys satisfied. Left out:
// what the target's triggers rebuild (listing_counts, listing_months,
// sitemap_months, taxonomy_lastmod, feed_versions), the stored feeds (a
// cache) and meta (its change_seq is carried over below).
constexpr const char* kTables[] = {
    "categories",
    "tags",
    "authors",
    "articles",
    "home_pins",
    "article_authors",
    "article_tags",
    "slug_history",
    "article_changes",
    "article_signatures",
    "article_signature_bands",
    "users",
    "sessions",
    "api_tokens",
    "revisions",
    "settings",
    "wire_items",
    "wire_feeds",
    "wire_sources",
    "listing",
    "change_keys",
    "article_views",
    "article_view_totals",
    "corrections",
    "live_updates",
};

// Tables whose id is a BIGSERIAL: their sequences continue after the
// copied ids.
constexpr const char* kSerialTables[] = {
    "categories", "tags",      "authors",     "articles",    "users",
    "api_tokens", "revisions", "corrections", "live_updates"};

struct Column {
  std::string name;
  bool bytes = false;  // bytea
};

Result<std::vector<Column> > TargetColumns(pg::Connection& pg,
                                           const std::string& table) {
  WARTA_ASSIGN_OR_RETURN(
      auto st, pg.Prepare("SELECT column_name, data_type FROM "
                          "information_schema.columns WHERE table_schema = "
                          "current_schema() AND table_name = ? "
                          "ORDER BY ordinal_position"));
  st.Bind(1, table);
  std::vector<Column> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(Column{st.Text(0), st.Text(1) == "bytea"});
  }
  if (out.empty()) return Status::Internal("target has no table " + table);
  return out;
}

Result<std::int64_t> CountRows(sqlite::Connection& c,
                               const std::string& table) {
  // Table names come from kTables, never from input.
  WARTA_ASSIGN_OR_RETURN(auto st, c.Prepare("SELECT count(*) FROM " + table));
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

Result<std::int64_t> CountRows(pg::Connection& c, const std::string& table) {
  WARTA_ASSIGN_OR_RETURN(auto st, c.Prepare("SELECT count(*) FROM " + table));
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

// The rows of `table` in SQLite: the table itself, or for the band rows
// both of SQLite's tables (migration 062), PostgreSQL having one.
std::string SourceOf(const std::string& table) {
  if (table == "article_signature_bands") {
    return "(SELECT band_key, article_id FROM article_signature_bands "
           "UNION ALL SELECT band_key, article_id FROM "
           "article_signature_bands_recent)";
  }
  return table;
}

// Copies the rows of `source` (SourceOf(table)) into `table`.
Result<std::int64_t> CopyTable(sqlite::Connection& from, pg::Connection& to,
                               const std::string& table,
                               const std::string& source) {
  WARTA_ASSIGN_OR_RETURN(std::vector<Column> columns, TargetColumns(to, table));
  std::string names, marks, reads;
  for (const Column& c : columns) {
    names += (names.empty() ? "" : ", ") + c.name;
    marks += marks.empty() ? "?" : ", ?";
    // An article's html and plain text may be packed against its body in
    // SQLite (migration 069): copied as their text.
    const bool packed =
        table == "articles" && (c.name == "html" || c.name == "plaintext");
    reads += (reads.empty() ? "" : ", ") +
             (packed ? "derived_text(body, " + c.name + ")" : c.name);
  }
  WARTA_ASSIGN_OR_RETURN(auto read,
                         from.Prepare("SELECT " + reads + " FROM " + source));
  WARTA_ASSIGN_OR_RETURN(auto write,
                         to.Prepare("INSERT INTO " + table + " (" + names +
                                    ") VALUES (" + marks + ")"));
  std::int64_t copied = 0;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, read.Step());
    if (!row) break;
    for (int i = 0; i < static_cast<int>(columns.size()); ++i) {
      if (read.IsNull(i)) {
        write.BindNull(i + 1);
      } else if (columns[i].bytes) {
        write.BindBlob(i + 1, read.Text(i));
      } else {
        write.BindUntyped(i + 1, read.Text(i));
      }
    }
    Status s = write.Run();
    if (!s.ok()) return s.WithContext("copying " + table);
    write.Reset();
    ++copied;
  }
  return copied;
}

// OK when `pg` holds no newsroom (no schema yet, or tables without rows);
// FailedPrecondition naming `command` otherwise.
Status CheckEmpty(pg::Connection& pg, const std::string& command) {
  WARTA_ASSIGN_OR_RETURN(
      auto schema,
      pg.Prepare("SELECT count(*) FROM information_schema.tables WHERE "
                 "table_schema = current_schema() AND table_name = "
                 "'articles'"));
  WARTA_ASSIGN_OR_RETURN(bool row, schema.Step());
  if (!row || schema.Int(0) == 0) return Status::Ok();
  for (const char* table :
       {"articles", "users", "categories", "tags", "authors", "revisions"}) {
    WARTA_ASSIGN_OR_RETURN(std::int64_t n, CountRows(pg, table));
    if (n > 0)
      return Status::FailedPrecondition(
          "the target database is not empty (" + std::to_string(n) + " " +
          table + "): " + command + " writes into an empty database only");
  }
  return Status::Ok();
}

}  // namespace

Result<MigrateReport> MigrateSqliteToPostgres(const std::string& sqlite_path,
                                              const std::string& postgres_url,
                                              const Clock& clock) {
  {
    // Both schemas at their latest version.
    SqliteOptions so;
    so.path = sqlite_path;
    so.reader_connections = 1;
    WARTA_ASSIGN_OR_RETURN(auto source, OpenSqliteStore(so, clock));
    PgOptions po;
    po.url = postgres_url;
    po.connections = 2;
    WARTA_ASSIGN_OR_RETURN(auto target, OpenPgStore(po, clock));
  }
  WARTA_ASSIGN_OR_RETURN(auto from,
                         sqlite::Connection::Open(sqlite_path, false, "FULL"));
  WARTA_ASSIGN_OR_RETURN(auto to, pg::Connection::Open(postgres_url, 0));
  // One read snapshot of the source; one transaction on the target.
  WARTA_RETURN_IF_ERROR(from->Exec("BEGIN"));
  MigrateReport report;
  Status s = pg::InTransaction(*to, [&]() -> Status {
    // Writers of other nodes wait; a second migrate finds the copy.
    WARTA_RETURN_IF_ERROR(to->Exec("LOCK TABLE meta IN EXCLUSIVE MODE"));
    WARTA_RETURN_IF_ERROR(CheckEmpty(*to, "warta migrate"));
    // No node writes meanwhile (or opens the database before the copy is
    // whole): held until `to` closes.
    WARTA_RETURN_IF_ERROR(pg::LockOutNodes(*to));
    for (const char* table : kTables) {
      const std::string source_rows = SourceOf(table);
      WARTA_ASSIGN_OR_RETURN(std::int64_t copied,
                             CopyTable(*from, *to, table, source_rows));
      WARTA_ASSIGN_OR_RETURN(std::int64_t source,
                             CountRows(*from, source_rows));
      WARTA_ASSIGN_OR_RETURN(std::int64_t target, CountRows(*to, table));
      if (copied != source || target != source)
        return Status::Internal("copying " + std::string(table) + ": " +
                                std::to_string(source) + " rows in SQLite, " +
                                std::to_string(target) + " in PostgreSQL");
      report.tables.emplace_back(table, copied);
    }
    for (const char* table : kSerialTables) {
      const std::string t(table);
      WARTA_RETURN_IF_ERROR(
          to->Exec("SELECT setval(pg_get_serial_sequence('" + t +
                   "', 'id'), GREATEST((SELECT max(id) FROM " + t + "), 1))"));
    }
    // The change log goes on from where it was.
    WARTA_ASSIGN_OR_RETURN(auto meta,
                           from->Prepare("SELECT key, value FROM meta"));
    WARTA_ASSIGN_OR_RETURN(
        auto set, to->Prepare("INSERT INTO meta (key, value) VALUES (?, ?) "
                              "ON CONFLICT (key) DO UPDATE SET value = "
                              "excluded.value"));
    while (true) {
      WARTA_ASSIGN_OR_RETURN(bool row, meta.Step());
      if (!row) break;
      WARTA_RETURN_IF_ERROR(
          set.Bind(1, meta.Text(0)).Bind(2, meta.Int(1)).Run());
      set.Reset();
    }
    return Status::Ok();
  });
  (void)from->Exec("COMMIT");
  if (!s.ok()) return s;
  return report;
}

Status RestorePostgresSnapshot(const std::string& dump_path,
                               const std::string& postgres_url) {
  // `to` holds the node lock until the dump is loaded: no node is using the
  // database, and none opens it before the load is whole.
  WARTA_ASSIGN_OR_RETURN(auto to, pg::Connection::Open(postgres_url, 0));
  WARTA_RETURN_IF_ERROR(CheckEmpty(*to, "warta restore"));
  WARTA_RETURN_IF_ERROR(pg::LockOutNodes(*to));
  return pg::RestoreDump(postgres_url, dump_path);
}

#endif

Result<std::int64_t> CopyMediaFiles(const std::string& media_dir,
                                    MediaStore& store) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(media_dir, ec)) return 0;
  std::int64_t copied = 0;
  for (auto it = fs::recursive_directory_iterator(media_dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string rel = fs::relative(it->path(), media_dir, ec).generic_string();
    if (ec || rel.find(".tmp-") != std::string::npos) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) return Status::IoError("cannot read " + it->path().string());
    WARTA_RETURN_IF_ERROR(store.PutMedia(rel, std::move(bytes).str()));
    ++copied;
  }
  if (ec) return Status::IoError(media_dir + ": " + ec.message());
  return copied;
}

}  // namespace warta
