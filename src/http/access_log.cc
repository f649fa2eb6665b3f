#include "http/access_log.h"

#include <cstdio>

#include "base/log.h"
#include "base/strings.h"

namespace warta::http {
namespace {

void AppendEscaped(std::string& out, std::string_view s, size_t max = 1024) {
  static constexpr char kHex[] = "0123456789abcdef";
  if (s.size() > max) s = s.substr(0, max);
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
}

bool SecretName(std::string_view name) {
  std::string lower = AsciiLower(name);
  for (std::string_view word : {"token", "password", "passwd", "secret", "key",
                                "auth", "session", "csrf", "signature"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

std::string RedactTarget(std::string_view target) {
  size_t q = target.find('?');
  if (q == std::string_view::npos) return std::string(target);
  std::string out(target.substr(0, q + 1));
  bool first = true;
  for (std::string_view pair : Split(target.substr(q + 1), '&')) {
    if (!first) out += '&';
    first = false;
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && SecretName(pair.substr(0, eq))) {
      out += pair.substr(0, eq + 1);
      out += "REDACTED";
    } else {
      out += pair;
    }
  }
  return out;
}

void WriteAccessLog(const AccessLogEntry& e) {
  if (GetLogFormat() != LogFormat::kJson) {
    LogInfo(FormatAccessLog(e));
    return;
  }
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.3f",
                std::chrono::duration<double, std::milli>(e.duration).count());
  std::string_view ua = e.user_agent;
  if (ua.size() > 1024) ua = ua.substr(0, 1024);
  std::string_view target = e.target;
  if (target.size() > 4096) target = target.substr(0, 4096);
  Log(LogLevel::kInfo, "request",
      {{"remote_ip", std::string(e.remote_ip)},
       {"method", std::string(e.method.substr(0, 32))},
       {"target", RedactTarget(target)},
       {"status", std::to_string(e.status), true},
       {"bytes", std::to_string(e.bytes), true},
       {"duration_ms", ms, true},
       {"user_agent", std::string(ua)},
       {"route", std::string(e.route)},
       {"request_id", std::string(e.request_id)}});
}

std::string FormatAccessLog(const AccessLogEntry& e) {
  std::string line;
  line.reserve(128 + e.target.size() + e.user_agent.size());
  line += e.remote_ip.empty() ? std::string_view("-") : e.remote_ip;
  line += " \"";
  AppendEscaped(line, e.method, 32);
  line += ' ';
  AppendEscaped(line, e.target.empty()
                          ? std::string_view("-")
                          : std::string_view(RedactTarget(e.target)));
  line += e.version == 10 ? " HTTP/1.0\" " : " HTTP/1.1\" ";
  line += std::to_string(e.status);
  line += ' ';
  line += std::to_string(e.bytes);
  double ms = std::chrono::duration<double, std::milli>(e.duration).count();
  char buf[32];
  std::snprintf(buf, sizeof buf, ms < 100 ? " %.1fms \"" : " %.0fms \"", ms);
  line += buf;
  AppendEscaped(line,
                e.user_agent.empty() ? std::string_view("-") : e.user_agent);
  line += '"';
  if (!e.request_id.empty()) {
    line += " id=";
    AppendEscaped(line, e.request_id, 128);
  }
  return line;
}

}  // namespace warta::http
