#include "newsroom/scheduler.h"

#include <algorithm>

#include "metrics/metrics.h"

namespace warta {
namespace {

// Counts what a run of the scheduler published and how late.
void Record(const std::vector<Article>& published, Timestamp now) {
  static metrics::Counter& publishes = metrics::Registry::Default().GetCounter(
      "warta_scheduler_publishes_total",
      "Scheduled articles the scheduler published.");
  static metrics::Histogram& delay = metrics::Registry::Default().GetHistogram(
      "warta_scheduler_delay_seconds",
      "How long after its publish time a scheduled article went live.",
      metrics::DelayBuckets());
  for (const Article& a : published) {
    publishes.Inc();
    if (a.published_at) {
      delay.Observe(
          static_cast<double>(std::max<Timestamp>(0, now - *a.published_at)));
    }
  }
}

}  // namespace

Scheduler::Scheduler(Newsroom& newsroom, std::chrono::milliseconds interval,
                     std::function<void(const Status&)> on_error)
    : newsroom_(newsroom),
      interval_(interval),
      on_error_(std::move(on_error)) {}

Scheduler::~Scheduler() { Stop(); }

Result<std::vector<Article>> Scheduler::Start() {
  auto first = RunOnce();
  if (first.ok()) {
    Record(*first, newsroom_.clock().Now());
    MutexLock lock(&mu_);
    published_ += static_cast<std::int64_t>(first->size());
  }
  MutexLock lock(&mu_);
  if (!thread_.joinable() && !stop_) thread_ = std::thread([this] { Loop(); });
  return first;
}

void Scheduler::Stop() {
  {
    MutexLock lock(&mu_);
    stop_ = true;
  }
  cv_.NotifyAll();
  if (thread_.joinable()) thread_.join();
}

std::int64_t Scheduler::published_count() const {
  MutexLock lock(&mu_);
  return published_;
}

void Scheduler::Loop() {
  MutexLock lock(&mu_);
  while (!stop_) {
    const auto deadline = std::chrono::steady_clock::now() + interval_;
    while (!stop_ && cv_.WaitUntil(&mu_, deadline)) {
    }
    if (stop_) break;
    lock.Unlock();
    auto r = RunOnce();
    lock.Lock();
    if (r.ok()) {
      Record(*r, newsroom_.clock().Now());
      published_ += static_cast<std::int64_t>(r->size());
    } else if (on_error_) {
      on_error_(r.status());
    }
  }
}

}  // namespace warta
