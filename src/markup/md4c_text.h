// Small helpers for text that comes out of md4c. Pure functions,
// thread-safe. Module-internal.
#ifndef WARTA_MARKUP_MD4C_TEXT_H_
#define WARTA_MARKUP_MD4C_TEXT_H_

#include <md4c.h>

#include <string>
#include <string_view>

namespace warta::markup {

inline constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD

// `text` with the control characters HTML and XML 1.0 reject (C0 except tab,
// LF, CR; and DEL) replaced by U+FFFD. Returns `text` itself when it is clean,
// else a view of `buffer`, which holds the copy.
std::string_view WithoutBadControls(std::string_view text, std::string& buffer);

// The text of an md4c attribute (link href/title, image src/title, code
// fence language) with character references decoded and NULs as U+FFFD.
std::string DecodeAttribute(const MD_ATTRIBUTE& attr);

}  // namespace warta::markup

#endif  // WARTA_MARKUP_MD4C_TEXT_H_
