// Which link and image URLs may reach the HTML, and how they are written.
// Pure functions, thread-safe.
#ifndef WARTA_MARKUP_URL_POLICY_H_
#define WARTA_MARKUP_URL_POLICY_H_

#include <optional>
#include <string>
#include <string_view>

namespace warta::markup {

enum class UrlUse {
  kLink,   // http, https, mailto and relative URLs
  kImage,  // http, https and relative URLs
};

struct SafeUrl {
  // Percent-encoded where a byte is not plain URL text (space, quotes, '<',
  // '\\', non-ASCII, ...); still needs HTML attribute escaping.
  std::string url;
  // True for http(s) and scheme-relative ("//host") URLs.
  bool external = false;
};

// `url` is the destination after entity decoding. Returns nullopt when the
// URL is refused: a scheme outside the allowed set (anything before a ':'
// that precedes the first '/', '?' or '#' counts as a scheme), http(s)
// without "//" after the colon, or any ASCII control character (tab and
// newline included). Spaces at either end are trimmed, as browsers do.
std::optional<SafeUrl> SanitizeUrl(std::string_view url, UrlUse use);

}  // namespace warta::markup

#endif  // WARTA_MARKUP_URL_POLICY_H_
