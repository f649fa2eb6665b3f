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
    std::lock_guard<std::mutex> lock(mu_);
    published_ += static_cast<std::int64_t>(first->size());
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (!thread_.joinable() && !stop_) thread_ = std::thread([this] { Loop(); });
  return first;
}

void Scheduler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::int64_t Scheduler::published_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return published_;
}

void Scheduler::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    cv_.wait_for(lock, interval_, [this] { return stop_; });
    if (stop_) break;
    lock.unlock();
    auto r = RunOnce();
    lock.lock();
    if (r.ok()) {
      Record(*r, newsroom_.clock().Now());
      published_ += static_cast<std::int64_t>(r->size());
    } else if (on_error_) {
      on_error_(r.status());
    }
  }
}

}  // namespace warta
