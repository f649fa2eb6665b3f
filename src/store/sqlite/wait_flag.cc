#include "store/sqlite/wait_flag.h"

#include <fcntl.h>
#include <unistd.h>

#include <thread>

namespace warta::sqlite {
namespace {

// An OFD lock of `type` (F_RDLCK, F_WRLCK, F_UNLCK) on byte 0.
struct flock ByteZero(short type) {
  struct flock lock {};
  lock.l_type = type;
  lock.l_whence = SEEK_SET;
  lock.l_start = 0;
  lock.l_len = 1;
  lock.l_pid = 0;  // must be 0 for OFD locks
  return lock;
}

}  // namespace

WaitFlag::WaitFlag(const std::string& db_path) {
  if (db_path.empty() || db_path == ":memory:") {
    failed_ = true;
  } else {
    path_ = db_path + "-wait";
  }
}

WaitFlag::~WaitFlag() {
  if (fd_ >= 0) ::close(fd_);  // drops the lock with the description
}

bool WaitFlag::EnsureOpen() {
  if (fd_ >= 0) return true;
  if (failed_) return false;
  // Read-only is enough for a shared lock and for testing one, and works
  // when another user (an operator's `warta import`) made the file.
  fd_ = ::open(path_.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) failed_ = true;
  return fd_ >= 0;
}

void WaitFlag::Raise() {
  if (raised_ || !EnsureOpen()) return;
  struct flock lock = ByteZero(F_RDLCK);
  raised_ = ::fcntl(fd_, F_OFD_SETLK, &lock) == 0;
}

void WaitFlag::Lower() {
  if (!raised_) return;
  struct flock lock = ByteZero(F_UNLCK);
  (void)::fcntl(fd_, F_OFD_SETLK, &lock);
  raised_ = false;
}

bool WaitFlag::RaisedByOthers() {
  if (!EnsureOpen()) return false;
  // A write lock would conflict with any other description's shared lock;
  // the description's own lock never conflicts with itself.
  struct flock lock = ByteZero(F_WRLCK);
  if (::fcntl(fd_, F_OFD_GETLK, &lock) != 0) return false;
  return lock.l_type != F_UNLCK;
}

std::chrono::nanoseconds YieldToWaiters(WaitFlag& flag,
                                        std::chrono::nanoseconds limit,
                                        std::chrono::nanoseconds step) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point start = Clock::now();
  Clock::time_point now = start;
  while (now - start < limit && flag.RaisedByOthers()) {
    std::this_thread::sleep_for(step);
    now = Clock::now();
  }
  return now - start;
}

}  // namespace warta::sqlite
