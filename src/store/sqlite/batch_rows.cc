// SqliteStore: batches of writes in one transaction (Store::RunBatch), and
// the upkeep their writes leave to the batch's end (migration 059); the
// upkeep of links copied by RetireTag (066).
#include "store/sqlite/sqlite_store_impl.h"

namespace warta::sqlite {

bool SqliteStore::InBatchHere() const {
  return batch_thread_.load(std::memory_order_relaxed) ==
         std::this_thread::get_id();
}

Status SqliteStore::RunBatch(const std::function<Status()>& fn) {
  return RunBatchIn(fn, false);
}

Status SqliteStore::RunWholeBatch(const std::function<Status()>& fn) {
  return RunBatchIn(fn, true);
}

bool SqliteStore::WritersWaiting() {
  MutexLock lock(&yield_mu_);
  return waiters_.RaisedByOthers();
}

std::chrono::nanoseconds SqliteStore::YieldToWaitingWriters() {
  MutexLock lock(&yield_mu_);
  return YieldToWaiters(waiters_, kYieldLimit, Connection::kBusyPoll);
}

Status SqliteStore::RunBatchIn(const std::function<Status()>& fn, bool whole) {
  if (InBatchHere()) return fn();
  std::lock_guard<std::mutex> lock(write_mu_);
  if (!batch_cache_set_) {
    // A batch touches many pages; with SQLite's default 2 MiB cache they
    // are read again and spilled to the WAL before the commit. (Checkpoints
    // run on the Checkpointer's thread, not in the batch's commit.)
    WARTA_RETURN_IF_ERROR(writer_->Exec("PRAGMA cache_size = -131072"));
    batch_cache_set_ = true;
  }
  batch_keys_.clear();
  batch_upkeep_.Clear();
  write_upkeep_.Clear();
  batch_failure_ = Status::Ok();
  batch_whole_ = whole;
  defer_bands_ = false;  // DeferBandRows, batch by batch
  bands_marked_ = false;
  // Its commit checkpoints after a larger WAL (Checkpointer::Options).
  if (checkpointer_) checkpointer_->SetInBatch(true);
  Status s = InTransaction(*writer_, [&]() -> Status {
    // The upkeep triggers stand aside while this row exists; it never
    // commits (deleted below, or rolled back with the batch).
    {
      WARTA_ASSIGN_OR_RETURN(auto mark,
                             writer_->Prepare("INSERT INTO meta (key, value) "
                                              "VALUES (?, 1)"));
      WARTA_RETURN_IF_ERROR(mark.Bind(1, kBatchUpkeepKey).Run());
    }
    batch_thread_.store(std::this_thread::get_id());
    Status inner = fn();
    batch_thread_.store(std::thread::id());
    WARTA_RETURN_IF_ERROR(inner);
    WARTA_RETURN_IF_ERROR(batch_failure_);
    WARTA_RETURN_IF_ERROR(MergeBandSlice(*writer_));
    WARTA_RETURN_IF_ERROR(batch_upkeep_.WriteTo(*writer_));
    {
      WARTA_ASSIGN_OR_RETURN(
          auto unmark, writer_->Prepare("DELETE FROM meta WHERE key = ?"));
      WARTA_RETURN_IF_ERROR(unmark.Bind(1, kBatchUpkeepKey).Run());
    }
    return RecordBatchKeys(*writer_);
  });
  if (checkpointer_) checkpointer_->SetInBatch(false);
  batch_thread_.store(std::thread::id());
  batch_whole_ = false;
  batch_failure_ = Status::Ok();
  defer_bands_ = false;
  bands_marked_ = false;
  batch_upkeep_.Clear();
  write_upkeep_.Clear();
  return s;
}

Status SqliteStore::TagLinksCopied(Connection& c, std::int64_t tag) {
  // The tag's feed changes; its lastmod is its newest published article's
  // (the links it had before are no newer than its stored lastmod).
  BatchUpkeep* upkeep = Upkeep();
  upkeep->FeedChanged('t', tag);
  WARTA_ASSIGN_OR_RETURN(
      auto newest,
      c.Prepare("SELECT MAX(a.updated_at) FROM article_tags l JOIN articles a "
                "ON a.id = l.article_id WHERE l.tag_id = ? AND "
                "a.status = 'published'"));
  newest.Bind(1, tag);
  WARTA_ASSIGN_OR_RETURN(bool row, newest.Step());
  if (row && !newest.IsNull(0)) upkeep->Lastmod('t', tag, newest.Int(0));
  return Status::Ok();
}

}  // namespace warta::sqlite
