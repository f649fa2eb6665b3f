// WirePoller: polls configured wire feeds on their schedule from one
// background thread, so request threads never wait on agencies. Each feed
// is fetched when due by the injected Clock (at start, then every
// interval_minutes); a failure is logged and recorded in the feed's status
// and retried at the next interval. Start() once, Stop() (or destruction)
// joins the thread. Thread-safe.
#ifndef WARTA_INGEST_WIRE_POLLER_H_
#define WARTA_INGEST_WIRE_POLLER_H_

#include <chrono>
#include <map>
#include <thread>
#include <vector>

#include "base/mutex.h"
#include "ingest/wire_feeds.h"
#include "ingest/wire_ingester.h"
#include "store/coordination_store.h"
#include "store/store_of.h"
#include "store/wire_store.h"

namespace warta::ingest {

class WirePoller {
 public:
  // The store interfaces the poller uses besides the newsroom's.
  struct Stores {
    WireStore& wire;
    CoordinationStore& coordination;  // one node polls a feed at a time
    // From one object that is both (the whole Store).
    template <StoreOf<WireStore, CoordinationStore> S>
    Stores(S& s) : wire(s), coordination(s) {}  // NOLINT: implicit
  };

  // `newsroom` and `store` must outlive the poller. `tick` is how often
  // (real time) the thread looks at the clock.
  WirePoller(Newsroom& newsroom, Stores store,
             std::vector<WireFeedConfig> feeds, WireDefaults defaults,
             std::chrono::milliseconds tick = std::chrono::seconds(1));
  ~WirePoller();
  WirePoller(const WirePoller&) = delete;
  WirePoller& operator=(const WirePoller&) = delete;

  void Start();
  void Stop();

  // Fetches every feed that is due at the clock's now; returns how many
  // were fetched. Start() calls it on its thread; tests call it directly.
  int PollDue();

 private:
  void Run();

  Newsroom& newsroom_;
  Stores store_;
  std::vector<WireFeedConfig> feeds_;
  WireDefaults defaults_;
  std::chrono::milliseconds tick_;
  std::map<std::string, Timestamp> next_due_;
  Mutex mu_;
  CondVar cv_;
  bool stop_ GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace warta::ingest

#endif  // WARTA_INGEST_WIRE_POLLER_H_
