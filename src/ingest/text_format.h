// The plain-text article layout of the seed: a title line, an optional
// "waktu baca N menit" line, paragraphs separated by blank lines (the first
// opening with a dateline "City (OUTLET) - "), an optional "Sumber: X" line,
// and page chrome ("Bagikan", "Mungkin Kamu Suka", "Baca juga: ...") that is
// dropped. Pure; thread-safe.
#ifndef WARTA_INGEST_TEXT_FORMAT_H_
#define WARTA_INGEST_TEXT_FORMAT_H_

#include <string_view>

#include "base/result.h"
#include "ingest/parsed.h"

namespace warta::ingest {

// InvalidArgument with "line N: ..." when the text is not an article.
Result<ParsedArticle> ParseTextArticle(std::string_view text);

}  // namespace warta::ingest

#endif  // WARTA_INGEST_TEXT_FORMAT_H_
