// RateLimiter: counts failures per key (an IP address, an account) in a
// sliding window and says when a key must wait. In memory, per process:
// with several nodes each enforces its own limit. Bounded: at most
// kMaxKeys keys (the stalest are dropped). Thread-safe.
#ifndef WARTA_ADMIN_RATE_LIMITER_H_
#define WARTA_ADMIN_RATE_LIMITER_H_

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "base/clock.h"

namespace warta::admin {

class RateLimiter {
 public:
  static constexpr std::size_t kMaxKeys = 100000;

  // At most `limit` failures per `window_seconds`; `clock` must outlive it.
  RateLimiter(const Clock& clock, int limit, int window_seconds)
      : clock_(clock), limit_(limit), window_(window_seconds) {}

  // 0 when `key` may try now, else the seconds until it may (>= 1).
  std::int64_t RetryAfter(std::string_view key);
  void RecordFailure(std::string_view key);
  void Reset(std::string_view key);

 private:
  void Prune(std::deque<Timestamp>& times, Timestamp now) const;

  const Clock& clock_;
  const int limit_;
  const int window_;
  std::mutex mu_;
  std::map<std::string, std::deque<Timestamp>, std::less<>> failures_;
};

}  // namespace warta::admin

#endif  // WARTA_ADMIN_RATE_LIMITER_H_
