// Importer: reads article files (seed-style plain text, Markdown with front
// matter, JSON Lines, each optionally gzip-compressed) and saves them through
// the Newsroom. Each article is one transaction: a bad file or line is
// reported and nothing of it is written, while the rest still import.
// Re-importing the same source updates (when changed) rather than
// duplicates. Not thread-safe; use one Importer per thread.
#ifndef WARTA_INGEST_IMPORTER_H_
#define WARTA_INGEST_IMPORTER_H_

#include <functional>
#include <optional>
#include <string>

#include "base/result.h"
#include "content/article.h"
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
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  int failed = 0;
};

class Importer {
 public:
  Importer(Newsroom& newsroom, ImportDefaults defaults);

  // Imports every article in `path`; calls `on_event` once per article or
  // error, in file order. Returns the counts for this file.
  ImportStats ImportFile(
      const std::string& path,
      const std::function<void(const ImportEvent&)>& on_event);

  // Saves one parsed article (create, update or no-op by its import key).
  Result<std::pair<Article, ImportAction>> Save(const ParsedArticle& parsed);

 private:
  Newsroom& newsroom_;
  ImportDefaults defaults_;
};

}  // namespace warta::ingest

#endif  // WARTA_INGEST_IMPORTER_H_
