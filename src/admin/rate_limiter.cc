#include "admin/rate_limiter.h"

#include <algorithm>

namespace warta::admin {

void RateLimiter::Prune(std::deque<Timestamp>& times, Timestamp now) const {
  while (!times.empty() && times.front() + window_ <= now) times.pop_front();
}

std::int64_t RateLimiter::RetryAfter(std::string_view key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  Timestamp now = clock_.Now();
  Prune(it->second, now);
  if (it->second.empty()) {
    failures_.erase(it);
    return 0;
  }
  if (static_cast<int>(it->second.size()) < limit_) return 0;
  // Free again when enough of the oldest failures leave the window.
  Timestamp free_at = it->second[it->second.size() - limit_] + window_;
  return std::max<std::int64_t>(1, free_at - now);
}

void RateLimiter::RecordFailure(std::string_view key) {
  std::lock_guard<std::mutex> lock(mu_);
  Timestamp now = clock_.Now();
  if (failures_.size() >= kMaxKeys && failures_.find(key) == failures_.end()) {
    // Drop keys whose failures have all expired; if none, the oldest key.
    for (auto it = failures_.begin(); it != failures_.end();) {
      Prune(it->second, now);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
    if (failures_.size() >= kMaxKeys) {
      auto oldest = std::min_element(failures_.begin(), failures_.end(),
                                     [](const auto& a, const auto& b) {
                                       return a.second.back() < b.second.back();
                                     });
      failures_.erase(oldest);
    }
  }
  auto& times = failures_[std::string(key)];
  Prune(times, now);
  times.push_back(now);
  // Keep no more than needed to answer RetryAfter.
  while (static_cast<int>(times.size()) > limit_ + 1) times.pop_front();
}

void RateLimiter::Reset(std::string_view key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = failures_.find(key);
  if (it != failures_.end()) failures_.erase(it);
}

}  // namespace warta::admin
