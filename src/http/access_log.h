// The access-log line the server writes per request. Pure function,
// thread-safe.
#ifndef WARTA_HTTP_ACCESS_LOG_H_
#define WARTA_HTTP_ACCESS_LOG_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace warta::http {

struct AccessLogEntry {
  std::string_view remote_ip;
  std::string_view method;  // as sent; "-" when the request was unreadable
  std::string_view target;  // as sent
  unsigned version = 11;    // 10 or 11
  int status = 0;
  std::uint64_t bytes = 0;  // body bytes written (after compression)
  std::chrono::steady_clock::duration duration{};
  std::string_view user_agent;
};

// `127.0.0.1 "GET /path HTTP/1.1" 200 5123 0.4ms "curl/8.0"`. Quotes,
// backslashes and control bytes in the request-derived parts are escaped
// (\" \\ \xNN) so a client cannot forge log lines.
std::string FormatAccessLog(const AccessLogEntry& e);

}  // namespace warta::http

#endif  // WARTA_HTTP_ACCESS_LOG_H_
