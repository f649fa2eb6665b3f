#include "content/timezone.h"

#include "base/strings.h"

namespace warta {
namespace {

struct Zone {
  const char* name;
  const char* abbreviation;
  int offset;
};

constexpr Zone kZones[] = {
    {"Asia/Jakarta", "WIB", 7 * 3600},
    {"Asia/Pontianak", "WIB", 7 * 3600},
    {"Asia/Makassar", "WITA", 8 * 3600},
    {"Asia/Jayapura", "WIT", 9 * 3600},
    {"UTC", "UTC", 0},
};

}  // namespace

Result<TimeZone> FindTimeZone(std::string_view name) {
  for (const Zone& z : kZones) {
    if (EqualsIgnoreAsciiCase(name, z.name) ||
        EqualsIgnoreAsciiCase(name, z.abbreviation)) {
      return TimeZone{z.name, z.abbreviation, z.offset};
    }
  }
  return Status::InvalidArgument("unknown time zone \"" + std::string(name) +
                                 "\" (use Asia/Jakarta, Asia/Pontianak, "
                                 "Asia/Makassar, Asia/Jayapura or UTC)");
}

TimeZone DefaultTimeZone() { return {"Asia/Jakarta", "WIB", 7 * 3600}; }

}  // namespace warta
