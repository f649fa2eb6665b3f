// Small string helpers used across modules. Pure functions, thread-safe.
#ifndef WARTA_BASE_STRINGS_H_
#define WARTA_BASE_STRINGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warta {

// Strips ASCII whitespace and U+00A0 (no-break space) from both ends.
std::string_view Trim(std::string_view s);

// Splits on `sep`; keeps empty pieces.
std::vector<std::string_view> Split(std::string_view s, char sep);

// Split's pieces one at a time, without allocating:
//   SplitPieces pieces(s, ','); for (std::string_view p; pieces.Next(&p);)
class SplitPieces {
 public:
  SplitPieces(std::string_view s, char sep) : rest_(s), sep_(sep) {}
  // The next piece into `*piece`; false after the last.
  bool Next(std::string_view* piece) {
    if (done_) return false;
    size_t p = rest_.find(sep_);
    if (p == std::string_view::npos) {
      *piece = rest_;
      done_ = true;
    } else {
      *piece = rest_.substr(0, p);
      rest_.remove_prefix(p + 1);
    }
    return true;
  }

 private:
  std::string_view rest_;
  char sep_;
  bool done_ = false;
};

// Joins with `sep`.
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

std::string AsciiLower(std::string_view s);
bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreAsciiCase(std::string_view s, std::string_view prefix);

// Parses a whole decimal integer; nullopt on anything else or overflow.
std::optional<std::int64_t> ParseInt(std::string_view s);

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view s);
void AppendHtmlEscaped(std::string& out, std::string_view s);

// Percent-encodes everything but unreserved characters (RFC 3986).
std::string UrlEncode(std::string_view s);
// UrlEncode appended to `*out` (no allocation when it has the capacity).
void AppendUrlEncoded(std::string_view s, std::string* out);
// Like UrlEncode but keeps '/' (for paths).
std::string UrlEncodePath(std::string_view s);
// Decodes %XX and (when `plus_is_space`) '+'. Bad escapes are kept as is.
std::string UrlDecode(std::string_view s, bool plus_is_space = true);

// Lower-case hex of the bytes.
std::string HexEncode(std::string_view bytes);

// A fast 64-bit FNV-1a hash, for keys and ETags (not for security).
std::uint64_t Fnv1a64(std::string_view s);

}  // namespace warta

#endif  // WARTA_BASE_STRINGS_H_
