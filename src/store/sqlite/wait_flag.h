// WaitFlag: a flag, shared between processes through a small file beside the
// database ("<db>-wait"), that a writer raises while it waits for SQLite's
// write lock. A long run of write transactions (bulk import) looks at it
// between transactions and lets the waiting writer in first
// (YieldToWaiters); without it, the waiting writer's next poll comes too
// late: the next transaction has the lock again within microseconds.
//
// Each WaitFlag is one open file description holding an OFD byte-range lock
// (Linux, fcntl F_OFD_SETLK): a raised flag is a shared lock on byte 0, seen
// by every other WaitFlag on the file, in this process or another, and
// dropped by the kernel when its holder exits or crashes, so a dead waiter
// never keeps writers yielding. Failures (no file, an unsupported file
// system) are ignored: the flag then never shows raised, which costs only
// the hand-over's fairness. One thread at a time per WaitFlag.
#ifndef WARTA_STORE_SQLITE_WAIT_FLAG_H_
#define WARTA_STORE_SQLITE_WAIT_FLAG_H_

#include <chrono>
#include <string>

namespace warta::sqlite {

class WaitFlag {
 public:
  // The flag of the database at `db_path` (the file is opened, and created
  // when missing, on first use). An empty path or ":memory:": no flag.
  explicit WaitFlag(const std::string& db_path);
  ~WaitFlag();
  WaitFlag(const WaitFlag&) = delete;
  WaitFlag& operator=(const WaitFlag&) = delete;

  // Raises / lowers this WaitFlag's share of the flag; both idempotent.
  void Raise();
  void Lower();
  bool raised() const { return raised_; }

  // Whether another WaitFlag on the same file (not this one) is raised.
  bool RaisedByOthers();

 private:
  bool EnsureOpen();
  std::string path_;
  int fd_ = -1;
  bool failed_ = false;  // the file cannot be opened: no flag
  bool raised_ = false;
};

// Waits in steps of `step` while another WaitFlag on `flag`'s file is
// raised, at most `limit`; returns the time waited (0 when none was).
std::chrono::nanoseconds YieldToWaiters(WaitFlag& flag,
                                        std::chrono::nanoseconds limit,
                                        std::chrono::nanoseconds step);

}  // namespace warta::sqlite

#endif  // WARTA_STORE_SQLITE_WAIT_FLAG_H_
