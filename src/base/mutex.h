// base/mutex: mutexes that clang's thread-safety analysis understands.
//
// libstdc++'s std::mutex and std::lock_guard carry no capability attributes,
// so `-Wthread-safety` cannot check code that uses them. These thin wrappers
// can: a member declared `int n_ GUARDED_BY(mu_);` may only be touched while
// a `MutexLock lock(&mu_);` (or a `REQUIRES(mu_)` caller) holds `mu_`.
//   Mutex          exclusive lock (std::mutex)
//   SharedMutex    reader/writer lock (std::shared_mutex)
//   MutexLock      holds a Mutex (or a SharedMutex exclusively) for a scope
//   ReaderLock     holds a SharedMutex shared for a scope
//   CondVar        waits on a held Mutex
// The clang build of the TSan pass compiles everything with
// `-Wthread-safety -Werror=thread-safety` (docs/security.md, "Sanitizers").
// Thread-safety: every type here is for use by many threads at once, except
// the scoped locks, which belong to the thread that made them.
#ifndef WARTA_BASE_MUTEX_H_
#define WARTA_BASE_MUTEX_H_

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <shared_mutex>

#include "base/thread_annotations.h"

namespace warta {

class CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void Lock() ACQUIRE() { mu_.lock(); }
  void Unlock() RELEASE() { mu_.unlock(); }
  bool TryLock() TRY_ACQUIRE(true) { return mu_.try_lock(); }
  // Tells the analysis the caller holds the lock (a callback run under it).
  void AssertHeld() const ASSERT_CAPABILITY(this) {}

 private:
  friend class CondVar;
  std::mutex mu_;
};

class CAPABILITY("shared_mutex") SharedMutex {
 public:
  SharedMutex() = default;
  SharedMutex(const SharedMutex&) = delete;
  SharedMutex& operator=(const SharedMutex&) = delete;

  void Lock() ACQUIRE() { mu_.lock(); }
  void Unlock() RELEASE() { mu_.unlock(); }
  void LockShared() ACQUIRE_SHARED() { mu_.lock_shared(); }
  void UnlockShared() RELEASE_SHARED() { mu_.unlock_shared(); }

 private:
  std::shared_mutex mu_;
};

// Holds `mu` exclusively from construction to destruction, except between
// Unlock() and Lock() (slow work done without the lock in a loop under it).
class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex* mu) ACQUIRE(mu) : mu_(mu) { mu_->Lock(); }
  explicit MutexLock(SharedMutex* mu) ACQUIRE(mu) : shared_(mu) {
    shared_->Lock();
  }
  ~MutexLock() RELEASE() {
    if (held_) Unlock();
  }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

  void Unlock() RELEASE() {
    held_ = false;
    if (mu_ != nullptr) {
      mu_->Unlock();
    } else {
      shared_->Unlock();
    }
  }
  void Lock() ACQUIRE() {
    if (mu_ != nullptr) {
      mu_->Lock();
    } else {
      shared_->Lock();
    }
    held_ = true;
  }

 private:
  Mutex* mu_ = nullptr;
  SharedMutex* shared_ = nullptr;
  bool held_ = true;
};

// Holds `mu` shared from construction to destruction.
class SCOPED_CAPABILITY ReaderLock {
 public:
  explicit ReaderLock(SharedMutex* mu) ACQUIRE_SHARED(mu) : mu_(mu) {
    mu_->LockShared();
  }
  ~ReaderLock() RELEASE() { mu_->UnlockShared(); }
  ReaderLock(const ReaderLock&) = delete;
  ReaderLock& operator=(const ReaderLock&) = delete;

 private:
  SharedMutex* mu_;
};

// A condition variable over Mutex. Every wait needs the mutex held and
// returns with it held; spurious wake-ups happen, so callers loop on their
// condition (`while (!ready_) cv_.Wait(&mu_);`), which keeps the guarded
// reads visible to the analysis (a predicate lambda would hide them).
class CondVar {
 public:
  void Wait(Mutex* mu) REQUIRES(mu) {
    std::unique_lock<std::mutex> lock(mu->mu_, std::adopt_lock);
    cv_.wait(lock);
    lock.release();
  }
  // Waits until notified or `deadline`; false when the deadline passed.
  template <class Clock, class Duration>
  bool WaitUntil(Mutex* mu,
                 const std::chrono::time_point<Clock, Duration>& deadline)
      REQUIRES(mu) {
    std::unique_lock<std::mutex> lock(mu->mu_, std::adopt_lock);
    const bool notified =
        cv_.wait_until(lock, deadline) == std::cv_status::no_timeout;
    lock.release();
    return notified;
  }
  // Waits until notified or `timeout` elapsed; false when it elapsed.
  template <class Rep, class Period>
  bool WaitFor(Mutex* mu, const std::chrono::duration<Rep, Period>& timeout)
      REQUIRES(mu) {
    std::unique_lock<std::mutex> lock(mu->mu_, std::adopt_lock);
    const bool notified =
        cv_.wait_for(lock, timeout) == std::cv_status::no_timeout;
    lock.release();
    return notified;
  }
  void NotifyOne() { cv_.notify_one(); }
  void NotifyAll() { cv_.notify_all(); }

 private:
  std::condition_variable cv_;
};

}  // namespace warta

#endif  // WARTA_BASE_MUTEX_H_
