#include "site/feed_status.h"

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "base/time.h"

namespace warta::site {
namespace {

nlohmann::json TimeOrNull(Timestamp t) {
  return t > 0 ? nlohmann::json(FormatIso8601Utc(t)) : nlohmann::json(nullptr);
}

http::Response NoStore(http::Response r) {
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

}  // namespace

http::Handler FeedStatusJsonHandler(Store& store) {
  return [&store](const http::Request&) {
    auto feeds = store.ListWireFeeds();
    if (!feeds.ok()) {
      return NoStore(http::Response::Json(
          500, nlohmann::json{{"error", feeds.status().message()}}.dump()));
    }
    nlohmann::json list = nlohmann::json::array();
    for (const WireFeedStatus& f : *feeds) {
      list.push_back({{"name", f.name},
                      {"source", f.source},
                      {"last_fetch", TimeOrNull(f.last_fetch)},
                      {"last_success", TimeOrNull(f.last_success)},
                      {"last_error", f.last_error},
                      {"ok", f.last_error.empty()},
                      {"fetches", f.fetches},
                      {"failures", f.failures},
                      {"last_items", f.last_items},
                      {"last_created", f.last_created},
                      {"last_updated", f.last_updated},
                      {"last_linked", f.last_linked},
                      {"items_known", f.items_known}});
    }
    return NoStore(http::Response::Json(
        200, nlohmann::json{{"feeds", std::move(list)}}.dump(
                 -1, ' ', false, nlohmann::json::error_handler_t::replace) +
                 "\n"));
  };
}

http::Handler FeedStatusPageHandler(Store& store, const Clock& clock) {
  return [&store, &clock](const http::Request&) {
    auto feeds = store.ListWireFeeds();
    if (!feeds.ok()) return NoStore(http::Response::Error(500));
    std::string h =
        "<!doctype html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
        "<title>Status feed kantor berita</title><style>body{font:15px "
        "system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}"
        ".err{color:#9f1218}</style></head><body><h1>Status feed kantor "
        "berita</h1>\n<p>Diperbarui " +
        FormatIso8601Utc(clock.Now()) +
        " &middot; <a href=\"/admin/feeds.json\">JSON</a></p>\n<table><thead>"
        "<tr><th>Feed</th><th>Sumber</th><th>Ambil terakhir</th><th>Berhasil "
        "terakhir</th><th>Item</th><th>Baru</th><th>Diperbarui</th><th>"
        "Ditautkan</th><th>Dikenal</th><th>Gagal</th><th>Galat</th></tr>"
        "</thead><tbody>\n";
    for (const WireFeedStatus& f : *feeds) {
      auto cell = [&](std::string_view text) {
        h += "<td>";
        AppendHtmlEscaped(h, text);
        h += "</td>";
      };
      h += "<tr>";
      cell(f.name);
      cell(f.source);
      cell(f.last_fetch ? FormatIso8601Utc(f.last_fetch) : "-");
      cell(f.last_success ? FormatIso8601Utc(f.last_success) : "-");
      cell(std::to_string(f.last_items));
      cell(std::to_string(f.last_created));
      cell(std::to_string(f.last_updated));
      cell(std::to_string(f.last_linked));
      cell(std::to_string(f.items_known));
      cell(std::to_string(f.failures) + "/" + std::to_string(f.fetches));
      h += "<td class=\"err\">";
      AppendHtmlEscaped(h, f.last_error);
      h += "</td></tr>\n";
    }
    if (feeds->empty())
      h += "<tr><td colspan=\"11\">Belum ada feed.</td></tr>\n";
    h += "</tbody></table></body></html>\n";
    http::Response r = http::Response::Html(200, std::move(h));
    r.SetHeader("X-Robots-Tag", "noindex");
    return NoStore(std::move(r));
  };
}

void MountFeedStatus(http::Router& router, Store& store, const Clock& clock,
                     const Guard& guard) {
  router.Get(kFeedStatusJsonRoute, guard(FeedStatusJsonHandler(store)));
  router.Get(kFeedStatusRoute, guard(FeedStatusPageHandler(store, clock)));
}

}  // namespace warta::site
