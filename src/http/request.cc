#include "http/request.h"

#include "base/strings.h"

namespace warta::http {
namespace {

constexpr std::string_view kMethodNames[] = {
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER"};

}  // namespace

std::string_view MethodName(Method m) {
  return kMethodNames[static_cast<int>(m)];
}

Method MethodFromName(std::string_view name) {
  for (int i = 0; i < static_cast<int>(Method::kOther); ++i) {
    if (kMethodNames[i] == name) return static_cast<Method>(i);
  }
  return Method::kOther;
}

void Request::Reset() {
  method = Method::kGet;
  target.clear();
  path.clear();
  query.clear();
  body.clear();
  remote_ip.clear();
}

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreAsciiCase(k, name)) return v;
  }
  return {};
}

bool Request::HasHeader(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreAsciiCase(k, name)) return true;
  }
  return false;
}

std::optional<std::string> Request::Query(std::string_view name) const {
  for (std::string_view pair : Split(query, '&')) {
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    if (UrlDecode(key) != name) continue;
    if (eq == std::string_view::npos) return std::string();
    return UrlDecode(pair.substr(eq + 1));
  }
  return std::nullopt;
}

std::string_view Request::Param(std::string_view name) const {
  for (const auto& [k, v] : path_params) {
    if (k == name) return v;
  }
  return {};
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  // RFC 6265: "a=1; b=2". Browsers send one Cookie field; be lenient and
  // look in every one. Values may be quoted; they are percent-decoded ('+' is
  // kept, since base64 values use it).
  for (const auto& [k, v] : headers) {
    if (k != "cookie") continue;
    for (std::string_view pair : Split(v, ';')) {
      pair = Trim(pair);
      size_t eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      if (Trim(pair.substr(0, eq)) != name) continue;
      std::string_view value = Trim(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      return UrlDecode(value, /*plus_is_space=*/false);
    }
  }
  return std::nullopt;
}

}  // namespace warta::http
