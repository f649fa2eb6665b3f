// Time zones a newsroom in Indonesia shows dates in. Indonesia has no daylight
// saving time, so each zone is a fixed offset with its Indonesian
// abbreviation. Pure data; thread-safe.
#ifndef WARTA_CONTENT_TIMEZONE_H_
#define WARTA_CONTENT_TIMEZONE_H_

#include <string>
#include <string_view>

#include "base/result.h"

namespace warta {

struct TimeZone {
  std::string name;          // IANA name: "Asia/Jakarta"
  std::string abbreviation;  // "WIB"
  int offset_seconds = 0;    // east of UTC: 25200
};

// Accepts the IANA names of Indonesia's zones (Asia/Jakarta, Asia/Pontianak:
// WIB; Asia/Makassar: WITA; Asia/Jayapura: WIT), their abbreviations, and
// "UTC". Other names are InvalidArgument.
Result<TimeZone> FindTimeZone(std::string_view name);

// Asia/Jakarta, the default.
TimeZone DefaultTimeZone();

}  // namespace warta

#endif  // WARTA_CONTENT_TIMEZONE_H_
