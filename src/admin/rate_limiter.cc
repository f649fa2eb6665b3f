#include "admin/rate_limiter.h"

#include <algorithm>

namespace warta::admin {

Result<std::int64_t> RateLimiter::RetryAfter(std::string_view key) {
  if (limit_ <= 0) return 0;  // no limit
  const Timestamp now = clock_.Now();
  // The newest `limit_` failures still inside the window.
  WARTA_ASSIGN_OR_RETURN(
      std::vector<Timestamp> times,
      store_.ListLoginFailures(key, now - window_ + 1, limit_));
  if (static_cast<int>(times.size()) < limit_) return 0;
  // Free again when the oldest of them leaves the window.
  const Timestamp free_at = times[limit_ - 1] + window_;
  return std::max<std::int64_t>(1, free_at - now);
}

Status RateLimiter::RecordFailure(std::string_view key) {
  const Timestamp now = clock_.Now();
  return store_.AddLoginFailure(key, now, now - window_ + 1);
}

Status RateLimiter::Reset(std::string_view key) {
  return store_.ClearLoginFailures(key);
}

}  // namespace warta::admin
