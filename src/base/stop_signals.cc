#include "base/stop_signals.h"

#include <pthread.h>

namespace warta {
namespace {

sigset_t StopSet() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

}  // namespace

StopSignalsBlock::StopSignalsBlock() {
  const sigset_t set = StopSet();
  pthread_sigmask(SIG_BLOCK, &set, &previous_);
}

StopSignalsBlock::~StopSignalsBlock() {
  pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

void UnblockStopSignals() {
  const sigset_t set = StopSet();
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

bool StopSignalsBlocked() {
  sigset_t current;
  pthread_sigmask(SIG_BLOCK, nullptr, &current);
  return sigismember(&current, SIGINT) == 1 &&
         sigismember(&current, SIGTERM) == 1;
}

}  // namespace warta
