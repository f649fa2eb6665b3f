// Checkpointer: copies the WAL back into the database file on a thread of
// its own, so that no write (an editor's save, a bulk import's commit) pays
// for it. It takes over the writer connection's automatic checkpoints: after
// each commit, a WAL of `soft_pages` or more wakes the thread, which runs a
// PASSIVE checkpoint on its own connection (readers and the writer go on
// meanwhile). Should the WAL still reach `hard_pages` (checkpoints kept from
// finishing by a writer that never pauses), the committing writer checkpoints
// it itself, as SQLite does by default, which bounds the WAL.
#ifndef WARTA_STORE_SQLITE_CHECKPOINTER_H_
#define WARTA_STORE_SQLITE_CHECKPOINTER_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>

#include "base/mutex.h"
#include "store/sqlite/db.h"

namespace warta::sqlite {

class Checkpointer {
 public:
  struct Options {
    int soft_pages = 1000;   // SQLite's default autocheckpoint
    int hard_pages = 65536;  // 512 MiB of 8 KiB pages (256 of 4 KiB)
    // The soft limit for the commits of a batch (a bulk import: each
    // commit writes thousands of pages, many of them the same index leaves
    // as the commit before). A checkpoint copies each page once however
    // often the WAL holds it, so checkpointing every few batches instead of
    // after each copies the leaves they share once. At 100k this alone took
    // the bytes written from 68.1 to 60-65 KiB an article; with --batch 5000
    // (bulk_import.h) to ~40 KiB, and the import ran ~10% faster
    // (docs/benchmarks.md, "Fewer, larger writes").
    int batch_soft_pages = 16384;  // 128 MiB of 8 KiB pages (64 of 4 KiB)
  };

  // `writer` must outlive the Checkpointer; `own` is used by its thread only.
  Checkpointer(Connection& writer, std::unique_ptr<Connection> own,
               Options options);
  // Hands checkpoints back to the writer (SQLite's default) and stops.
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Whether the writer's next commits are a batch's (batch_soft_pages).
  void SetInBatch(bool in_batch) {
    in_batch_.store(in_batch, std::memory_order_relaxed);
  }

  // Checkpoints the background thread has run (for tests).
  std::int64_t runs() const;

 private:
  static int OnCommit(void* self, sqlite3* db, const char* name, int pages);
  void Loop() EXCLUDES(mu_);

  Connection& writer_;
  std::unique_ptr<Connection> own_;
  const Options options_;
  mutable Mutex mu_;
  CondVar cv_;
  bool wanted_ GUARDED_BY(mu_) = false;
  bool stop_ GUARDED_BY(mu_) = false;
  std::int64_t runs_ GUARDED_BY(mu_) = 0;
  std::atomic<bool> in_batch_{false};
  std::thread thread_;
};

}  // namespace warta::sqlite

#endif  // WARTA_STORE_SQLITE_CHECKPOINTER_H_
