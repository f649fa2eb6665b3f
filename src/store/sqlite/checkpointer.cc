#include "store/sqlite/checkpointer.h"

#include <sqlite3.h>

namespace warta::sqlite {

Checkpointer::Checkpointer(Connection& writer, std::unique_ptr<Connection> own,
                           Options options)
    : writer_(writer), own_(std::move(own)), options_(options) {
  // Replaces the writer's automatic checkpoint (itself a WAL hook).
  sqlite3_wal_hook(writer_.raw(), &Checkpointer::OnCommit, this);
  thread_ = std::thread([this] { Loop(); });
}

Checkpointer::~Checkpointer() {
  sqlite3_wal_autocheckpoint(writer_.raw(), options_.soft_pages);
  {
    MutexLock lock(&mu_);
    stop_ = true;
  }
  cv_.NotifyAll();
  thread_.join();
}

std::int64_t Checkpointer::runs() const {
  MutexLock lock(&mu_);
  return runs_;
}

int Checkpointer::OnCommit(void* self_ptr, sqlite3* db, const char* name,
                           int pages) {
  auto* self = static_cast<Checkpointer*>(self_ptr);
  if (pages >= self->options_.hard_pages) {
    sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                              nullptr);
  } else if (pages >= (self->in_batch_.load(std::memory_order_relaxed)
                           ? self->options_.batch_soft_pages
                           : self->options_.soft_pages)) {
    {
      MutexLock lock(&self->mu_);
      self->wanted_ = true;
    }
    self->cv_.NotifyOne();
  }
  return SQLITE_OK;
}

void Checkpointer::Loop() {
  MutexLock lock(&mu_);
  while (true) {
    while (!wanted_ && !stop_) cv_.Wait(&mu_);
    if (stop_) return;
    wanted_ = false;
    lock.Unlock();
    // Busy (another process checkpointing) or not finished (a reader still
    // needs old frames): the next commit asks again.
    sqlite3_wal_checkpoint_v2(own_->raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                              nullptr, nullptr);
    lock.Lock();
    ++runs_;
  }
}

}  // namespace warta::sqlite
