#include "ingest/wire_poller.h"

#include "base/log.h"
#include "metrics/metrics.h"

namespace warta::ingest {

WirePoller::WirePoller(Newsroom& newsroom, Stores store,
                       std::vector<WireFeedConfig> feeds, WireDefaults defaults,
                       std::chrono::milliseconds tick)
    : newsroom_(newsroom),
      store_(store),
      feeds_(std::move(feeds)),
      defaults_(std::move(defaults)),
      tick_(tick) {}

WirePoller::~WirePoller() { Stop(); }

void WirePoller::Start() {
  if (feeds_.empty() || thread_.joinable()) return;
  thread_ = std::thread([this] { Run(); });
}

void WirePoller::Stop() {
  {
    MutexLock lock(&mu_);
    stop_ = true;
  }
  cv_.NotifyAll();
  if (thread_.joinable()) thread_.join();
}

int WirePoller::PollDue() {
  const Timestamp now = newsroom_.clock().Now();
  int fetched = 0;
  for (const WireFeedConfig& feed : feeds_) {
    auto it = next_due_.find(feed.name);
    if (it != next_due_.end() && it->second > now) continue;
    next_due_[feed.name] = now + feed.interval_minutes * 60;
    bool stopped = false;
    // Every node polls; one at a time fetches a feed (the others skip this
    // round), so an item is never ingested twice at once.
    auto ran = store_.coordination.RunExclusive("wire:" + feed.name, [&] {
      // A fresh detector per poll sees what other writers saved meanwhile.
      RecentDuplicateFinder detector(newsroom_.stores().articles);
      WireIngester ingester(newsroom_, store_.wire, detector, defaults_);
      for (const std::string& source : feed.sources) {
        {
          MutexLock lock(&mu_);
          if (stop_) {
            stopped = true;
            return;
          }
        }
        ++fetched;
        static auto& polls = metrics::Registry::Default().CounterFamily(
            "warta_wire_polls_total", "Wire feed sources fetched, by feed.",
            {"feed"});
        static auto& items = metrics::Registry::Default().CounterFamily(
            "warta_wire_items_total",
            "Items read from wire feeds, by feed (created, updated or not).",
            {"feed"});
        static auto& errors = metrics::Registry::Default().CounterFamily(
            "warta_wire_errors_total",
            "Wire feed fetches that failed, by feed.", {"feed"});
        polls.With({feed.name}).Inc();
        auto stats = ingester.Ingest(feed, source, [&](const WireEvent& e) {
          if (e.action == WireAction::kCreated ||
              e.action == WireAction::kUpdated) {
            LogInfo(
                "wire " + feed.name + ": " +
                (e.action == WireAction::kCreated ? "created " : "updated ") +
                AdminArticlePath(e.article.id));
          }
        });
        if (stats.ok()) items.With({feed.name}).Inc(stats->items);
        if (!stats.ok()) {
          errors.With({feed.name}).Inc();
          LogWarning("wire " + feed.name + ": " + stats.status().message());
        } else if (stats->not_modified) {
          LogInfo("wire " + feed.name + ": " + source + " not modified");
        }
      }
    });
    if (!ran.ok()) {
      LogWarning("wire " + feed.name + ": " + ran.status().message());
    } else if (!*ran) {
      LogInfo("wire " + feed.name + ": another node is fetching it");
    }
    if (stopped) return fetched;
  }
  return fetched;
}

void WirePoller::Run() {
  while (true) {
    PollDue();
    MutexLock lock(&mu_);
    const auto deadline = std::chrono::steady_clock::now() + tick_;
    while (!stop_ && cv_.WaitUntil(&mu_, deadline)) {
    }
    if (stop_) return;
  }
}

}  // namespace warta::ingest
