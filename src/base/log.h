// Logging to stderr, one line per call, safe from many threads.
#ifndef WARTA_BASE_LOG_H_
#define WARTA_BASE_LOG_H_

#include <string_view>

namespace warta {

enum class LogLevel {
  kDebug = 0,
  kInfo = 1,
  kWarning = 2,
  kError = 3,
  kOff = 4
};

// Messages below `level` are dropped. Default kInfo.
void SetLogLevel(LogLevel level);
LogLevel GetLogLevel();

// Writes "2025-09-29T03:15:00Z I message\n" atomically to stderr.
void Log(LogLevel level, std::string_view message);

inline void LogInfo(std::string_view m) { Log(LogLevel::kInfo, m); }
inline void LogWarning(std::string_view m) { Log(LogLevel::kWarning, m); }
inline void LogError(std::string_view m) { Log(LogLevel::kError, m); }
inline void LogDebug(std::string_view m) { Log(LogLevel::kDebug, m); }

}  // namespace warta

#endif  // WARTA_BASE_LOG_H_
