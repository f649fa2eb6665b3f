#include "base/log.h"

#include <unistd.h>

#include <atomic>
#include <string>

#include "base/clock.h"
#include "base/time.h"

namespace warta {
namespace {
std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};
}  // namespace

void SetLogLevel(LogLevel level) { g_level.store(static_cast<int>(level)); }
LogLevel GetLogLevel() { return static_cast<LogLevel>(g_level.load()); }

void Log(LogLevel level, std::string_view message) {
  if (static_cast<int>(level) < g_level.load()) return;
  static constexpr char kTag[] = {'D', 'I', 'W', 'E'};
  std::string line = FormatIso8601Utc(RealClock::Get().Now());
  line += ' ';
  line += kTag[static_cast<int>(level)];
  line += ' ';
  line += message;
  line += '\n';
  // One write(2) per line keeps lines whole across threads.
  size_t off = 0;
  while (off < line.size()) {
    ssize_t n = ::write(STDERR_FILENO, line.data() + off, line.size() - off);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
}

}  // namespace warta
