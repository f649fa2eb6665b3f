// Snippets: the passage of a text that holds the most of the query's terms,
// HTML-escaped, with matched words wrapped in <mark>...</mark>. Pure;
// thread-safe.
#ifndef WARTA_INDEX_SNIPPET_H_
#define WARTA_INDEX_SNIPPET_H_

#include <string>
#include <string_view>
#include <unordered_set>

#include "text/analyzer.h"

namespace warta::index {

// The best window of about `max_chars` characters of `text` (whole words,
// "…" where cut). Without matches: the start of the text.
std::string MakeSnippet(const text::Analyzer& analyzer, std::string_view text,
                        const std::unordered_set<std::string>& terms,
                        std::size_t max_chars = 220);

// All of `text`, escaped, with matched words marked (for titles).
std::string HighlightAll(const text::Analyzer& analyzer, std::string_view text,
                         const std::unordered_set<std::string>& terms);

// What a word must hold to be able to yield `term`: the term without its
// first letter, in lower case (the whole term when it has one letter).
// Every way a word comes to its stem (text/stemmer.h) keeps those letters:
// Indonesian prefixes replace at most the stem's first letter ("menyuarakan"
// -> "suara" holds "uara"), and suffixes, particles and reduplication are
// only cut off. Snippets analyse only the words that hold a term's cue.
std::string MatchCue(std::string_view term);

}  // namespace warta::index

#endif  // WARTA_INDEX_SNIPPET_H_
