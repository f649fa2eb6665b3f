// Word counting for reading time and statistics. Pure functions, thread-safe.
#ifndef WARTA_TEXT_WORDS_H_
#define WARTA_TEXT_WORDS_H_

#include <string_view>

namespace warta::text {

// True for code points that form words: letters and digits of any script
// (approximated by: ASCII alnum, Latin-1 letters, and every code point from
// U+0100 up that is not punctuation, a symbol or a space).
bool IsWordChar(char32_t cp);

// Counts words in UTF-8 text: maximal runs of word characters, where an
// apostrophe, hyphen, period or comma between two word characters joins them
// ("isu-isu", "Rp50.000", "Jum'at" are one word each).
int CountWords(std::string_view text);

}  // namespace warta::text

#endif  // WARTA_TEXT_WORDS_H_
