// Markdown articles with a front matter block (docs/importing.md lists the
// keys). Pure; thread-safe.
#ifndef WARTA_INGEST_MARKDOWN_FORMAT_H_
#define WARTA_INGEST_MARKDOWN_FORMAT_H_

#include <string_view>

#include "base/result.h"
#include "ingest/parsed.h"

namespace warta::ingest {

// `file_stem` ("01-banjir") is the article's import identity, so re-importing
// an edited file updates it; `defaults` reads dates without an offset. Errors
// say "line N: ...".
Result<ParsedArticle> ParseMarkdownArticle(std::string_view text,
                                           std::string_view file_stem,
                                           const ImportDefaults& defaults);

}  // namespace warta::ingest

#endif  // WARTA_INGEST_MARKDOWN_FORMAT_H_
