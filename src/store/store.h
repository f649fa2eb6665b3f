// Store: warta's whole durable state behind one interface. Backends:
// store/sqlite (embedded, one machine) and later store/postgres (many nodes).
// Callers never see a backend's types. Every method is thread-safe and every
// write is a single transaction that is durable once the call returns.
#ifndef WARTA_STORE_STORE_H_
#define WARTA_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "store/article_store.h"
#include "store/discovery_store.h"
#include "store/distribution_store.h"
#include "store/editorial_store.h"
#include "store/home_store.h"
#include "store/live_update_store.h"
#include "store/maintenance_store.h"
#include "store/media_store.h"
#include "store/reader_store.h"
#include "store/revision_store.h"
#include "store/taxonomy_store.h"
#include "store/user_store.h"
#include "store/wire_store.h"

namespace warta {

// What writes after a given change seq changed, as page keys: "a:ID" (the
// article), "all", "c:ID", "t:ID", "u:ID" (lists it entered, left or moved
// in), "pub" (anything public: feeds, sitemaps), "home" (the home page
// alone: its pins), "nav" and "site" (every page). `everything` when the keys
// are no longer known (too far behind).
struct PageChanges {
  std::int64_t seq = 0;  // the change seq the keys run up to
  std::vector<std::string> keys;
  bool everything = false;
};

// A subscription to writes committed by other connections or processes
// (Store::WatchChanges); ends when destroyed.
class ChangeWatch {
 public:
  virtual ~ChangeWatch() = default;
};

class Store : public ArticleStore,
              public TaxonomyStore,
              public DistributionStore,
              public WireStore,
              public UserStore,
              public RevisionStore,
              public EditorialStore,
              public HomeStore,
              public LiveUpdateStore,
              public DiscoveryStore,
              public MaintenanceStore,
              public MediaStore,
              public ReaderStore {
 public:
  ~Store() override = default;

  // A number that grows with every committed write, from any process or
  // node. Readers poll it to learn that cached pages or indexes are stale.
  virtual Result<std::int64_t> ChangeSeq() = 0;

  // The page keys changed by writes numbered above `after_seq` (see
  // PageChanges); more than `limit` distinct keys give `everything`.
  virtual Result<PageChanges> PageChangesSince(std::int64_t after_seq,
                                               int limit) = 0;

  // The schema version after migrations ran (the highest migration number).
  virtual int SchemaVersion() const = 0;

  // "sqlite", "postgres".
  virtual std::string BackendName() const = 0;

  // Calls `on_change` (on a thread of the store's) soon after a write is
  // committed, by this process or another (`warta import` beside `serve`),
  // so readers need not wait for their next poll of ChangeSeq. Calls may
  // be coalesced and may come without a change. nullptr when the backend
  // cannot tell: poll.
  virtual std::unique_ptr<ChangeWatch> WatchChanges(
      std::function<void()> on_change) {
    (void)on_change;
    return nullptr;
  }

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
};

}  // namespace warta

#endif  // WARTA_STORE_STORE_H_
