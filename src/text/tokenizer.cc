#include "text/tokenizer.h"

#include "base/strings.h"
#include "base/utf8.h"
#include "text/words.h"

namespace warta::text {
namespace {

constexpr size_t kMaxWordBytes = 64;

// Latin-1 letters U+00C0..U+00FF without their accents (lower case); 0 for
// the two non-letters.
constexpr char kLatin1Base[] =
    "aaaaaaaceeeeiiii"   // C0-CF
    "dnooooo\0ouuuuyts"  // D0-DF (D7 multiplication sign, DE thorn, DF sharp s)
    "aaaaaaaceeeeiiii"   // E0-EF
    "dnooooo\0ouuuuyty";  // F0-FF (F7 division sign)

bool IsDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }

bool IsApostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019; }
bool IsHyphen(char32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }
bool IsSentenceEnd(char32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == '\n';
}

// Upper-case test for the scripts FoldCodePoint folds.
bool IsUpper(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return true;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return true;
  return false;
}

}  // namespace

char32_t FoldCodePoint(char32_t cp) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') return cp + 32;
    if ((cp >= 'a' && cp <= 'z') || IsDigit(cp)) return cp;
    return 0;
  }
  if (!IsWordChar(cp)) return 0;
  if (cp >= 0xC0 && cp <= 0xFF) {
    char c = kLatin1Base[cp - 0xC0];
    return c ? static_cast<char32_t>(c) : 0;
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    // Latin Extended-A, upper and lower case alike, by base letter.
    static constexpr char kBase[] =
        "aaaaaacccccccc"
        "dddd"
        "eeeeeeeeee"
        "gggggggg"
        "hhhh"
        "iiiiiiiiii"
        "ii"
        "jj"
        "kkk"
        "llllllllll"
        "nnnnnnnnn"
        "oooooooo"
        "rrrrrr"
        "ssssssss"
        "tttttt"
        "uuuuuuuuuuuu"
        "ww"
        "yyy"
        "zzzzzz"
        "s";
    static_assert(sizeof(kBase) - 1 == 0x80);
    return static_cast<char32_t>(kBase[cp - 0x100]);
  }
  if (cp >= 0x80 && cp < 0xC0) return 0;  // Latin-1 punctuation and symbols
  return cp;
}

namespace {

// FoldCodePoint with ASCII (nearly every character of an Indonesian text)
// from a table.
struct AsciiFoldTable {
  char32_t fold[128];
  constexpr AsciiFoldTable() : fold() {
    for (char32_t c = 0; c < 128; ++c) {
      fold[c] = (c >= 'A' && c <= 'Z')   ? c + 32
                : (c >= 'a' && c <= 'z') ? c
                : (c >= '0' && c <= '9') ? c
                                         : 0;
    }
  }
};
constexpr AsciiFoldTable kAsciiFold;

inline char32_t Fold(char32_t cp) {
  return cp < 0x80 ? kAsciiFold.fold[cp] : FoldCodePoint(cp);
}

// The scanner behind Tokenize and HashWords: calls emit(word, begin, end,
// capitalized, sentence_start) for each word, `word` a buffer reused from
// word to word (an import tokenizes every article for its fingerprint).
template <typename Emit>
void Scan(std::string_view text, Emit&& emit) {
  std::string word;
  size_t pos = 0;
  bool sentence_start = true;
  while (pos < text.size()) {
    size_t start = pos;
    char32_t cp = DecodeUtf8(text, pos);
    char32_t f = Fold(cp);
    if (f == 0) {
      if (IsSentenceEnd(cp)) sentence_start = true;
      continue;
    }
    const bool capitalized = IsUpper(cp);
    const bool at_sentence_start = sentence_start;
    sentence_start = false;
    word.clear();
    AppendUtf8(word, f);
    char32_t prev = cp;
    size_t end = pos;
    // Letters in the current dot-separated run, for "A.S." abbreviations.
    int run_letters = 1;
    bool dotted_abbrev = true;
    while (pos < text.size()) {
      size_t save = pos;
      char32_t c = DecodeUtf8(text, pos);
      char32_t fc = Fold(c);
      if (fc != 0) {
        AppendUtf8(word, fc);
        ++run_letters;
        if (run_letters > 1) dotted_abbrev = false;
        prev = c;
        end = pos;
        continue;
      }
      // A joiner counts only between two word characters.
      if (pos >= text.size()) {
        pos = save;
        break;
      }
      size_t look = pos;
      char32_t next = DecodeUtf8(text, look);
      char32_t fnext = Fold(next);
      if (fnext == 0) {
        // "A.S." ends with a dot after a single letter: swallow it.
        if (c == '.' && dotted_abbrev && run_letters == 1 && word.size() > 1) {
          end = pos;
        }
        pos = save;
        break;
      }
      if (IsDigit(prev) && IsDigit(next) && c == '.') {
        continue;  // 50.000 -> 50000
      }
      if (IsDigit(prev) && IsDigit(next) && c == ',') {
        word += ',';
        continue;
      }
      if (c == '.' && dotted_abbrev && run_letters == 1 && !IsDigit(next)) {
        run_letters = 0;  // the next letter starts a new run
        continue;
      }
      if (IsApostrophe(c) && !IsDigit(prev)) continue;  // Jum'at -> jumat
      if (IsHyphen(c)) {
        word += '-';
        dotted_abbrev = false;
        continue;
      }
      pos = save;
      break;
    }
    if (word.size() > kMaxWordBytes)
      word.resize(Utf8Prefix(word, kMaxWordBytes).size());
    emit(word, start, end, capitalized, at_sentence_start);
  }
}

}  // namespace

void Tokenize(std::string_view text, std::vector<Token>& out) {
  Scan(text, [&out](const std::string& word, size_t begin, size_t end,
                    bool capitalized, bool sentence_start) {
    Token& t = out.emplace_back();
    t.word = word;
    t.begin = begin;
    t.end = end;
    t.capitalized = capitalized;
    t.sentence_start = sentence_start;
  });
}

void HashWords(std::string_view text, std::vector<std::uint64_t>& out) {
  Scan(text, [&out](const std::string& word, size_t, size_t, bool, bool) {
    out.push_back(Fnv1a64(word));
  });
}

std::string FoldWord(std::string_view word) {
  std::vector<Token> tokens;
  Tokenize(word, tokens);
  if (tokens.empty()) return "";
  return tokens.front().word;
}

}  // namespace warta::text
