// CoordinationStore: how writers group their writes and share work with
// other processes and nodes: batches (one transaction for many writes) and
// exclusive runs (one node at a time). Part of the Store interface; what
// bulk import and the wire poller need. Thread-safe.
#ifndef WARTA_STORE_COORDINATION_STORE_H_
#define WARTA_STORE_COORDINATION_STORE_H_

#include <chrono>
#include <functional>
#include <string_view>

#include "base/result.h"

namespace warta {

class CoordinationStore {
 public:
  virtual ~CoordinationStore() = default;

  // Runs `fn` and returns true, unless another process or node is running
  // work of the same `name` (then returns false at once, `fn` not run):
  // background jobs every node starts but one at a time should do (the
  // wire poller). The claim ends with `fn`, or with its holder's death.
  // (sqlite: one machine; runs `fn` without a claim.)
  virtual Result<bool> RunExclusive(std::string_view name,
                                    const std::function<void()>& fn) {
    (void)name;
    fn();
    return true;
  }

  // Runs `fn` with every write this thread makes through the store inside
  // one transaction (bulk import: one commit per batch instead of one per
  // article). Each write call stays atomic on its own: a failing one rolls
  // back alone and returns its error, the others stand. The batch commits
  // when `fn` returns ok, else everything in it rolls back. Reads on this
  // thread see the batch's writes; other threads see them after the commit,
  // and their writes wait for it. A batch inside a batch joins the outer one.
  // (sqlite: PutStoredFeed, SaveWireItem, MergeTag and DeleteTag fail with
  // FailedPrecondition inside a batch; the feed versions, sitemap months
  // and taxonomy lastmods its writes change are written when it ends, so
  // reads of them inside the batch see the state before it.)
  virtual Status RunBatch(const std::function<Status()>& fn) = 0;

  // RunBatch for batches expected to succeed whole (bulk import): the
  // writes inside need not be atomic each, so a backend may run them
  // without a savepoint each (sqlite). Then the first write that fails
  // dooms the batch: later writes in it fail at once, everything rolls
  // back and this returns that write's error; run the batch again with
  // RunBatch to keep the others. Nothing is committed when it fails.
  virtual Status RunWholeBatch(const std::function<Status()>& fn) {
    return RunBatch(fn);
  }

  // For a long run of batches (bulk import). WritersWaiting: whether a
  // writer of another process waits for the write lock now (cheap enough to
  // ask after each write of a batch, which then ends early).
  // YieldToWaitingWriters, between two batches: waits while such a writer
  // waits, so that it writes before this run's next batch instead of after
  // many more; at most a short bound (a waiter that never takes the lock
  // delays each batch by that much, no more). Returns the time it waited.
  // (sqlite: the waiters' flag, store/sqlite/wait_flag.h; other backends:
  // false, and 0 at once: their lock queues are fair.)
  virtual bool WritersWaiting() { return false; }
  virtual std::chrono::nanoseconds YieldToWaitingWriters() { return {}; }
};

}  // namespace warta

#endif  // WARTA_STORE_COORDINATION_STORE_H_
