#include "content/dates.h"

#include <cstdio>

#include "base/strings.h"
#include "base/time.h"

namespace warta {
namespace {

constexpr std::string_view kDaysId[] = {"Minggu", "Senin", "Selasa", "Rabu",
                                        "Kamis",  "Jumat", "Sabtu"};
constexpr std::string_view kDaysEn[] = {"Sunday",    "Monday",   "Tuesday",
                                        "Wednesday", "Thursday", "Friday",
                                        "Saturday"};
constexpr std::string_view kMonthsId[] = {
    "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
    "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
constexpr std::string_view kMonthsEn[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::string_view kShortMonthsId[] = {"Jan", "Feb", "Mar", "Apr",
                                               "Mei", "Jun", "Jul", "Agu",
                                               "Sep", "Okt", "Nov", "Des"};
constexpr std::string_view kShortMonthsEn[] = {"Jan", "Feb", "Mar", "Apr",
                                               "May", "Jun", "Jul", "Aug",
                                               "Sep", "Oct", "Nov", "Dec"};

std::string_view MonthName(int month, Language lang) {
  return lang == Language::kEnglish ? kMonthsEn[month - 1]
                                    : kMonthsId[month - 1];
}

}  // namespace

Language ParseLanguage(std::string_view code) {
  return StartsWithIgnoreAsciiCase(code, "en") ? Language::kEnglish
                                               : Language::kIndonesian;
}

std::string_view LanguageCode(Language lang) {
  return lang == Language::kEnglish ? "en" : "id";
}

std::string FormatLongDate(Timestamp t, const TimeZone& tz, Language lang) {
  CivilTime c = ToCivil(t, tz.offset_seconds);
  std::string out = std::to_string(c.day);
  out += ' ';
  out += MonthName(c.month, lang);
  out += ' ';
  out += std::to_string(c.year);
  return out;
}

std::string FormatLongDateTime(Timestamp t, const TimeZone& tz, Language lang) {
  CivilTime c = ToCivil(t, tz.offset_seconds);
  std::string out(lang == Language::kEnglish ? kDaysEn[c.weekday]
                                             : kDaysId[c.weekday]);
  out += ", ";
  out += FormatLongDate(t, tz, lang);
  char hm[8];
  std::snprintf(hm, sizeof hm, " %02d:%02d", c.hour, c.minute);
  out += hm;
  out += ' ';
  out += tz.abbreviation;
  return out;
}

std::string FormatShortDate(Timestamp t, const TimeZone& tz, Language lang) {
  CivilTime c = ToCivil(t, tz.offset_seconds);
  std::string out = std::to_string(c.day);
  out += ' ';
  out += lang == Language::kEnglish ? kShortMonthsEn[c.month - 1]
                                    : kShortMonthsId[c.month - 1];
  out += ' ';
  out += std::to_string(c.year);
  return out;
}

std::string FormatMonthYear(int year, int month, Language lang) {
  std::string out(MonthName(month, lang));
  out += ' ';
  out += std::to_string(year);
  return out;
}

}  // namespace warta
