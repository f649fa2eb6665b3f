// Calendar arithmetic on UTC Timestamps and ISO 8601 text. Pure functions,
// thread-safe. Time zones with names live in content/timezone.h.
#ifndef WARTA_BASE_TIME_H_
#define WARTA_BASE_TIME_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"

namespace warta {

struct CivilTime {
  int year = 1970;
  int month = 1;    // 1..12
  int day = 1;      // 1..31
  int hour = 0;     // 0..23
  int minute = 0;   // 0..59
  int second = 0;   // 0..59
  int weekday = 4;  // 0 = Sunday .. 6 = Saturday
};

// The times warta accepts from outside (API, import, ingest):
// 1900-01-01T00:00:00Z to 9999-12-31T23:59:59Z. Beyond them, dates cannot
// be shown as four-digit years and the sitemap cannot file them by month.
inline constexpr Timestamp kMinAcceptedTime = -2208988800;
inline constexpr Timestamp kMaxAcceptedTime = 253402300799;
inline constexpr bool IsAcceptedTime(Timestamp t) {
  return t >= kMinAcceptedTime && t <= kMaxAcceptedTime;
}

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's
// algorithm).
std::int64_t DaysFromCivil(int year, int month, int day);

// Breaks `t + offset_seconds` into calendar fields.
CivilTime ToCivil(Timestamp t, int offset_seconds = 0);

// The Timestamp of a civil time observed at `offset_seconds` east of UTC.
Timestamp FromCivil(const CivilTime& c, int offset_seconds = 0);

// Parses "2025-09-29", "2025-09-29 10:15", "2025-09-29T10:15:00Z",
// "2025-09-29T10:15:00+07:00", "2025-09-29T10:15:00.123+0700".
// Text without an offset is read at `default_offset_seconds`.
Result<Timestamp> ParseIso8601(std::string_view text,
                               int default_offset_seconds = 0);

// "2025-09-29T03:15:00Z".
std::string FormatIso8601Utc(Timestamp t);

// "2025-09-29T10:15:00+07:00".
std::string FormatIso8601(Timestamp t, int offset_seconds);

// RFC 1123 as HTTP and RSS use it: "Mon, 29 Sep 2025 03:15:00 GMT".
std::string FormatHttpDate(Timestamp t);
// The same into `out` (at least 30 bytes, no terminator needed): returns the
// length (29), without allocating.
std::size_t FormatHttpDate(Timestamp t, char* out, std::size_t size);

// Parses the RFC 1123 HTTP date produced above (and RFC 822 variants with a
// numeric zone such as "+0700").
Result<Timestamp> ParseHttpDate(std::string_view text);

}  // namespace warta

#endif  // WARTA_BASE_TIME_H_
