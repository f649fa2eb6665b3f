// Indonesian stopwords: the stopwords-iso list (MIT; vendored in
// src/text/data/stopwords-id.txt with its origin) minus a few words that
// carry meaning in news and stay searchable (see kKeep in stopwords.cc).
// Immutable after first use; thread-safe.
#ifndef WARTA_TEXT_STOPWORDS_H_
#define WARTA_TEXT_STOPWORDS_H_

#include <string_view>

namespace warta::text {

// True for a folded word (Tokenize's form) that is not worth indexing.
bool IsStopword(std::string_view folded_word);

// Number of stopwords in effect (for tests and docs).
int StopwordCount();

}  // namespace warta::text

#endif  // WARTA_TEXT_STOPWORDS_H_
