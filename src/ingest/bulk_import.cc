#include "ingest/bulk_import.h"

#include <algorithm>
#include <deque>
#include <map>
#include <thread>

#include "base/cores.h"
#include "base/mutex.h"
#include "base/stop_signals.h"

namespace warta::ingest {
namespace {

constexpr std::size_t kChunkItems = 128;  // items a worker takes at once
// How much lower the reader and workers run than the saver (nice levels):
// the saver is the import's critical path. At 1M on two cores its wall time
// was 1.17-1.20x its CPU time, and 1.145-1.15x with them reniced so
// (docs/benchmarks.md, "the helpers' priority").
constexpr int kHelperNiceness = 10;
// How often a batch past batch_time_when_waited asks whether another
// process's writer waits: an `fcntl` each, which after every article took
// ~1% of the saver at 1M (docs/benchmarks.md, "The first revision in
// brotli, shingles sorted by their top bits"). A waiter waits that much
// longer at most.
constexpr std::chrono::milliseconds kWaiterCheckEvery{2};

// What the saver is done with: its chunks and events, freed on a worker.
// The saver (the store's writer) is the import's critical path; at ~420k
// of a 1M import, destroying the items took 1.6% of its samples and the
// events' articles 1%, and moving the items as its batch vector grew and
// was erased 2.9% and 2.8% (docs/benchmarks.md, "The saver's items").
struct Spent {
  std::vector<std::vector<PreparedItem>> chunks;
  std::vector<ImportEvent> events;
  bool empty() const { return chunks.empty() && events.empty(); }
};

// Chunks of items flow reader -> workers -> saver in sequence order; at most
// `max_chunks` are in flight, which bounds memory.
class Pipeline {
 public:
  explicit Pipeline(std::size_t max_chunks) : max_chunks_(max_chunks) {}

  // Reader: false when cancelled.
  bool PushRaw(std::vector<ImportItem> chunk) {
    MutexLock lock(&mu_);
    while (!cancelled_ && in_flight_ >= max_chunks_) cv_.Wait(&mu_);
    if (cancelled_) return false;
    ++in_flight_;
    raw_.emplace_back(next_raw_++, std::move(chunk));
    cv_.NotifyAll();
    return true;
  }
  void FinishRaw() {
    MutexLock lock(&mu_);
    raw_done_ = true;
    total_chunks_ = next_raw_;
    cv_.NotifyAll();
  }
  // Worker: false when there is no more work. Hands over what the saver is
  // done with in `spent` (to be freed outside the lock), also while it
  // waits for work.
  bool PopRaw(std::size_t& seq, std::vector<ImportItem>& chunk,
              std::vector<Spent>& spent) {
    MutexLock lock(&mu_);
    while (!cancelled_ && raw_.empty() && !raw_done_ && spent_.empty()) {
      cv_.Wait(&mu_);
    }
    spent.swap(spent_);
    if (!spent.empty() && !cancelled_ && raw_.empty() && !raw_done_) {
      seq = kNoChunk;  // only something to free
      return true;
    }
    if (cancelled_ || raw_.empty()) return false;
    seq = raw_.front().first;
    chunk = std::move(raw_.front().second);
    raw_.pop_front();
    return true;
  }
  static constexpr std::size_t kNoChunk = static_cast<std::size_t>(-1);
  // Saver: items it is done with, for a worker to free (after the workers
  // are gone, the pipeline frees them).
  void Dispose(Spent spent) {
    if (spent.empty()) return;
    MutexLock lock(&mu_);
    spent_.push_back(std::move(spent));
    cv_.NotifyAll();
  }
  void PushPrepared(std::size_t seq, std::vector<PreparedItem> chunk) {
    MutexLock lock(&mu_);
    prepared_.emplace(seq, std::move(chunk));
    cv_.NotifyAll();
  }
  // Saver: the next chunk in order; false at the end.
  bool PopPrepared(std::vector<PreparedItem>& chunk) {
    MutexLock lock(&mu_);
    while (!prepared_.count(next_prepared_) &&
           !(raw_done_ && next_prepared_ == total_chunks_)) {
      cv_.Wait(&mu_);
    }
    auto it = prepared_.find(next_prepared_);
    if (it == prepared_.end()) return false;
    chunk = std::move(it->second);
    prepared_.erase(it);
    ++next_prepared_;
    --in_flight_;
    cv_.NotifyAll();
    return true;
  }
  void Cancel() {
    MutexLock lock(&mu_);
    cancelled_ = true;
    cv_.NotifyAll();
  }
  bool cancelled() {
    MutexLock lock(&mu_);
    return cancelled_;
  }

 private:
  Mutex mu_;
  CondVar cv_;
  const std::size_t max_chunks_;
  std::size_t in_flight_ GUARDED_BY(mu_) = 0;
  std::size_t next_raw_ GUARDED_BY(mu_) = 0;
  std::size_t next_prepared_ GUARDED_BY(mu_) = 0;
  std::size_t total_chunks_ GUARDED_BY(mu_) = 0;
  bool raw_done_ GUARDED_BY(mu_) = false;
  bool cancelled_ GUARDED_BY(mu_) = false;
  std::deque<std::pair<std::size_t, std::vector<ImportItem>>> raw_
      GUARDED_BY(mu_);
  std::map<std::size_t, std::vector<PreparedItem>> prepared_ GUARDED_BY(mu_);
  std::vector<Spent> spent_ GUARDED_BY(mu_);
};

}  // namespace

BulkResult BulkImport(Importer& importer, CoordinationStore& store,
                      const std::vector<std::string>& files,
                      const BulkOptions& options,
                      const std::function<void(const ImportEvent&)>& on_event) {
  // By default one core is the writer's (this thread): with a worker on
  // every core, the writer waited for a core, and on two cores a 100k
  // import ran 12% slower (3,136-3,291/s against 3,568-3,620/s with one).
  int threads = options.threads > 0 ? options.threads : UsableCores() - 1;
  threads = std::max(threads, 1);
  const std::size_t batch_size =
      static_cast<std::size_t>(std::max(options.batch_size, 1));
  Pipeline pipe(static_cast<std::size_t>(threads) * 4 +
                batch_size / kChunkItems + 2);

  // The reader and workers block SIGINT and SIGTERM, which this thread (the
  // writer) takes: one ending may swallow a signal (base/stop_signals.h).
  std::thread reader = ThreadWithoutStopSignals([&] {
    LowerThisThreadsPriority(kHelperNiceness);
    std::vector<ImportItem> chunk;
    for (const std::string& file : files) {
      ItemReader items(file);
      ImportItem item;
      while (items.Next(item)) {
        chunk.push_back(std::move(item));
        if (chunk.size() == kChunkItems) {
          if (!pipe.PushRaw(std::move(chunk))) return pipe.FinishRaw();
          chunk.clear();
        }
      }
    }
    if (!chunk.empty()) pipe.PushRaw(std::move(chunk));
    pipe.FinishRaw();
  });
  std::vector<std::thread> workers;
  for (int i = 0; i < threads; ++i) {
    workers.push_back(ThreadWithoutStopSignals([&] {
      LowerThisThreadsPriority(kHelperNiceness);
      std::size_t seq;
      std::vector<ImportItem> raw;
      std::vector<Spent> spent;
      while (pipe.PopRaw(seq, raw, spent)) {
        spent.clear();
        if (seq == Pipeline::kNoChunk) continue;
        std::vector<PreparedItem> done;
        done.reserve(raw.size());
        for (ImportItem& item : raw) {
          done.push_back(importer.PrepareItem(std::move(item)));
          if (options.on_rendered && done.back().status.ok())
            options.on_rendered(done.back().article);
        }
        pipe.PushPrepared(seq, std::move(done));
      }
    }));
  }

  BulkResult result;
  // The items not saved yet, in the workers' chunks as they came (an item
  // is never moved: each holds an article several times over); `head`
  // items of the first chunk are saved already.
  std::deque<std::vector<PreparedItem>> chunks;
  std::size_t head = 0;
  std::size_t pending = 0;
  std::size_t left_of_last = 0;  // of the last batch, not saved (time up)
  // Saves up to batch_size of the pending articles in one transaction: all
  // of them, or as many as `batch_time` allows (`batch_time_when_waited`
  // while another process's writer waits for the lock); the rest wait for
  // the next one.
  auto save_some = [&] {
    if (pending == 0) return;
    std::vector<PreparedItem*> batch;
    batch.reserve(std::min(pending, batch_size));
    for (std::size_t c = 0, i = head;
         c < chunks.size() && batch.size() < batch_size; ++c, i = 0) {
      for (; i < chunks[c].size() && batch.size() < batch_size; ++i)
        batch.push_back(&chunks[c][i]);
    }
    std::size_t take = batch.size();
    std::vector<ImportEvent> events;
    events.reserve(batch.size());
    auto save_all = [&]() -> Status {
      events.clear();
      if (options.in_batch) options.in_batch(true);
      const auto start = std::chrono::steady_clock::now();
      // Whether a writer waits is a system call (a lock's test): asked at
      // most every kWaiterCheckEvery, not after every article.
      auto next_waiter_check = start + options.batch_time_when_waited;
      for (std::size_t i = 0; i < take; ++i) {
        events.push_back(
            Importer::EventOf(*batch[i], importer.SavePrepared(*batch[i])));
        if (i + 1 < take && options.batch_time.count() > 0) {
          const auto now = std::chrono::steady_clock::now();
          if (now - start >= options.batch_time) {
            take = i + 1;
          } else if (now >= next_waiter_check) {
            next_waiter_check = now + kWaiterCheckEvery;
            if (store.WritersWaiting()) take = i + 1;
          }
        }
      }
      if (options.in_batch) options.in_batch(false);
      return Status::Ok();
    };
    // Without a savepoint per article first; when an article's save fails
    // that rolls the whole batch back, and the batch is saved again article
    // by article, the failing one skipped (no more articles than the first
    // try took).
    Status committed = store.RunWholeBatch(save_all);
    if (!committed.ok()) committed = store.RunBatch(save_all);
    if (events.size() != take) {  // the batch never ran (or not all)
      events.clear();
      for (std::size_t i = 0; i < take; ++i) {
        const PreparedItem& item = *batch[i];
        Status why = !item.status.ok() ? item.status
                     : !committed.ok() ? committed
                                       : Status::Internal("not saved");
        events.push_back(Importer::EventOf(item, why));
      }
    }
    for (ImportEvent& e : events) {
      if (!committed.ok() && e.status.ok()) {
        e.status = committed;
        e.article.reset();
      }
      result.stats.Count(e);
      on_event(e);
    }
    Spent spent;
    spent.events = std::move(events);
    left_of_last = batch.size() - take;
    head += take;
    pending -= take;
    while (!chunks.empty() && head >= chunks.front().size()) {
      head -= chunks.front().size();
      spent.chunks.push_back(std::move(chunks.front()));
      chunks.pop_front();
    }
    pipe.Dispose(std::move(spent));
    if (options.on_batch) options.on_batch(result.stats);
    // A writer of another process that waited for this batch writes now.
    store.YieldToWaitingWriters();
  };
  auto stopping = [&] {
    return options.stop && options.stop->load(std::memory_order_relaxed);
  };
  std::vector<PreparedItem> chunk;
  bool finished = false;
  while (!stopping()) {
    if (!pipe.PopPrepared(chunk)) {
      finished = true;
      break;
    }
    pending += chunk.size();
    chunks.push_back(std::move(chunk));
    chunk.clear();
    while (pending >= batch_size && !stopping()) save_some();
  }
  if (!finished) {
    result.interrupted = true;
    pipe.Cancel();
    // Stopped: what the last batch left when its time was up is saved
    // still; the rest is never saved, never reported, and a re-run imports
    // it.
    while (pending > left_of_last) {
      std::vector<PreparedItem>& last = chunks.back();
      const std::size_t extra = pending - left_of_last;
      if (extra >= last.size()) {
        pending -= last.size();
        chunks.pop_back();
      } else {
        last.resize(last.size() - extra);
        pending -= extra;
      }
    }
  }
  while (pending > 0) save_some();
  reader.join();
  for (std::thread& w : workers) w.join();
  return result;
}

}  // namespace warta::ingest
