#include "http/target.h"

#include "base/strings.h"

namespace warta::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool StrictPercentDecode(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    if (c == '\0') return false;
    out->push_back(c);
  }
  return true;
}

bool ParseTarget(std::string_view target, std::string* path,
                 std::string* query) {
  path->clear();
  query->clear();
  // Absolute form: drop "scheme://authority".
  if (StartsWithIgnoreAsciiCase(target, "http://") ||
      StartsWithIgnoreAsciiCase(target, "https://")) {
    size_t authority = target.find("://") + 3;
    size_t slash = target.find_first_of("/?#", authority);
    if (slash == std::string_view::npos) {
      target = "/";
    } else if (target[slash] != '/') {
      return false;
    } else {
      target.remove_prefix(slash);
    }
  }
  if (target.empty() || target.front() != '/') return false;
  size_t hash = target.find('#');
  if (hash != std::string_view::npos) target = target.substr(0, hash);
  size_t q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  if (q != std::string_view::npos) query->assign(target.substr(q + 1));
  return StrictPercentDecode(raw_path, path);
}

}  // namespace warta::http
