#include "text/words.h"

#include "base/utf8.h"

namespace warta::text {

bool IsWordChar(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
           (cp >= 'A' && cp <= 'Z');
  }
  if (cp < 0x100) return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7;
  // General punctuation, symbols, spaces, CJK punctuation, replacement char.
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;
  if (cp >= 0x3000 && cp <= 0x303F) return false;
  if (cp >= 0xFE30 && cp <= 0xFE4F) return false;
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;
  if (cp == 0xFFFD || cp == 0xFEFF) return false;
  return true;
}

namespace {

// IsWordChar of ASCII from a table: CountWords runs over every article.
struct AsciiWordChars {
  bool is[128];
  constexpr AsciiWordChars() : is() {
    for (char32_t c = 0; c < 128; ++c) {
      is[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
              (c >= 'A' && c <= 'Z');  // as IsWordChar
    }
  }
};
constexpr AsciiWordChars kAsciiWordChar;

}  // namespace

int CountWords(std::string_view text) {
  int count = 0;
  bool in_word = false;
  bool pending_joiner = false;  // a joiner seen right after a word char
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = DecodeUtf8(text, pos);
    if (cp < 0x80 ? kAsciiWordChar.is[cp] : IsWordChar(cp)) {
      if (!in_word && !pending_joiner) ++count;
      in_word = true;
      pending_joiner = false;
      continue;
    }
    bool joiner = cp == '-' || cp == '\'' || cp == 0x2019 || cp == '.' ||
                  cp == ',' || cp == 0x2010 || cp == 0x2011;
    pending_joiner = in_word && joiner;
    in_word = false;
  }
  return count;
}

}  // namespace warta::text
