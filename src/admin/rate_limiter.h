// RateLimiter: counts failures per key (an IP address, an account) in a
// sliding window and says when a key must wait. The failures are rows of
// the store (UserStore::AddLoginFailure), so every node of a site, and
// every process on one machine, enforces one limit together. Thread-safe.
#ifndef WARTA_ADMIN_RATE_LIMITER_H_
#define WARTA_ADMIN_RATE_LIMITER_H_

#include <cstdint>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "store/user_store.h"

namespace warta::admin {

class RateLimiter {
 public:
  // At most `limit` failures per `window_seconds`; `store` and `clock` must
  // outlive it.
  RateLimiter(UserStore& store, const Clock& clock, int limit,
              int window_seconds)
      : store_(store), clock_(clock), limit_(limit), window_(window_seconds) {}

  // 0 when `key` may try now, else the seconds until it may (>= 1). Store
  // errors (the database unreachable) as they are.
  Result<std::int64_t> RetryAfter(std::string_view key);
  Status RecordFailure(std::string_view key);
  Status Reset(std::string_view key);

 private:
  UserStore& store_;
  const Clock& clock_;
  const int limit_;
  const int window_;
};

}  // namespace warta::admin

#endif  // WARTA_ADMIN_RATE_LIMITER_H_
