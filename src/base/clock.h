// Clock: where "now" comes from. RealClock reads the system clock; FakeClock
// is set by tests. Both are thread-safe.
#ifndef WARTA_BASE_CLOCK_H_
#define WARTA_BASE_CLOCK_H_

#include <atomic>
#include <cstdint>

namespace warta {

// Seconds since the Unix epoch, UTC. Every stored time in warta is one.
using Timestamp = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class RealClock final : public Clock {
 public:
  Timestamp Now() const override;
  // A process-wide instance; never destroyed.
  static const Clock& Get();
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp start = 0) : now_(start) {}
  Timestamp Now() const override { return now_.load(); }
  void Set(Timestamp t) { now_.store(t); }
  void Advance(std::int64_t seconds) { now_.fetch_add(seconds); }

 private:
  std::atomic<Timestamp> now_;
};

}  // namespace warta

#endif  // WARTA_BASE_CLOCK_H_
