// JSON Lines articles: one JSON object per line with the fields of the corpus
// (title, body, published, category, source, url; also id, slug, tags,
// authors, status, custom_excerpt, dateline). Pure; thread-safe.
#ifndef WARTA_INGEST_JSONL_FORMAT_H_
#define WARTA_INGEST_JSONL_FORMAT_H_

#include <string_view>

#include "base/result.h"
#include "ingest/parsed.h"

namespace warta::ingest {

// Parses one line; InvalidArgument explains what is wrong with it.
Result<ParsedArticle> ParseJsonLine(std::string_view line,
                                    const ImportDefaults& defaults);

}  // namespace warta::ingest

#endif  // WARTA_INGEST_JSONL_FORMAT_H_
