#include "http/access_log.h"

#include <cstdio>

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

}  // namespace

std::string FormatAccessLog(const AccessLogEntry& e) {
  std::string line;
  line.reserve(128 + e.target.size() + e.user_agent.size());
  line += e.remote_ip.empty() ? std::string_view("-") : e.remote_ip;
  line += " \"";
  AppendEscaped(line, e.method, 32);
  line += ' ';
  AppendEscaped(line, e.target.empty() ? std::string_view("-") : e.target);
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
  return line;
}

}  // namespace warta::http
