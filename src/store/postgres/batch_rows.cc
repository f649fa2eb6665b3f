// PgStore: batches of writes in one transaction (Store::RunBatch).
#include "store/postgres/pg_store_impl.h"

namespace warta::pg {

bool PgStore::InBatchHere() const {
  return batch_thread_.load(std::memory_order_relaxed) ==
         std::this_thread::get_id();
}

Status PgStore::RunBatch(const std::function<Status()>& fn) {
  if (InBatchHere()) return fn();
  std::lock_guard<std::mutex> lock(write_mu_);
  WARTA_RETURN_IF_ERROR(EnsureWriter());
  Status s = InTransaction(*writer_, [&]() -> Status {
    batch_thread_.store(std::this_thread::get_id());
    batch_keys_.clear();
    WARTA_RETURN_IF_ERROR(LockChangeSeq(*writer_));
    Status inner = fn();
    batch_thread_.store(std::thread::id());
    WARTA_RETURN_IF_ERROR(inner);
    return RecordBatchKeys(*writer_);
  });
  batch_thread_.store(std::thread::id());
  return s;
}

}  // namespace warta::pg
