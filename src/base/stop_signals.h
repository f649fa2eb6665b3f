#ifndef WARTA_BASE_STOP_SIGNALS_H_
#define WARTA_BASE_STOP_SIGNALS_H_

#include <csignal>
#include <thread>
#include <utility>

namespace warta {

// SIGINT and SIGTERM: what Ctrl-C, `kill` and systemd send to stop a process.
//
// The kernel hands a process-wide signal to any thread that does not block
// it. A long-running process should let only the thread that waits for them
// take them: a thread that is ending may swallow one (ThreadSanitizer's
// runtime defers a signal that arrives while its thread is inside the
// runtime, and frees the deferred signals of an ending thread unhandled), and
// the process then never stops.

// Blocks both in the calling thread for its scope, and so in every thread
// that thread starts meanwhile (a new thread inherits its creator's mask);
// then sets the calling thread's mask back to what it was.
class StopSignalsBlock {
 public:
  StopSignalsBlock();
  ~StopSignalsBlock();
  StopSignalsBlock(const StopSignalsBlock&) = delete;
  StopSignalsBlock& operator=(const StopSignalsBlock&) = delete;

 private:
  sigset_t previous_;
};

// Unblocks both in the calling thread (until the enclosing block ends).
void UnblockStopSignals();

// Starts `fn` on a new thread that blocks both, whatever the caller's mask:
// for threads beside the one that takes them.
template <typename Fn>
std::thread ThreadWithoutStopSignals(Fn&& fn) {
  StopSignalsBlock block;
  return std::thread(std::forward<Fn>(fn));
}

// Whether the calling thread blocks both.
bool StopSignalsBlocked();

}  // namespace warta

#endif  // WARTA_BASE_STOP_SIGNALS_H_
