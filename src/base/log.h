// Logging to stderr, one line per call, safe from many threads. Two
// formats: text ("2025-09-29T03:15:00Z I message") and JSON Lines (one
// object a line: {"time":..,"level":..,"message":..} plus any fields).
#ifndef WARTA_BASE_LOG_H_
#define WARTA_BASE_LOG_H_

#include <initializer_list>
#include <string>
#include <string_view>

namespace warta {

enum class LogLevel {
  kDebug = 0,
  kInfo = 1,
  kWarning = 2,
  kError = 3,
  kOff = 4
};

enum class LogFormat { kText, kJson };

// Messages below `level` are dropped. Default kInfo.
void SetLogLevel(LogLevel level);
LogLevel GetLogLevel();

// Default kText. Set once at start-up (server.log_format).
void SetLogFormat(LogFormat format);
LogFormat GetLogFormat();

// One extra field of a JSON log line. `number`: `value` is written bare
// (it must then be a JSON number).
struct LogField {
  std::string_view key;
  std::string value;
  bool number = false;
};

// Writes one line atomically to stderr: "2025-09-29T03:15:00Z I message" as
// text, {"time":"2025-09-29T03:15:00Z","level":"info","message":"..."} as
// JSON.
void Log(LogLevel level, std::string_view message);

// The same with fields: in JSON they are members of the line's object; as
// text the line is `message` alone (callers format text lines themselves).
void Log(LogLevel level, std::string_view message,
         std::initializer_list<LogField> fields);

// `s` as a JSON string literal, quotes included; control bytes and invalid
// UTF-8 are escaped so a client cannot forge log lines.
std::string JsonQuote(std::string_view s);

inline void LogInfo(std::string_view m) { Log(LogLevel::kInfo, m); }
inline void LogWarning(std::string_view m) { Log(LogLevel::kWarning, m); }
inline void LogError(std::string_view m) { Log(LogLevel::kError, m); }
inline void LogDebug(std::string_view m) { Log(LogLevel::kDebug, m); }

}  // namespace warta

#endif  // WARTA_BASE_LOG_H_
