// Feed dates: RFC 822 and its common mistakes, ISO 8601.
#include <cctype>

#include "base/strings.h"
#include "base/time.h"
#include "ingest/feed_parser.h"

namespace warta::ingest {
namespace {

int MonthNumber(std::string_view word) {
  static const char* kNames[][3] = {
      {"jan", "januari", "january"}, {"feb", "februari", "february"},
      {"mar", "maret", "march"},     {"apr", "april", "april"},
      {"may", "mei", "may"},         {"jun", "juni", "june"},
      {"jul", "juli", "july"},       {"aug", "agu", "agustus"},
      {"sep", "sept", "september"},  {"oct", "okt", "oktober"},
      {"nov", "nop", "november"},    {"dec", "des", "desember"}};
  std::string w = AsciiLower(word);
  if (w.ends_with(".")) w.pop_back();
  for (int m = 0; m < 12; ++m) {
    for (const char* n : kNames[m])
      if (w == n) return m + 1;
    if (w.size() >= 3 && std::string_view(kNames[m][2]).starts_with(w))
      return m + 1;
  }
  if (w == "august") return 8;
  if (w == "october") return 10;
  if (w == "december") return 12;
  return 0;
}

// Offset east of UTC for a zone word; nullopt when unknown.
std::optional<int> ZoneOffset(std::string_view zone) {
  std::string z = AsciiLower(zone);
  if (z.empty()) return std::nullopt;
  if (z[0] == '+' || z[0] == '-') {
    std::string digits;
    for (char c : z.substr(1))
      if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    if (digits.size() == 2) digits += "00";
    if (digits.size() != 4) return std::nullopt;
    int h = std::stoi(digits.substr(0, 2)), m = std::stoi(digits.substr(2));
    if (h > 14 || m > 59) return std::nullopt;
    int off = h * 3600 + m * 60;
    return z[0] == '-' ? -off : off;
  }
  struct Named {
    const char* name;
    int hours;
  } kNamed[] = {{"gmt", 0},  {"ut", 0},   {"utc", 0},  {"z", 0},    {"wib", 7},
                {"wita", 8}, {"wit", 9},  {"est", -5}, {"edt", -4}, {"cst", -6},
                {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7},
                {"bst", 1},  {"cet", 1},  {"cest", 2}, {"jst", 9},  {"sgt", 8}};
  for (const Named& n : kNamed)
    if (z == n.name) return n.hours * 3600;
  return std::nullopt;
}

// "[Mon,] 29 Sep 2025 10:15[:00] [zone]", also "Sep 29 2025" and
// "29 September 2025".
std::optional<Timestamp> ParseLooseRfc822(std::string_view text,
                                          int default_offset) {
  std::string t(text);
  for (char& c : t)
    if (c == ',') c = ' ';
  std::vector<std::string> words;
  for (std::string_view w : Split(t, ' ')) {
    if (!Trim(w).empty()) words.emplace_back(Trim(w));
  }
  CivilTime c;
  int day = 0, month = 0, year = 0;
  bool have_time = false;
  std::optional<int> offset;
  for (const std::string& w : words) {
    if (w.find(':') != std::string::npos && !have_time) {
      std::vector<std::string_view> hms = Split(w, ':');
      if (hms.size() < 2 || hms.size() > 3) return std::nullopt;
      std::optional<std::int64_t> h = ParseInt(hms[0]);
      std::optional<std::int64_t> m = ParseInt(hms[1]);
      std::optional<std::int64_t> s = std::int64_t{0};
      if (hms.size() == 3) s = ParseInt(hms[2].substr(0, 2));
      if (!h.has_value() || !m.has_value() || !s.has_value())
        return std::nullopt;
      if (h.value() > 23 || m.value() > 59 || s.value() > 60)
        return std::nullopt;
      c.hour = static_cast<int>(h.value());
      c.minute = static_cast<int>(m.value());
      c.second = static_cast<int>(std::min<std::int64_t>(s.value(), 59));
      have_time = true;
    } else if (auto n = ParseInt(w)) {
      if (day == 0 && *n >= 1 && *n <= 31 && w.size() <= 2) {
        day = int(*n);
      } else if (year == 0 && (w.size() == 4 || w.size() == 2)) {
        year = int(*n);
        if (w.size() == 2) year += year < 70 ? 2000 : 1900;
      } else {
        return std::nullopt;
      }
    } else if (int mo = MonthNumber(w); mo && !month) {
      month = mo;
    } else if (auto z = ZoneOffset(w); z && have_time) {
      offset = z;
    } else if (w.size() >= 3 &&
               std::isalpha(static_cast<unsigned char>(w[0])) && !have_time &&
               month == 0) {
      continue;  // a weekday ("Mon", "Senin")
    } else if (w.starts_with("(")) {
      continue;  // "(WIB)" comments
    } else if (!have_time || offset) {
      return std::nullopt;
    }
  }
  if (!day || !month || !year) return std::nullopt;
  c.year = year;
  c.month = month;
  c.day = day;
  return FromCivil(c, offset.value_or(default_offset));
}

}  // namespace

std::optional<Timestamp> ParseFeedDate(std::string_view text,
                                       int default_offset_seconds) {
  text = Trim(text);
  if (text.empty()) return std::nullopt;
  if (std::isdigit(static_cast<unsigned char>(text[0])) && text.size() >= 10 &&
      text[4] == '-') {
    auto iso = ParseIso8601(text, default_offset_seconds);
    if (iso.ok()) return *iso;
  }
  // The loose reader first: it honours the default offset when no zone is
  // written, where ParseHttpDate assumes GMT.
  auto loose = ParseLooseRfc822(text, default_offset_seconds);
  if (!loose) {
    auto http = ParseHttpDate(text);
    if (http.ok()) return *http;
    return std::nullopt;
  }
  // Years far outside what a news feed carries are mistakes.
  if (*loose < 0 || *loose > 4102444800) return std::nullopt;
  return loose;
}

}  // namespace warta::ingest
