// The query language of warta's search box, and its parser.
//   korea utara rudal     every word must match (any affix form: stems)
//   "korea utara" rudal   quoted words must stand together, in order
//   korea ut              the last bare word also matches words starting
//                         with it ("ut" -> utara, utama), as one types
// Rejected with InvalidArgument (HTTP 400): an empty query, one longer than
// kMaxQueryChars characters or with more than kMaxQueryWords words, invalid
// UTF-8, control characters, an unclosed quotation mark. Pure; thread-safe.
#ifndef WARTA_INDEX_QUERY_H_
#define WARTA_INDEX_QUERY_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "text/analyzer.h"

namespace warta::index {

inline constexpr std::size_t kMaxQueryChars = 200;
inline constexpr int kMaxQueryWords = 32;

struct QueryWord {
  std::string folded;  // as typed, folded: "menyuarakan"
  std::string term;    // its stem: "suara"
  int offset = 0;      // position within a phrase (stopwords count)
  bool stopword = false;
};

struct QueryClause {
  std::vector<QueryWord> words;  // one, or the words of a phrase
  bool phrase = false;
  bool prefix = false;  // the last bare word: also words starting with it
  // A bare stopword: adds to the score where present, not required (unless
  // the query has nothing else).
  bool optional = false;
};

struct ParsedQuery {
  std::string text;  // the query, trimmed
  std::vector<QueryClause> clauses;
  // Every folded word in order (stopwords too), for suggestions.
  std::vector<std::string> words;
};

Result<ParsedQuery> ParseQuery(std::string_view query,
                               const text::Analyzer& analyzer);

}  // namespace warta::index

#endif  // WARTA_INDEX_QUERY_H_
