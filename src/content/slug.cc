#include "content/slug.h"

#include "base/utf8.h"

namespace warta {
namespace {

// ASCII transliteration of Latin-1 Supplement and Latin Extended-A letters.
std::string_view Transliterate(char32_t cp) {
  if (cp >= 0xC0 && cp <= 0xFF) {
    static constexpr const char* kLatin1[64] = {
        "a", "a", "a", "a", "a",  "a",  "ae", "c", "e", "e", "e",  "e", "i",
        "i", "i", "i", "d", "n",  "o",  "o",  "o", "o", "o", "",   "o", "u",
        "u", "u", "u", "y", "th", "ss", "a",  "a", "a", "a", "a",  "a", "ae",
        "c", "e", "e", "e", "e",  "i",  "i",  "i", "i", "d", "n",  "o", "o",
        "o", "o", "o", "",  "o",  "u",  "u",  "u", "u", "y", "th", "y"};
    return kLatin1[cp - 0xC0];
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    static constexpr const char* kExtA =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllll"
        "nnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    return std::string_view(kExtA + (cp - 0x100), 1);
  }
  return {};
}

}  // namespace

std::string Slugify(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_hyphen = false;
  auto put = [&](std::string_view piece) {
    if (pending_hyphen && !out.empty()) out += '-';
    pending_hyphen = false;
    out += piece;
  };
  size_t pos = 0;
  while (pos < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      ++pos;
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        char ch = static_cast<char>(c);
        put(std::string_view(&ch, 1));
      } else if (c >= 'A' && c <= 'Z') {
        char ch = static_cast<char>(c + 32);
        put(std::string_view(&ch, 1));
      } else if (c == '\'') {
        // "Jum'at" -> "jumat": apostrophes join.
      } else {
        pending_hyphen = true;
      }
      continue;
    }
    char32_t cp = DecodeUtf8(text, pos);
    if (cp == 0x2019) continue;  // right single quote used as apostrophe
    std::string_view t = Transliterate(cp);
    if (t.empty()) {
      pending_hyphen = true;
    } else {
      put(t);
    }
  }
  if (out.size() > kMaxSlugLength) {
    size_t cut = out.rfind('-', kMaxSlugLength);
    out.resize(cut == std::string::npos || cut < kMaxSlugLength / 2
                   ? kMaxSlugLength
                   : cut);
    while (!out.empty() && out.back() == '-') out.pop_back();
  }
  return out;
}

bool IsValidSlug(std::string_view slug) {
  if (slug.empty() || slug.size() > kMaxSlugLength) return false;
  if (slug.front() == '-' || slug.back() == '-') return false;
  char prev = 0;
  for (char c : slug) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) return false;
    prev = c;
  }
  return true;
}

}  // namespace warta
