// Small helpers for asserting on served HTML in integration tests.
#ifndef WARTA_TESTS_INTEGRATION_HTML_HELPERS_H_
#define WARTA_TESTS_INTEGRATION_HTML_HELPERS_H_

#include <string>
#include <vector>

#include "base/strings.h"

namespace warta::testing {

// The text between the first `open` and the next `close` after it, or "".
inline std::string Between(const std::string& s, const std::string& open,
                           const std::string& close) {
  size_t a = s.find(open);
  if (a == std::string::npos) return "";
  a += open.size();
  size_t b = s.find(close, a);
  return b == std::string::npos ? "" : s.substr(a, b - a);
}

inline int Count(const std::string& s, const std::string& needle) {
  int n = 0;
  for (size_t p = s.find(needle); p != std::string::npos;
       p = s.find(needle, p + 1))
    ++n;
  return n;
}

// Escapes like the templates do (&, <, >, ", ').
inline std::string Escape(const std::string& s) { return HtmlEscape(s); }

// Every href="..." value in `html`.
inline std::vector<std::string> Hrefs(const std::string& html) {
  std::vector<std::string> out;
  for (size_t p = html.find("href=\""); p != std::string::npos;
       p = html.find("href=\"", p + 1)) {
    size_t end = html.find('"', p + 6);
    out.push_back(html.substr(p + 6, end - p - 6));
  }
  return out;
}

}  // namespace warta::testing

#endif  // WARTA_TESTS_INTEGRATION_HTML_HELPERS_H_
