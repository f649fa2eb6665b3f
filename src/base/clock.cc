#include "base/clock.h"

#include <chrono>

namespace warta {

Timestamp RealClock::Now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

const Clock& RealClock::Get() {
  static const RealClock* clock = new RealClock();
  return *clock;
}

}  // namespace warta
