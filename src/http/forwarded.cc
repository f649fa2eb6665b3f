#include "http/forwarded.h"

#include "base/strings.h"

namespace warta::http {
namespace {

// "[2001:db8::1]:443" -> "2001:db8::1"; "192.0.2.1:80" -> "192.0.2.1";
// anything else as it is.
std::string_view WithoutPort(std::string_view e) {
  if (!e.empty() && e.front() == '[') {
    size_t close = e.find(']');
    return close == std::string_view::npos ? e : e.substr(1, close - 1);
  }
  size_t colon = e.find(':');
  if (colon != std::string_view::npos && e.find(':', colon + 1) == e.npos) {
    return e.substr(0, colon);
  }
  return e;
}

}  // namespace

std::string_view ClientAddress(std::string_view peer,
                               std::string_view forwarded_for,
                               const IpNetworks& trusted) {
  if (trusted.empty() || !trusted.Contains(peer)) return peer;
  std::string_view hop = peer;  // the last address known to be trusted
  while (true) {
    size_t comma = forwarded_for.rfind(',');
    std::string_view entry = comma == std::string_view::npos
                                 ? forwarded_for
                                 : forwarded_for.substr(comma + 1);
    entry = WithoutPort(Trim(entry));
    if (!entry.empty()) {
      auto ip = ParseIpAddress(entry);
      if (!ip) return hop;
      if (!trusted.Contains(*ip)) return entry;
      hop = entry;
    }
    if (comma == std::string_view::npos) return hop;
    forwarded_for = forwarded_for.substr(0, comma);
  }
}

}  // namespace warta::http
