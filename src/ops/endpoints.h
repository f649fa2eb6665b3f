// The operator's HTTP endpoints: GET /metrics (Prometheus text format,
// answered to the AccessPolicy's clients only, 403 to others) and GET
// /readyz (200 when the store answers, the search index is loaded and the
// migrations ran; 503 with the failing checks otherwise). /healthz (the
// process is alive) is the site's. HttpMetrics counts requests for
// /metrics by route pattern, never by raw path. Thread-safe.
#ifndef WARTA_OPS_ENDPOINTS_H_
#define WARTA_OPS_ENDPOINTS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/router.h"
#include "http/server.h"
#include "index/live_index.h"
#include "metrics/access.h"
#include "metrics/metrics.h"
#include "store/change_store.h"
#include "store/maintenance_store.h"
#include "store/store_of.h"

namespace warta::ops {

// Adds GET /metrics serving `registry` (and the process_* metrics) to
// clients `policy` allows. `registry` must outlive the router.
void RegisterMetricsRoute(http::Router& router, metrics::AccessPolicy policy,
                          const metrics::Registry& registry);

// Adds GET /readyz. `store` and `index` (null: no search) must outlive the
// router. Body: {"status":"ready"|"not ready","checks":{"store":"ok",
// "index":"ok"|"loading","migrations":"ok"},"schema_version":N}.
struct ReadyStores {
  ChangeStore& changes;                 // reachable: ChangeSeq answers
  const MaintenanceStore& maintenance;  // the schema version
  // From one object that is both (the whole Store).
  template <StoreOf<ChangeStore, MaintenanceStore> S>
  ReadyStores(S& s) : changes(s), maintenance(s) {}  // NOLINT: implicit
};
void RegisterReadyRoute(http::Router& router, ReadyStores store,
                        const index::LiveIndex* index);

// Request counts by route pattern and status class, request durations by
// route, bytes sent and open connections, into `registry`. AddRoutes with
// the router's patterns once every route was added and before the server
// runs; an unknown route counts as "other".
class HttpMetrics final : public http::ServerObserver {
 public:
  explicit HttpMetrics(metrics::Registry& registry);
  // Not thread-safe: call while no server reports to this observer.
  void AddRoutes(const std::vector<std::string>& patterns);
  HttpMetrics(const HttpMetrics&) = delete;
  HttpMetrics& operator=(const HttpMetrics&) = delete;

  void OnConnectionOpened() override { open_.Add(1); }
  void OnConnectionClosed() override { open_.Add(-1); }
  void OnExchange(const http::ExchangeRecord& record) override;

 private:
  struct RouteStats {
    metrics::Counter* by_class[6];  // 1xx..5xx, then anything else
    metrics::Histogram* duration;
  };
  RouteStats Make(std::string_view label);

  metrics::Family<metrics::Counter>& requests_;
  metrics::Family<metrics::Histogram>& durations_;
  metrics::Counter& bytes_;
  metrics::Gauge& open_;
  std::map<std::string, RouteStats, std::less<>> routes_;
  RouteStats unmatched_;  // no route answered (404, 405, 400, ...)
  RouteStats other_;      // a route not known at construction
};

}  // namespace warta::ops

#endif  // WARTA_OPS_ENDPOINTS_H_
