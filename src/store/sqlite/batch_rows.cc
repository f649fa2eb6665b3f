// SqliteStore: batches of writes in one transaction (Store::RunBatch).
#include "store/sqlite/sqlite_store_impl.h"

namespace warta::sqlite {

bool SqliteStore::InBatchHere() const {
  return batch_thread_.load(std::memory_order_relaxed) ==
         std::this_thread::get_id();
}

Status SqliteStore::RunBatch(const std::function<Status()>& fn) {
  if (InBatchHere()) return fn();
  std::lock_guard<std::mutex> lock(write_mu_);
  if (!batch_cache_set_) {
    // A batch touches many pages; with SQLite's default 2 MiB cache they
    // are read again and spilled to the WAL before the commit. (Checkpoints
    // run on the Checkpointer's thread, not in the batch's commit.)
    WARTA_RETURN_IF_ERROR(writer_->Exec("PRAGMA cache_size = -131072"));
    batch_cache_set_ = true;
  }
  Status s = InTransaction(*writer_, [&]() -> Status {
    batch_thread_.store(std::this_thread::get_id());
    batch_keys_.clear();
    Status inner = fn();
    batch_thread_.store(std::thread::id());
    WARTA_RETURN_IF_ERROR(inner);
    return RecordBatchKeys(*writer_);
  });
  batch_thread_.store(std::thread::id());
  return s;
}

}  // namespace warta::sqlite
