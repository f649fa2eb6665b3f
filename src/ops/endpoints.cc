#include "ops/endpoints.h"

namespace warta::ops {

void RegisterMetricsRoute(http::Router& router, metrics::AccessPolicy policy,
                          const metrics::Registry& registry) {
  router.Get("/metrics",
             [policy = std::move(policy), &registry](const http::Request& req) {
               if (!policy.Allows(req.remote_ip, req.Header("authorization"))) {
                 http::Response r = http::Response::Text(
                     403,
                     "403 Forbidden: /metrics is answered to metrics.allow "
                     "networks or with the metrics.token bearer token\n");
                 r.SetHeader("Cache-Control", "no-store");
                 return r;
               }
               std::string body = registry.Render();
               metrics::Writer w(body);
               metrics::WriteProcessMetrics(w);
               http::Response r;
               r.status = 200;
               r.content_type = metrics::kContentType;
               r.body = std::make_shared<const std::string>(std::move(body));
               r.SetHeader("Cache-Control", "no-store");
               return r;
             });
}

void RegisterReadyRoute(http::Router& router, ReadyStores store,
                        const index::LiveIndex* index) {
  router.Get("/readyz", [store, index](const http::Request&) {
    bool ready = true;
    std::string store_check = "ok";
    if (auto seq = store.changes.ChangeSeq(); !seq.ok()) {
      store_check = "unavailable";
      ready = false;
    }
    std::string index_check = "ok";
    if (index && !index->ready()) {
      index_check = "loading";
      ready = false;
    }
    int version = store.maintenance.SchemaVersion();
    std::string migrations = version > 0 ? "ok" : "pending";
    if (version <= 0) ready = false;
    std::string body =
        std::string("{\"status\":\"") + (ready ? "ready" : "not ready") +
        "\",\"checks\":{\"store\":\"" + store_check + "\",\"index\":\"" +
        index_check + "\",\"migrations\":\"" + migrations +
        "\"},\"schema_version\":" + std::to_string(version) + "}\n";
    http::Response r = http::Response::Json(ready ? 200 : 503, body);
    r.SetHeader("Cache-Control", "no-store");
    return r;
  });
}

HttpMetrics::HttpMetrics(metrics::Registry& registry)
    : requests_(registry.CounterFamily(
          "warta_http_requests_total",
          "HTTP requests answered, by route pattern and status class.",
          {"route", "code"})),
      durations_(registry.HistogramFamily(
          "warta_http_request_duration_seconds",
          "Time from reading a request's header to the last byte of its "
          "response, by route pattern.",
          {"route"}, metrics::LatencyBuckets())),
      bytes_(registry.GetCounter("warta_http_response_bytes_total",
                                 "Response body bytes sent (after "
                                 "compression).")),
      open_(registry.GetGauge("warta_http_open_connections",
                              "Client connections open now.")) {
  unmatched_ = Make("unmatched");
  other_ = Make("other");
}

void HttpMetrics::AddRoutes(const std::vector<std::string>& patterns) {
  for (const std::string& p : patterns) {
    if (!routes_.count(p)) routes_.emplace(p, Make(p));
  }
}

HttpMetrics::RouteStats HttpMetrics::Make(std::string_view label) {
  static constexpr std::string_view kClasses[] = {"1xx", "2xx", "3xx",
                                                  "4xx", "5xx", "other"};
  RouteStats s;
  for (int i = 0; i < 6; ++i) {
    s.by_class[i] = &requests_.With({label, kClasses[i]});
  }
  s.duration = &durations_.With({label});
  return s;
}

void HttpMetrics::OnExchange(const http::ExchangeRecord& r) {
  const RouteStats* s = &unmatched_;
  if (!r.route.empty()) {
    auto it = routes_.find(r.route);
    s = it == routes_.end() ? &other_ : &it->second;
  }
  int cls = r.status >= 100 && r.status < 600 ? r.status / 100 - 1 : 5;
  s->by_class[cls]->Inc();
  s->duration->Observe(std::chrono::duration<double>(r.duration).count());
  bytes_.Inc(r.bytes);
}

}  // namespace warta::ops
