// The access-log line the server writes per request, and the writer that
// keeps it off the request path. Thread-safe.
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
  std::string_view route;       // the route pattern, "" when none answered
  std::string_view request_id;  // X-Request-Id as echoed
};

// `127.0.0.1 "GET /path HTTP/1.1" 200 5123 0.4ms "curl/8.0"`. Quotes,
// backslashes and control bytes in the request-derived parts are escaped
// (\" \\ \xNN) so a client cannot forge log lines.
// Query values whose names suggest a secret (token, password, secret, key,
// auth, session, csrf, signature) are written as "REDACTED". With a request
// id the line ends in ` id=<request id>`.
std::string FormatAccessLog(const AccessLogEntry& e);
// The same line appended to `*out`.
void AppendAccessLog(const AccessLogEntry& e, std::string* out);

// `target` with the values of secret-looking query parameters replaced by
// "REDACTED" ("/x?token=abc&q=1" -> "/x?token=REDACTED&q=1").
std::string RedactTarget(std::string_view target);

// Logs the entry at info level: FormatAccessLog's line as text, or a JSON
// object with message "request" and the fields remote_ip, method, target,
// status, bytes, duration_ms, user_agent, route and request_id.
// Text lines are not written per request: the line goes to the calling
// thread's buffer and a background thread writes the buffers to stderr every
// 20 ms; when a thread's buffer is full (1 MiB) the line is dropped and
// counted instead of making the request wait. JSON lines go through Log.
void WriteAccessLog(const AccessLogEntry& e);
// Writes every buffered line now (the server calls it when Run() ends).
void FlushAccessLog();
// Lines dropped for a full buffer since the process started.
std::uint64_t DroppedAccessLogLines();

}  // namespace warta::http

#endif  // WARTA_HTTP_ACCESS_LOG_H_
