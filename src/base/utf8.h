// UTF-8 helpers. Pure functions, thread-safe.
#ifndef WARTA_BASE_UTF8_H_
#define WARTA_BASE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace warta {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view s);

// Replaces each ill-formed sequence with U+FFFD.
std::string SanitizeUtf8(std::string_view s);

// Decodes the code point at `pos` and advances `pos`; ill-formed bytes give
// U+FFFD and advance by one. ASCII inline: text is mostly ASCII, and every
// word of every article goes through here (tokenizing, word counts,
// fingerprints) at import. The out-of-line rest (any byte) below.
char32_t DecodeUtf8Multibyte(std::string_view s, size_t& pos);
inline char32_t DecodeUtf8(std::string_view s, size_t& pos) {
  const auto c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) {
    ++pos;
    return c;
  }
  return DecodeUtf8Multibyte(s, pos);
}

// Appends the UTF-8 encoding of `cp`.
void AppendUtf8Multibyte(std::string& out, char32_t cp);
inline void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else {
    AppendUtf8Multibyte(out, cp);
  }
}

// Number of code points.
size_t Utf8Length(std::string_view s);

// The longest prefix of `s` with at most `max_bytes` bytes that does not cut a
// code point in two.
std::string_view Utf8Prefix(std::string_view s, size_t max_bytes);

// Lower-cases ASCII and the Latin-1/Latin Extended-A letters; leaves the rest.
std::string Utf8ToLower(std::string_view s);

}  // namespace warta

#endif  // WARTA_BASE_UTF8_H_
