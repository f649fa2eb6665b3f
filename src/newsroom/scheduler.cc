#include "newsroom/scheduler.h"

namespace warta {

Scheduler::Scheduler(Newsroom& newsroom, std::chrono::milliseconds interval,
                     std::function<void(const Status&)> on_error)
    : newsroom_(newsroom),
      interval_(interval),
      on_error_(std::move(on_error)) {}

Scheduler::~Scheduler() { Stop(); }

Result<std::vector<Article>> Scheduler::Start() {
  auto first = RunOnce();
  if (first.ok()) {
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
      published_ += static_cast<std::int64_t>(r->size());
    } else if (on_error_) {
      on_error_(r.status());
    }
  }
}

}  // namespace warta
