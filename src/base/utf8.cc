#include "base/utf8.h"

namespace warta {

char32_t DecodeUtf8Multibyte(std::string_view s, size_t& pos) {
  constexpr char32_t kBad = 0xFFFD;
  auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = b(pos);
  if (c < 0x80) {  // DecodeUtf8 handles these inline; kept for any caller
    ++pos;
    return c;
  }
  int len;
  char32_t cp;
  char32_t min;
  if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    ++pos;
    return kBad;
  }
  if (pos + len > s.size()) {
    ++pos;
    return kBad;
  }
  for (int i = 1; i < len; ++i) {
    unsigned char cc = b(pos + i);
    if ((cc & 0xC0) != 0x80) {
      ++pos;
      return kBad;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return kBad;
  }
  pos += len;
  return cp;
}

void AppendUtf8Multibyte(std::string& out, char32_t cp) {
  if (cp < 0x80) {  // AppendUtf8 handles these inline; kept for any caller
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool IsValidUtf8(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    size_t before = pos;
    char32_t cp = DecodeUtf8(s, pos);
    if (cp == 0xFFFD &&
        !(pos - before == 3 && s.substr(before, 3) == "\xEF\xBF\xBD")) {
      return false;
    }
  }
  return true;
}

std::string SanitizeUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size());
  size_t pos = 0;
  while (pos < s.size()) AppendUtf8(out, DecodeUtf8(s, pos));
  return out;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string_view Utf8Prefix(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

std::string Utf8ToLower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t pos = 0;
  while (pos < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32)
                                    : static_cast<char>(c);
      ++pos;
      continue;
    }
    char32_t cp = DecodeUtf8(s, pos);
    if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)) {
      cp += 0x20;
    } else if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x138 &&
               cp != 0x149 && cp != 0x178 && cp != 0x17F) {
      // Latin Extended-A alternates upper (even) / lower (odd) in two runs.
      bool even_upper = (cp <= 0x137) || (cp >= 0x14A && cp <= 0x177);
      if (even_upper ? (cp % 2 == 0) : (cp % 2 == 1)) cp += 1;
    } else if (cp == 0x178) {
      cp = 0xFF;
    }
    AppendUtf8(out, cp);
  }
  return out;
}

}  // namespace warta
