// Config: every setting of a warta process, with documented defaults.
// Sources, later ones winning: built-in defaults, DATA/warta.conf
// ("key = value" lines, '#' comments), environment variables WARTA_<KEY>
// (dots become underscores, upper case: site.name -> WARTA_SITE_NAME), then
// command-line flags applied by the CLI. docs/configuration.md lists the
// keys. Plain values; thread-compatible.
#ifndef WARTA_CONFIG_CONFIG_H_
#define WARTA_CONFIG_CONFIG_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "base/ip_networks.h"
#include "base/result.h"

namespace warta {

struct SiteConfig {
  std::string name = "Warta";  // site.name: shown in the header,
                               // default dateline outlet
  std::string url = "";        // site.url: public origin; empty:
                               // http://HOST:PORT
  std::string description =    // site.description
      "Berita terkini dan terpercaya dari Indonesia dan dunia.";
  std::string timezone = "Asia/Jakarta";  // site.timezone: WIB by default
  std::string locale = "id";              // site.locale: id or en
  int page_size = 20;                     // site.page_size: list pages
  int related_count = 6;                  // site.related_count
  std::string logo = "";     // site.logo: URL path or absolute URL of the
                             // publisher logo (JSON-LD, feeds); empty: the
                             // theme's favicon
  std::string image = "";    // site.image: og:image for pages without a
                             // feature image; empty: the logo
  int popular_refresh = 60;  // site.popular_refresh (seconds): how old the
                             // Terpopuler box may grow
  bool view_beacon = false;  // site.view_beacon: count views by a beacon
                             // (/api/view) instead of on the server, for
                             // sites behind a caching CDN
  int views_flush = 10;      // site.views_flush (seconds): view counts are
                             // written to the store this often
  int update_grace = 600;    // site.update_grace (seconds): text changes
                             // within this time after publication show no
                             // "Diperbarui" line
};

struct ServerConfig {
  std::string host = "127.0.0.1";        // server.host
  std::uint16_t port = 8080;             // server.port; 0 picks a free one
  int threads = 0;                       // server.threads; 0: one per core
  std::size_t header_limit = 16 * 1024;  // server.header_limit (bytes)
  std::size_t body_limit = 1024 * 1024;  // server.body_limit (bytes)
  int idle_timeout = 30;                 // server.idle_timeout (seconds)
  int request_timeout = 30;              // server.request_timeout (seconds)
  // server.max_connections_per_address: connections one client address may
  // hold (0: no limit). Loopback clients (a reverse proxy on this machine)
  // are not limited; raise it behind a proxy on another address.
  std::size_t max_connections_per_address = 1000;
  // server.trusted_proxies: load balancers and reverse proxies (a
  // comma-separated CIDR list) whose X-Forwarded-For names the reader's
  // address, for the login limits and the access log. Empty: the header is
  // ignored. Parsed when the setting is read, so a bad entry is refused there.
  IpNetworks trusted_proxies;
  bool access_log = true;                     // server.access_log
  std::string log_format = "text";            // server.log_format: text|json
  std::size_t page_cache_bytes = 256u << 20;  // server.page_cache_bytes
  // server.page_max_stale (seconds): how old related articles on a cached
  // page may grow before a background re-render.
  int page_max_stale = 300;
};

struct StoreConfig {
  // store.url (WARTA_STORE_URL, --store): empty or sqlite:PATH for SQLite,
  // postgresql://user@host:port/db (a libpq URI) for PostgreSQL.
  std::string url = "";
  std::string backend = "sqlite";  // store.backend: sqlite (kept; see url)
  // SQLite only: store.synchronous FULL|NORMAL|EXTRA and store.path (the
  // database file; empty: DATA/warta.db).
  std::string synchronous = "FULL";
  std::string path = "";
  // PostgreSQL only: connections a node keeps open (store.connections; one
  // writes, the rest read) and the statement timeout in milliseconds
  // (store.statement_timeout_ms; a call waiting for a free connection gives
  // up after it too).
  int connections = 12;
  int statement_timeout_ms = 10000;
};

struct ImportConfig {
  std::string default_category = "Berita";  // import.default_category
  std::string default_author = "Redaksi";   // import.default_author
};

struct SearchConfig {
  // search.dictionary: the Hunspell dictionary used for stemming, without
  // ".aff"/".dic" (Debian package hunspell-id); empty or missing: Snowball
  // alone.
  std::string dictionary = "/usr/share/hunspell/id_ID";
  // search.save_interval: seconds between writes of the search index's
  // changes to DATA/index (also written after a full build and at a clean
  // shutdown); a restart replays the store's changes since.
  int save_interval = 300;
};

struct FeedsConfig {
  int items = 20;  // feeds.items: entries in each RSS/Atom/JSON feed
};

struct RobotsConfig {
  bool no_ai = false;  // robots.no_ai: tell AI crawlers no, site-wide
  // robots.ai_user_agents: comma-separated product tokens of AI crawlers
  std::string ai_user_agents =
      "GPTBot, ChatGPT-User, OAI-SearchBot, ClaudeBot, Claude-Web, "
      "anthropic-ai, Google-Extended, Applebot-Extended, CCBot, "
      "PerplexityBot, Bytespider, Meta-ExternalAgent, Amazonbot, cohere-ai, "
      "Diffbot, Omgilibot, ImagesiftBot, Timpibot";
};

struct IngestConfig {
  bool poll = true;  // ingest.poll: `warta serve` polls DATA/feeds.json feeds
};

struct AdminConfig {
  int login_limit_account = 5;  // admin.login_limit_account: failed logins
                                // per account per window, then 429
  int login_limit_ip = 20;      // admin.login_limit_ip: per client IP
  int login_window = 900;       // admin.login_window (seconds)
  int session_days = 14;        // admin.session_days: login lifetime
  std::size_t upload_limit = 10u << 20;  // admin.upload_limit (bytes/image)
  int autosave_seconds = 5;              // admin.autosave_seconds (editor)
};

struct MetricsConfig {
  // metrics.allow: networks besides loopback that may read /metrics, a
  // comma-separated CIDR list ("10.0.0.0/8, 2001:db8::/32"). Parsed when
  // the setting is read.
  IpNetworks allow;
  // metrics.token: when set, any client sending "Authorization: Bearer
  // <token>" may read /metrics.
  std::string token = "";
};

struct Config {
  std::string data_dir = "data";  // --data
  std::string theme_dir = "";     // theme.dir; empty: built-in theme
  SiteConfig site;
  ServerConfig server;
  StoreConfig store;
  ImportConfig import;
  SearchConfig search;
  FeedsConfig feeds;
  RobotsConfig robots;
  IngestConfig ingest;
  AdminConfig admin;
  MetricsConfig metrics;

  // The public origin: site.url, else http://host:port.
  std::string PublicUrl() const;
};

// Applies one "key = value" setting. InvalidArgument names the key when it is
// unknown or the value does not parse.
Status ApplySetting(Config& config, std::string_view key,
                    std::string_view value);

// Reads "key = value" lines; errors name the line.
Status ApplyConfigText(Config& config, std::string_view text,
                       std::string_view origin);

// Defaults, then DATA/warta.conf when it exists, then WARTA_* variables from
// `environ`-style entries ("WARTA_SITE_NAME=KABARIN").
Result<Config> LoadConfig(const std::string& data_dir, char** environment);

}  // namespace warta

#endif  // WARTA_CONFIG_CONFIG_H_
