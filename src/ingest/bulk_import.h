// Bulk import: the Importer's steps on several threads. One thread reads the
// files in order, worker threads parse and render (Markdown -> HTML, plain
// text, reading time, the first revision, plus an optional hook such as
// near-duplicate fingerprints), and the calling thread saves the articles
// in file order, up to `batch_size` per store transaction
// (CoordinationStore::RunWholeBatch, then CoordinationStore::RunBatch for a
// batch in which a save failed). A batch ends early when its saves took
// `batch_time`, or `batch_time_when_waited` while a writer of another
// process waits for the write lock (CoordinationStore::WritersWaiting),
// which then goes before the next batch
// (CoordinationStore::YieldToWaitingWriters): an editor's save beside an
// import waits for a fraction of one batch, not for batches. Each article
// still saves atomically on its own: a failing one is reported and skipped,
// the rest of its batch commits.
// Events are reported after their batch commits, so what was reported is
// durable. Setting `stop` (e.g. from a SIGINT handler) ends the import after
// the batch in progress commits; importing the same files again then creates
// only what is missing.
#ifndef WARTA_INGEST_BULK_IMPORT_H_
#define WARTA_INGEST_BULK_IMPORT_H_

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "ingest/importer.h"
#include "store/coordination_store.h"

namespace warta::ingest {

struct BulkOptions {
  // Articles per transaction, at most. Large: commits of a bulk import
  // write the same index leaves again (band keys land all over the band
  // table), so fewer commits write fewer pages: at 100k, 5000 instead of
  // 1000 took the bytes written from 68.1 to 40-42 KiB an article.
  // `batch_time` still ends a batch after a second, so the time decides.
  int batch_size = 5000;
  // A batch commits once its saves took `batch_time`, even short of
  // batch_size, so that no batch holds the store's write lock for seconds
  // (plus one article's save and the batch's upkeep); while a writer of
  // another process waits, once they took `batch_time_when_waited`. Not
  // shorter: every commit has a fixed cost (the batch's upkeep), and a
  // server beside an import writes after each change it follows (stored
  // feeds), so while it runs a writer waits nearly always: cut at 200-300
  // ms, the import ran 12-17% slower beside a server, at 500 ms 6%
  // (docs/benchmarks.md, "An editor's save beside an import"). 0: no bound.
  std::chrono::microseconds batch_time{1000000};
  std::chrono::microseconds batch_time_when_waited{500000};
  int threads = 0;  // parse/render workers; 0: one per usable core but one
  // When set to true, stop after the batch in progress commits.
  const std::atomic<bool>* stop = nullptr;
  // Runs on a worker for every rendered article (before it is saved).
  std::function<void(const Article&)> on_rendered;
  // Runs on the calling thread after each batch commits, with the totals.
  std::function<void(const ImportStats&)> on_batch;
  // Runs on the calling thread inside each batch's transaction, before its
  // first save (true) and after its last (false); again when a failed
  // batch is saved once more article by article.
  std::function<void(bool start)> in_batch;
};

struct BulkResult {
  ImportStats stats;
  bool interrupted = false;  // `stop` ended it before the end of the files
};

// Imports `files` in order through `importer`; calls `on_event` once per
// article or error, in file order, after its batch committed.
BulkResult BulkImport(Importer& importer, CoordinationStore& store,
                      const std::vector<std::string>& files,
                      const BulkOptions& options,
                      const std::function<void(const ImportEvent&)>& on_event);

}  // namespace warta::ingest

#endif  // WARTA_INGEST_BULK_IMPORT_H_
