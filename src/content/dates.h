// Dates as readers see them, in Indonesian (the default) or English.
// Pure functions, thread-safe.
#ifndef WARTA_CONTENT_DATES_H_
#define WARTA_CONTENT_DATES_H_

#include <string>
#include <string_view>

#include "base/clock.h"
#include "content/timezone.h"

namespace warta {

enum class Language { kIndonesian, kEnglish };

// "id" / "id-ID" -> kIndonesian, "en*" -> kEnglish; anything else kIndonesian.
Language ParseLanguage(std::string_view code);
std::string_view LanguageCode(Language lang);  // "id", "en"

// "Senin, 29 September 2025 10:15 WIB" / "Monday, 29 September 2025 10:15 WIB".
std::string FormatLongDateTime(Timestamp t, const TimeZone& tz, Language lang);

// "29 September 2025" / "29 September 2025".
std::string FormatLongDate(Timestamp t, const TimeZone& tz, Language lang);

// "29 Sep 2025" / "29 Sep 2025" ("Agu", "Okt", "Des" in Indonesian).
std::string FormatShortDate(Timestamp t, const TimeZone& tz, Language lang);

// "September 2025".
std::string FormatMonthYear(int year, int month, Language lang);

}  // namespace warta

#endif  // WARTA_CONTENT_DATES_H_
