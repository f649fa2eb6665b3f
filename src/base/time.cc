#include "base/time.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace warta {
namespace {

constexpr std::string_view kDayNames[] = {"Sun", "Mon", "Tue", "Wed",
                                          "Thu", "Fri", "Sat"};
constexpr std::string_view kMonthNames[] = {"Jan", "Feb", "Mar", "Apr",
                                            "May", "Jun", "Jul", "Aug",
                                            "Sep", "Oct", "Nov", "Dec"};

bool DaysInMonthOk(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= max;
}

// Reads exactly `n` digits at `pos`.
bool ReadDigits(std::string_view s, size_t& pos, int n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += n;
  out = v;
  return true;
}

}  // namespace

std::int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilTime ToCivil(Timestamp t, int offset_seconds) {
  std::int64_t s = t + offset_seconds;
  std::int64_t days = s >= 0 ? s / 86400 : (s - 86399) / 86400;
  std::int64_t rem = s - days * 86400;
  CivilTime c;
  c.hour = static_cast<int>(rem / 3600);
  c.minute = static_cast<int>(rem % 3600 / 60);
  c.second = static_cast<int>(rem % 60);
  c.weekday =
      static_cast<int>(days >= -4 ? (days + 4) % 7 : (days + 5) % 7 + 6);
  std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = static_cast<int>(yoe + era * 400 + (c.month <= 2));
  return c;
}

Timestamp FromCivil(const CivilTime& c, int offset_seconds) {
  return DaysFromCivil(c.year, c.month, c.day) * 86400 + c.hour * 3600 +
         c.minute * 60 + c.second - offset_seconds;
}

Result<Timestamp> ParseIso8601(std::string_view s, int default_offset_seconds) {
  auto bad = [&] {
    return Status::InvalidArgument("not an ISO 8601 date: \"" +
                                   std::string(s.substr(0, 64)) + "\"");
  };
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  CivilTime c;
  size_t p = 0;
  if (!ReadDigits(s, p, 4, c.year) || p >= s.size() || s[p++] != '-' ||
      !ReadDigits(s, p, 2, c.month) || p >= s.size() || s[p++] != '-' ||
      !ReadDigits(s, p, 2, c.day)) {
    return bad();
  }
  if (!DaysInMonthOk(c.year, c.month, c.day)) return bad();
  int offset = default_offset_seconds;
  if (p < s.size()) {
    if (s[p] != 'T' && s[p] != ' ' && s[p] != 't') return bad();
    ++p;
    if (!ReadDigits(s, p, 2, c.hour) || p >= s.size() || s[p++] != ':' ||
        !ReadDigits(s, p, 2, c.minute)) {
      return bad();
    }
    if (p < s.size() && s[p] == ':') {
      ++p;
      if (!ReadDigits(s, p, 2, c.second)) return bad();
      if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
        ++p;
        size_t start = p;
        while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p])))
          ++p;
        if (p == start) return bad();
      }
    }
    if (c.hour > 23 || c.minute > 59 || c.second > 60) return bad();
    if (c.second == 60) c.second = 59;
    if (p < s.size()) {
      char z = s[p];
      if (z == 'Z' || z == 'z') {
        offset = 0;
        ++p;
      } else if (z == '+' || z == '-') {
        ++p;
        int hh = 0, mm = 0;
        if (!ReadDigits(s, p, 2, hh)) return bad();
        if (p < s.size() && s[p] == ':') ++p;
        if (p < s.size() && !ReadDigits(s, p, 2, mm)) return bad();
        if (hh > 14 || mm > 59) return bad();
        offset = (hh * 3600 + mm * 60) * (z == '-' ? -1 : 1);
      } else {
        return bad();
      }
    }
  }
  if (p != s.size()) return bad();
  return FromCivil(c, offset);
}

std::string FormatIso8601Utc(Timestamp t) {
  CivilTime c = ToCivil(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year,
                c.month, c.day, c.hour, c.minute, c.second);
  return buf;
}

std::string FormatIso8601(Timestamp t, int offset_seconds) {
  CivilTime c = ToCivil(t, offset_seconds);
  int off = offset_seconds < 0 ? -offset_seconds : offset_seconds;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
                c.year, c.month, c.day, c.hour, c.minute, c.second,
                offset_seconds < 0 ? '-' : '+', off / 3600, off % 3600 / 60);
  return buf;
}

std::size_t FormatHttpDate(Timestamp t, char* out, std::size_t size) {
  CivilTime c = ToCivil(t);
  int n = std::snprintf(out, size, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                        kDayNames[c.weekday].data(), c.day,
                        kMonthNames[c.month - 1].data(), c.year, c.hour,
                        c.minute, c.second);
  if (n < 0) return 0;
  return std::min(static_cast<std::size_t>(n), size ? size - 1 : 0);
}

std::string FormatHttpDate(Timestamp t) {
  char buf[40];
  return std::string(buf, FormatHttpDate(t, buf, sizeof buf));
}

Result<Timestamp> ParseHttpDate(std::string_view s) {
  auto bad = [&] {
    return Status::InvalidArgument("not an HTTP date: \"" +
                                   std::string(s.substr(0, 64)) + "\"");
  };
  // Optional "Mon, " prefix.
  size_t comma = s.find(',');
  if (comma != std::string_view::npos) s.remove_prefix(comma + 1);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  CivilTime c;
  size_t p = 0;
  int day = 0;
  // Day: one or two digits.
  if (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) {
    day = s[p++] - '0';
    if (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p])))
      day = day * 10 + (s[p++] - '0');
  } else {
    return bad();
  }
  c.day = day;
  if (p >= s.size() || s[p++] != ' ') return bad();
  if (p + 3 > s.size()) return bad();
  std::string_view mon = s.substr(p, 3);
  c.month = 0;
  for (int i = 0; i < 12; ++i) {
    if (mon.size() == 3 &&
        std::tolower(static_cast<unsigned char>(mon[0])) ==
            std::tolower(static_cast<unsigned char>(kMonthNames[i][0])) &&
        std::tolower(static_cast<unsigned char>(mon[1])) == kMonthNames[i][1] &&
        std::tolower(static_cast<unsigned char>(mon[2])) == kMonthNames[i][2]) {
      c.month = i + 1;
    }
  }
  if (c.month == 0) return bad();
  p += 3;
  // Some feeds write the full month name ("September"): skip letters.
  while (p < s.size() && std::isalpha(static_cast<unsigned char>(s[p]))) ++p;
  if (p >= s.size() || s[p++] != ' ') return bad();
  size_t ystart = p;
  while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) ++p;
  if (p - ystart == 4) {
    c.year = std::stoi(std::string(s.substr(ystart, 4)));
  } else if (p - ystart == 2) {
    int yy = std::stoi(std::string(s.substr(ystart, 2)));
    c.year = yy < 70 ? 2000 + yy : 1900 + yy;
  } else {
    return bad();
  }
  if (!DaysInMonthOk(c.year, c.month, c.day)) return bad();
  int offset = 0;
  if (p < s.size()) {
    if (s[p++] != ' ') return bad();
    if (!ReadDigits(s, p, 2, c.hour) || p >= s.size() || s[p++] != ':' ||
        !ReadDigits(s, p, 2, c.minute)) {
      return bad();
    }
    if (p < s.size() && s[p] == ':') {
      ++p;
      if (!ReadDigits(s, p, 2, c.second)) return bad();
    }
    if (c.hour > 23 || c.minute > 59 || c.second > 60) return bad();
    if (c.second == 60) c.second = 59;
    while (p < s.size() && s[p] == ' ') ++p;
    std::string_view zone = s.substr(p);
    if (zone.empty() || zone == "GMT" || zone == "UT" || zone == "UTC" ||
        zone == "Z") {
      offset = 0;
    } else if (zone[0] == '+' || zone[0] == '-') {
      size_t q = 1;
      int hh = 0, mm = 0;
      if (!ReadDigits(zone, q, 2, hh)) return bad();
      if (q < zone.size() && zone[q] == ':') ++q;
      if (!ReadDigits(zone, q, 2, mm)) return bad();
      offset = (hh * 3600 + mm * 60) * (zone[0] == '-' ? -1 : 1);
    } else if (zone == "EST") {
      offset = -5 * 3600;
    } else if (zone == "EDT") {
      offset = -4 * 3600;
    } else if (zone == "CST") {
      offset = -6 * 3600;
    } else if (zone == "CDT") {
      offset = -5 * 3600;
    } else if (zone == "MST") {
      offset = -7 * 3600;
    } else if (zone == "MDT") {
      offset = -6 * 3600;
    } else if (zone == "PST") {
      offset = -8 * 3600;
    } else if (zone == "PDT") {
      offset = -7 * 3600;
    } else if (zone == "WIB") {
      offset = 7 * 3600;
    } else if (zone == "WITA") {
      offset = 8 * 3600;
    } else if (zone == "WIT") {
      offset = 9 * 3600;
    } else {
      return bad();
    }
  }
  return FromCivil(c, offset);
}

}  // namespace warta
