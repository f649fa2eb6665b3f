// Importer: reads article files (seed-style plain text, Markdown with front
// matter, JSON Lines, each optionally gzip-compressed) and saves them through
// the Newsroom. Each article is saved atomically: a bad file or line is
// reported and nothing of it is written, while the rest still import.
// Re-importing the same source updates (when changed) rather than
// duplicates. The work is split in three steps so bulk import (bulk_import.h)
// can run them on different threads: ItemReader reads, PrepareItem parses and
// renders (thread-safe), SavePrepared writes (one thread at a time).
#ifndef WARTA_INGEST_IMPORTER_H_
#define WARTA_INGEST_IMPORTER_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/result.h"
#include "content/article.h"
#include "ingest/file_reader.h"
#include "ingest/parsed.h"
#include "newsroom/newsroom.h"

namespace warta::ingest {

enum class FileFormat { kText, kMarkdown, kJsonLines };

// By extension (.txt, .md/.markdown, .jsonl/.ndjson, each with optional .gz),
// else by the first bytes ("---" Markdown, '{' JSON Lines, else text).
FileFormat DetectFormat(const std::string& path, std::string_view head);

enum class ImportAction { kCreated, kUpdated, kUnchanged };

struct ImportEvent {
  std::string file;
  int line = 0;                    // 1-based line the article starts on
  Status status;                   // ok, or why this article was not imported
  std::optional<Article> article;  // when ok: the stored article
  ImportAction action = ImportAction::kUnchanged;
};

struct ImportStats {
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::int64_t failed = 0;
  std::int64_t done() const { return created + updated + unchanged + failed; }
  void Count(const ImportEvent& e);
  ImportStats& operator+=(const ImportStats& o);
};

// One article's raw text as read: a JSON line, or a whole file's text
// (Markdown or plain), or the error met reading it.
struct ImportItem {
  std::string file;
  int line = 0;
  FileFormat format = FileFormat::kText;
  std::string text;
  Status error;  // not ok: report this, there is no text
};

// Yields the items of one file in order: each non-blank line of a JSON Lines
// file, else the whole file as one item. Not thread-safe.
class ItemReader {
 public:
  explicit ItemReader(std::string path) : path_(std::move(path)) {}
  // False when the file has no more items.
  bool Next(ImportItem& item);

 private:
  std::string path_;
  bool started_ = false;
  bool done_ = false;
  int line_no_ = 0;
  std::unique_ptr<LineReader> lines_;
};

// An item parsed, checked and rendered, ready for the store.
struct PreparedItem {
  std::string file;
  int line = 0;
  Status status;                     // not ok: report it, nothing to save
  ParsedArticle parsed;              // what the file says
  Article article;                   // composed as a new article, rendered
  std::optional<Revision> revision;  // its first revision, encoded
};

class Importer {
 public:
  Importer(Newsroom& newsroom, ImportDefaults defaults);

  // Imports every article in `path`, one transaction each; calls `on_event`
  // once per article or error, in file order. Returns the counts.
  ImportStats ImportFile(
      const std::string& path,
      const std::function<void(const ImportEvent&)>& on_event);

  // Parses, validates and renders an item. Thread-safe; reads no store.
  PreparedItem PrepareItem(ImportItem item) const;

  // Saves a prepared article: create, update or no-op by its import key.
  // Not thread-safe.
  Result<std::pair<Article, ImportAction>> SavePrepared(
      const PreparedItem& item);

  // The event reporting `item` saved as `r` (or failed before).
  static ImportEvent EventOf(const PreparedItem& item,
                             Result<std::pair<Article, ImportAction>> r);

 private:
  // The article `p` describes, laid over `existing` (the stored article
  // with its import key) when there is one. Not rendered.
  Result<Article> Compose(const ParsedArticle& p,
                          const Article* existing) const;

  Newsroom& newsroom_;
  ImportDefaults defaults_;
};

}  // namespace warta::ingest

#endif  // WARTA_INGEST_IMPORTER_H_
