#include "base/log.h"

#include <unistd.h>

#include <atomic>
#include <string>

#include "base/clock.h"
#include "base/time.h"
#include "base/utf8.h"

namespace warta {
namespace {
std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};
std::atomic<int> g_format{static_cast<int>(LogFormat::kText)};

void WriteLine(const std::string& line) {
  // One write(2) per line keeps lines whole across threads.
  size_t off = 0;
  while (off < line.size()) {
    ssize_t n = ::write(STDERR_FILENO, line.data() + off, line.size() - off);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
}

}  // namespace

void SetLogLevel(LogLevel level) { g_level.store(static_cast<int>(level)); }
LogLevel GetLogLevel() { return static_cast<LogLevel>(g_level.load()); }
void SetLogFormat(LogFormat format) {
  g_format.store(static_cast<int>(format));
}
LogFormat GetLogFormat() { return static_cast<LogFormat>(g_format.load()); }

std::string JsonQuote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  std::string valid = IsValidUtf8(s) ? std::string(s) : SanitizeUtf8(s);
  for (unsigned char c : valid) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

void Log(LogLevel level, std::string_view message,
         std::initializer_list<LogField> fields) {
  if (static_cast<int>(level) < g_level.load()) return;
  std::string time = FormatIso8601Utc(RealClock::Get().Now());
  std::string line;
  if (GetLogFormat() == LogFormat::kJson) {
    static constexpr const char* kName[] = {"debug", "info", "warning",
                                            "error"};
    line = "{\"time\":\"" + time + "\",\"level\":\"" +
           kName[static_cast<int>(level)] +
           "\",\"message\":" + JsonQuote(message);
    for (const LogField& f : fields) {
      line += ',';
      line += JsonQuote(f.key);
      line += ':';
      line += f.number ? f.value : JsonQuote(f.value);
    }
    line += "}\n";
  } else {
    static constexpr char kTag[] = {'D', 'I', 'W', 'E'};
    line = std::move(time);
    line += ' ';
    line += kTag[static_cast<int>(level)];
    line += ' ';
    line += message;
    line += '\n';
  }
  WriteLine(line);
}

void Log(LogLevel level, std::string_view message) { Log(level, message, {}); }

}  // namespace warta
