#include "markup/url_policy.h"

#include "base/strings.h"

namespace warta::markup {
namespace {

bool IsPlainUrlByte(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
      (c >= '0' && c <= '9')) {
    return true;
  }
  switch (c) {
    case '-':
    case '.':
    case '_':
    case '~':
    case ':':
    case '/':
    case '?':
    case '#':
    case '[':
    case ']':
    case '@':
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case ',':
    case ';':
    case '=':
    case '%':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::optional<SafeUrl> SanitizeUrl(std::string_view url, UrlUse use) {
  while (!url.empty() && url.front() == ' ') url.remove_prefix(1);
  while (!url.empty() && url.back() == ' ') url.remove_suffix(1);
  for (unsigned char c : url) {
    if (c < 0x20 || c == 0x7F) return std::nullopt;
  }

  SafeUrl safe;
  std::size_t colon = url.find(':');
  std::size_t delimiter = url.find_first_of("/?#");
  if (colon != std::string_view::npos && colon < delimiter) {
    std::string_view scheme = url.substr(0, colon);
    bool web = EqualsIgnoreAsciiCase(scheme, "http") ||
               EqualsIgnoreAsciiCase(scheme, "https");
    bool mail = use == UrlUse::kLink && EqualsIgnoreAsciiCase(scheme, "mailto");
    if (!web && !mail) return std::nullopt;
    // "https:javascript:..." and other slash-less forms serve no author.
    if (web && url.substr(colon + 1, 2) != "//") return std::nullopt;
    safe.external = web;
  } else {
    safe.external = url.starts_with("//");
  }

  static constexpr char kHex[] = "0123456789ABCDEF";
  safe.url.reserve(url.size());
  for (unsigned char c : url) {
    if (IsPlainUrlByte(c)) {
      safe.url += static_cast<char>(c);
    } else {
      safe.url += '%';
      safe.url += kHex[c >> 4];
      safe.url += kHex[c & 15];
    }
  }
  return safe;
}

}  // namespace warta::markup
