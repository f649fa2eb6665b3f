// Tokenizer: splits UTF-8 text into words for search. Case-folds (ASCII,
// Latin-1, Latin Extended-A) and strips Latin accents ("é" -> "e"), drops
// punctuation, joins the parts of numbers ("50.000" -> "50000", "3,5" stays),
// dotted abbreviations ("A.S." -> "as") and apostrophes inside words
// ("Jum'at" -> "jumat"), and keeps hyphenated words whole ("isu-isu") for the
// analyzer to split or fold. Pure functions, thread-safe.
#ifndef WARTA_TEXT_TOKENIZER_H_
#define WARTA_TEXT_TOKENIZER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace warta::text {

struct Token {
  std::string word;  // folded: lower case, no accents, no inner dots
  size_t begin = 0;  // byte span of the word in the input
  size_t end = 0;
  bool capitalized = false;     // the input word started with a capital
  bool sentence_start = false;  // first word of the text or after . ! ? :
};

// Appends the words of `text` to `out` in order. Words longer than 64 bytes
// after folding are cut there (URLs, hashes).
void Tokenize(std::string_view text, std::vector<Token>& out);

// Appends Fnv1a64 of each word Tokenize would produce for `text`, in order,
// without building the tokens (near-duplicate fingerprints).
void HashWords(std::string_view text, std::vector<std::uint64_t>& out);

// Folds one code point the way Tokenize does: lower case without accents;
// 0 for code points that are not part of words.
char32_t FoldCodePoint(char32_t cp);

// The folded form of a single word (or of a query fragment), as Tokenize
// would produce for it when it is one token; "" when it holds no word.
std::string FoldWord(std::string_view word);

}  // namespace warta::text

#endif  // WARTA_TEXT_TOKENIZER_H_
