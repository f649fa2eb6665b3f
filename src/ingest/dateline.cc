#include "ingest/dateline.h"

#include "base/strings.h"

namespace warta::ingest {
namespace {

bool IsCapitalStart(std::string_view s) {
  if (s.empty()) return false;
  unsigned char c = static_cast<unsigned char>(s[0]);
  return (c >= 'A' && c <= 'Z') || c >= 0xC0;  // ASCII capital or non-ASCII
}

// Length of a dash separator at the start of `s` ("-", "--", "–", "—"), or 0.
size_t DashLength(std::string_view s) {
  if (s.substr(0, 2) == "--") return 2;
  if (s.substr(0, 1) == "-") return 1;
  if (s.substr(0, 3) == "\xE2\x80\x93" || s.substr(0, 3) == "\xE2\x80\x94")
    return 3;
  return 0;
}

}  // namespace

std::optional<Dateline> ParseDateline(std::string_view p) {
  size_t open = p.find(" (");
  if (open == std::string_view::npos || open == 0 || open > 60)
    return std::nullopt;
  std::string_view city = p.substr(0, open);
  if (!IsCapitalStart(city)) return std::nullopt;
  int words = 1;
  for (char c : city) {
    if (c == ' ') ++words;
    if (c == '.' || c == '!' || c == '?' || c == '"' || c == ':' || c == ';' ||
        c == '(' || c == ')')
      return std::nullopt;
  }
  if (words > 5) return std::nullopt;
  size_t close = p.find(')', open + 2);
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view outlet = Trim(p.substr(open + 2, close - open - 2));
  if (outlet.empty() || outlet.size() > 40 || !IsCapitalStart(outlet) ||
      outlet.find('(') != std::string_view::npos)
    return std::nullopt;
  size_t pos = close + 1;
  while (pos < p.size() && p[pos] == ' ') ++pos;
  size_t dash = DashLength(p.substr(pos));
  if (dash == 0) return std::nullopt;
  pos += dash;
  while (pos < p.size() && p[pos] == ' ') ++pos;
  // A trailing comma after the city is allowed: "Jakarta, (ANTARA)" is rare;
  // strip one if present.
  std::string c(Trim(city));
  if (!c.empty() && c.back() == ',') c.pop_back();
  return Dateline{c, std::string(outlet), pos};
}

Dateline SplitDatelineField(std::string_view field) {
  field = Trim(field);
  size_t open = field.find('(');
  size_t close = field.rfind(')');
  if (open != std::string_view::npos && close != std::string_view::npos &&
      close > open) {
    return Dateline{std::string(Trim(field.substr(0, open))),
                    std::string(Trim(field.substr(open + 1, close - open - 1))),
                    0};
  }
  return Dateline{std::string(field), "", 0};
}

}  // namespace warta::ingest
