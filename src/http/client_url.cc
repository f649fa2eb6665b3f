#include "http/client_url.h"

#include <cctype>
#include <optional>
#include <vector>

#include "base/strings.h"

namespace warta::http {
namespace {

bool HasScheme(std::string_view ref) {
  if (ref.empty() || !std::isalpha(static_cast<unsigned char>(ref[0]))) {
    return false;
  }
  for (char c : ref) {
    if (c == ':') return true;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' &&
        c != '.') {
      return false;
    }
  }
  return false;
}

// RFC 3986 section 5.2.4, on a path without query.
std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> out;
  std::vector<std::string_view> segs = Split(path, '/');
  // segs[0] is "" for an absolute path.
  for (size_t i = 1; i < segs.size(); ++i) {
    std::string_view s = segs[i];
    bool last = i + 1 == segs.size();
    if (s == ".") {
      if (last) out.push_back("");
    } else if (s == "..") {
      if (!out.empty()) out.pop_back();
      if (last) out.push_back("");
    } else {
      out.push_back(s);
    }
  }
  std::string result;
  for (std::string_view s : out) {
    result += '/';
    result += s;
  }
  return result.empty() ? "/" : result;
}

}  // namespace

std::string HttpUrl::HostHeader() const {
  std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port != (https ? 443 : 80)) h += ":" + std::to_string(port);
  return h;
}

std::string HttpUrl::ToString() const {
  return (https ? "https://" : "http://") + HostHeader() + target;
}

Result<HttpUrl> ParseHttpUrl(std::string_view url) {
  HttpUrl out;
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument("URL \"" + std::string(url.substr(0, 200)) +
                                   "\": " + std::string(why));
  };
  std::string_view rest = url;
  if (StartsWithIgnoreAsciiCase(rest, "http://")) {
    rest.remove_prefix(7);
  } else if (StartsWithIgnoreAsciiCase(rest, "https://")) {
    rest.remove_prefix(8);
    out.https = true;
    out.port = 443;
  } else {
    return bad("only http:// and https:// are supported");
  }
  size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  if (authority.find('@') != std::string_view::npos) {
    return bad("user info is not supported");
  }
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad("unclosed '['");
    out.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad("junk after ']'");
      port = after.substr(1);
    }
  } else {
    size_t colon = authority.find(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (out.host.empty()) return bad("empty host");
  if (!port.empty()) {
    std::optional<std::int64_t> p = ParseInt(port);
    if (!p || *p <= 0 || *p > 65535) return bad("bad port");
    out.port = static_cast<std::uint16_t>(*p);
  }
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  if (rest.empty() || rest.front() == '?') {
    out.target = "/" + std::string(rest);
  } else {
    out.target = std::string(rest);
  }
  for (char c : out.target) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return bad("whitespace or control character in the path");
    }
  }
  return out;
}

std::string ResolveReference(const HttpUrl& base, std::string_view ref) {
  ref = Trim(ref);
  size_t hash = ref.find('#');
  if (hash != std::string_view::npos) ref = ref.substr(0, hash);
  if (HasScheme(ref)) return std::string(ref);
  std::string origin = base.https ? "https:" : "http:";
  if (ref.starts_with("//")) return origin + std::string(ref);
  origin += "//" + base.HostHeader();
  std::string_view base_target = base.target;
  std::string_view base_path = base_target.substr(0, base_target.find('?'));
  if (ref.empty()) return origin + std::string(base_target);
  if (ref.front() == '?')
    return origin + std::string(base_path) + std::string(ref);
  std::string_view ref_path = ref.substr(0, ref.find('?'));
  std::string_view ref_query =
      ref.size() > ref_path.size() ? ref.substr(ref_path.size()) : "";
  std::string merged;
  if (ref_path.front() == '/') {
    merged = std::string(ref_path);
  } else {
    merged = std::string(base_path.substr(0, base_path.rfind('/') + 1));
    merged += ref_path;
  }
  return origin + RemoveDotSegments(merged) + std::string(ref_query);
}

}  // namespace warta::http
