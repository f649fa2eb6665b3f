#include "config/config.h"

#include <fstream>
#include <functional>
#include <sstream>

#include "base/ip_networks.h"
#include "base/strings.h"

namespace warta {
namespace {

Status Bad(std::string_view key, std::string_view value,
           std::string_view want) {
  return Status::InvalidArgument("setting " + std::string(key) + " = \"" +
                                 std::string(value) +
                                 "\": " + std::string(want));
}

Status SetInt(std::string_view key, std::string_view v, long long min,
              long long max, const std::function<void(long long)>& set) {
  auto n = ParseInt(Trim(v));
  if (!n || *n < min || *n > max) {
    return Bad(key, v,
               "expected a whole number from " + std::to_string(min) + " to " +
                   std::to_string(max));
  }
  set(*n);
  return Status::Ok();
}

Status SetBool(std::string_view key, std::string_view v, bool& out) {
  std::string s = AsciiLower(Trim(v));
  if (s == "true" || s == "yes" || s == "on" || s == "1") {
    out = true;
  } else if (s == "false" || s == "no" || s == "off" || s == "0") {
    out = false;
  } else {
    return Bad(key, v, "expected true or false");
  }
  return Status::Ok();
}

}  // namespace

std::string Config::PublicUrl() const {
  if (!site.url.empty()) return site.url;
  return "http://" + server.host + ":" + std::to_string(server.port);
}

Status ApplySetting(Config& c, std::string_view key, std::string_view raw) {
  std::string v(Trim(raw));
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"')
    v = v.substr(1, v.size() - 2);
  std::string k = AsciiLower(Trim(key));
  if (k == "site.name") {
    if (v.empty()) return Bad(k, v, "must not be empty");
    c.site.name = v;
  } else if (k == "site.url") {
    if (!v.empty() && v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0)
      return Bad(k, v, "expected an http:// or https:// origin");
    while (!v.empty() && v.back() == '/') v.pop_back();
    c.site.url = v;
  } else if (k == "site.description") {
    c.site.description = v;
  } else if (k == "site.timezone") {
    c.site.timezone = v;
  } else if (k == "site.locale") {
    if (v != "id" && v != "en") return Bad(k, v, "expected id or en");
    c.site.locale = v;
  } else if (k == "site.page_size") {
    return SetInt(k, v, 1, 100,
                  [&](long long n) { c.site.page_size = int(n); });
  } else if (k == "site.related_count") {
    return SetInt(k, v, 0, 24,
                  [&](long long n) { c.site.related_count = int(n); });
  } else if (k == "server.host") {
    c.server.host = v;
  } else if (k == "server.port") {
    return SetInt(k, v, 0, 65535,
                  [&](long long n) { c.server.port = std::uint16_t(n); });
  } else if (k == "server.threads") {
    return SetInt(k, v, 0, 256,
                  [&](long long n) { c.server.threads = int(n); });
  } else if (k == "server.header_limit") {
    return SetInt(k, v, 1024, 1 << 20,
                  [&](long long n) { c.server.header_limit = size_t(n); });
  } else if (k == "server.body_limit") {
    return SetInt(k, v, 1024, 1LL << 30,
                  [&](long long n) { c.server.body_limit = size_t(n); });
  } else if (k == "server.idle_timeout") {
    return SetInt(k, v, 1, 3600,
                  [&](long long n) { c.server.idle_timeout = int(n); });
  } else if (k == "server.request_timeout") {
    return SetInt(k, v, 1, 3600,
                  [&](long long n) { c.server.request_timeout = int(n); });
  } else if (k == "server.max_connections_per_address") {
    return SetInt(k, v, 0, 1 << 20, [&](long long n) {
      c.server.max_connections_per_address = size_t(n);
    });
  } else if (k == "server.trusted_proxies") {
    auto nets = IpNetworks::Parse(v, k);
    if (!nets.ok()) return nets.status();
    c.server.trusted_proxies = std::move(*nets);
  } else if (k == "server.access_log") {
    return SetBool(k, v, c.server.access_log);
  } else if (k == "server.log_format") {
    if (v != "text" && v != "json") return Bad(k, v, "expected text or json");
    c.server.log_format = v;
  } else if (k == "metrics.allow") {
    auto nets = IpNetworks::Parse(v, k);
    if (!nets.ok()) return nets.status();
    c.metrics.allow = std::move(*nets);
  } else if (k == "metrics.token") {
    c.metrics.token = v;
  } else if (k == "server.page_cache_bytes") {
    return SetInt(k, v, 0, 1LL << 40,
                  [&](long long n) { c.server.page_cache_bytes = size_t(n); });
  } else if (k == "server.page_max_stale") {
    return SetInt(k, v, 1, 86400,
                  [&](long long n) { c.server.page_max_stale = int(n); });
  } else if (k == "store.backend") {
    if (v != "sqlite") return Bad(k, v, "expected sqlite");
    c.store.backend = v;
  } else if (k == "store.url") {
    if (!v.empty() && v.rfind("postgresql://", 0) != 0 &&
        v.rfind("postgres://", 0) != 0 && v.rfind("sqlite:", 0) != 0 &&
        v.rfind("file:", 0) != 0)
      return Bad(k, v.substr(0, v.find(':')) + ":...",
                 "expected postgresql://..., sqlite:PATH or empty");
    c.store.url = v;
  } else if (k == "store.connections") {
    return SetInt(k, v, 2, 1000,
                  [&](long long n) { c.store.connections = int(n); });
  } else if (k == "store.statement_timeout_ms") {
    return SetInt(k, v, 0, 3600000,
                  [&](long long n) { c.store.statement_timeout_ms = int(n); });
  } else if (k == "store.path") {
    c.store.path = v;
  } else if (k == "store.synchronous") {
    std::string up = v;
    for (char& ch : up)
      ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (up != "FULL" && up != "NORMAL" && up != "EXTRA")
      return Bad(k, v, "expected FULL, NORMAL or EXTRA");
    c.store.synchronous = up;
  } else if (k == "import.default_category") {
    if (v.empty()) return Bad(k, v, "must not be empty");
    c.import.default_category = v;
  } else if (k == "import.default_author") {
    if (v.empty()) return Bad(k, v, "must not be empty");
    c.import.default_author = v;
  } else if (k == "site.popular_refresh") {
    return SetInt(k, v, 1, 3600,
                  [&](long long n) { c.site.popular_refresh = int(n); });
  } else if (k == "site.view_beacon") {
    return SetBool(k, v, c.site.view_beacon);
  } else if (k == "site.views_flush") {
    return SetInt(k, v, 1, 3600,
                  [&](long long n) { c.site.views_flush = int(n); });
  } else if (k == "site.update_grace") {
    return SetInt(k, v, 0, 7 * 86400,
                  [&](long long n) { c.site.update_grace = int(n); });
  } else if (k == "site.logo") {
    c.site.logo = v;
  } else if (k == "site.image") {
    c.site.image = v;
  } else if (k == "feeds.items") {
    return SetInt(k, v, 1, 100, [&](long long n) { c.feeds.items = int(n); });
  } else if (k == "robots.no_ai") {
    return SetBool(k, v, c.robots.no_ai);
  } else if (k == "robots.ai_user_agents") {
    c.robots.ai_user_agents = v;
  } else if (k == "ingest.poll") {
    return SetBool(k, v, c.ingest.poll);
  } else if (k == "admin.login_limit_account") {
    return SetInt(k, v, 1, 1000,
                  [&](long long n) { c.admin.login_limit_account = int(n); });
  } else if (k == "admin.login_limit_ip") {
    return SetInt(k, v, 1, 100000,
                  [&](long long n) { c.admin.login_limit_ip = int(n); });
  } else if (k == "admin.login_window") {
    return SetInt(k, v, 1, 86400,
                  [&](long long n) { c.admin.login_window = int(n); });
  } else if (k == "admin.session_days") {
    return SetInt(k, v, 1, 365,
                  [&](long long n) { c.admin.session_days = int(n); });
  } else if (k == "admin.upload_limit") {
    return SetInt(k, v, 1024, 100LL << 20,
                  [&](long long n) { c.admin.upload_limit = size_t(n); });
  } else if (k == "admin.autosave_seconds") {
    return SetInt(k, v, 1, 600,
                  [&](long long n) { c.admin.autosave_seconds = int(n); });
  } else if (k == "theme.dir") {
    c.theme_dir = v;
  } else if (k == "search.dictionary") {
    c.search.dictionary = v;
  } else if (k == "search.save_interval") {
    return SetInt(k, v, 1, 86400,
                  [&](long long n) { c.search.save_interval = int(n); });
  } else {
    return Status::InvalidArgument("unknown setting \"" + k + "\"");
  }
  return Status::Ok();
}

Status ApplyConfigText(Config& c, std::string_view text,
                       std::string_view origin) {
  int line_no = 0;
  for (std::string_view line : Split(text, '\n')) {
    ++line_no;
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return Status::InvalidArgument(std::string(origin) + ":" +
                                     std::to_string(line_no) +
                                     ": expected key = value");
    }
    Status s = ApplySetting(c, line.substr(0, eq), line.substr(eq + 1));
    if (!s.ok())
      return s.WithContext(std::string(origin) + ":" + std::to_string(line_no));
  }
  return Status::Ok();
}

Result<Config> LoadConfig(const std::string& data_dir, char** environment) {
  Config c;
  c.data_dir = data_dir;
  std::string path = data_dir + "/warta.conf";
  std::ifstream in(path);
  if (in) {
    std::stringstream ss;
    ss << in.rdbuf();
    WARTA_RETURN_IF_ERROR(ApplyConfigText(c, ss.str(), path));
  }
  for (char** e = environment; e && *e; ++e) {
    std::string_view entry(*e);
    if (entry.substr(0, 6) != "WARTA_") continue;
    size_t eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name = AsciiLower(entry.substr(6, eq - 6));
    // WARTA_SITE_NAME -> site.name; the first underscore is the section dot.
    size_t us = name.find('_');
    if (us == std::string::npos) continue;
    name[us] = '.';
    Status s = ApplySetting(c, name, entry.substr(eq + 1));
    if (!s.ok())
      return s.WithContext("environment " + std::string(entry.substr(0, eq)));
  }
  return c;
}

}  // namespace warta
