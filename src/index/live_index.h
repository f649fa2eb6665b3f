// LiveIndex: the search index of a running site. Built from the store at
// start, then kept current by following the store's change log
// (ArticleStore::ArticleChangesSince), which catches writes from this process
// (Notify() wakes it at once) and from others (a `warta import` beside
// `warta serve`, polled every poll_interval). Changed articles go into a
// small new segment and their old copies are marked deleted, so a publish,
// edit or unpublish is searchable within a second without a full rebuild.
// Small segments are merged when there are too many; once they hold many
// documents the big segment is rebuilt from the store on a second thread
// while changes keep flowing. Readers take snapshot() and never wait.
//
// With a directory (LiveIndexOptions::dir, DATA/index) the index persists:
// its segments are written to files (segment_file.h) with a manifest
// (index_manifest.h) after a full build, every save_interval when changes
// came in, and at Stop(). Load() maps them and applies the change log
// since, so a restart replays a bounded tail instead of rebuilding. When
// nothing sound is on disk, Start() builds on its thread (analyzing the
// articles on build_threads more, prepared_doc.h) while ready() is false and
// readers see an empty index. Such a build of a whole archive
// keeps its memory bounded: every slice_bytes of postings go to a slice
// file in `dir`, and at the end the slices are merged into the base
// segment's file (segment_builder.h), which then serves mapped. Scratch
// files a crash leaves there (build-*) are removed by the next start.
// Thread-safe.
#ifndef WARTA_INDEX_LIVE_INDEX_H_
#define WARTA_INDEX_LIVE_INDEX_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/mutex.h"
#include "base/result.h"
#include "index/doc.h"
#include "index/snapshot.h"
#include "store/article_store.h"
#include "store/change_store.h"
#include "store/discovery_store.h"
#include "store/store_of.h"
#include "text/analyzer.h"

namespace warta::index {

struct LiveIndexOptions {
  std::chrono::milliseconds poll_interval{250};
  int max_small_segments = 8;  // more are merged into one
  // Documents in small segments that start a rebuild of the big one.
  std::size_t rebuild_after = 20000;
  RankingOptions ranking;
  // Where the index persists; empty: in memory only.
  std::string dir;
  // How often changes are written to `dir` (also after a full build and at
  // Stop()).
  std::chrono::seconds save_interval{300};
  // Posting bytes a full build gathers in memory before it writes them to
  // a slice file in `dir` (SliceOptions::slice_bytes).
  std::size_t slice_bytes = std::size_t{64} << 20;
  // Threads that analyze documents for a full build, beside the one that
  // reads the store and adds them; 0: one less than the usable cores, at
  // least 1. The segment is the same whatever the number.
  int build_threads = 0;
  // Called during a first full build (not background rebuilds), from the
  // building thread, with the articles read so far and about how many there
  // are (0: unknown); `finished` once the segment is complete.
  std::function<void(std::uint64_t done, std::uint64_t total, bool finished)>
      on_progress;
};

class LiveIndex {
 public:
  // The store interfaces the index reads.
  struct Stores {
    ArticleStore& articles;
    DiscoveryStore& discovery;  // clusters and the scan of published ones
    ChangeStore& changes;
    // From one object that is all of them (the whole Store).
    template <StoreOf<ArticleStore, DiscoveryStore, ChangeStore> S>
    Stores(S& s)  // NOLINT: implicit
        : articles(s), discovery(s), changes(s) {}
  };

  // `store` and `analyzer` must outlive the index.
  LiveIndex(Stores store, const text::Analyzer& analyzer,
            LiveIndexOptions options = {});
  ~LiveIndex();
  LiveIndex(const LiveIndex&) = delete;
  LiveIndex& operator=(const LiveIndex&) = delete;

  // Builds the index from every published article in the store, then
  // saves it when persisting. Blocks. Unavailable when Stop() interrupted.
  Status Build();

  // Maps the persisted index from options.dir and applies the change log
  // since it was saved; ready() after success. NotFound when nothing was
  // saved; FailedPrecondition when a file is damaged, truncated, of
  // another format version or newer than the store: then build.
  Status Load();

  // Writes the current index to options.dir (segment files not yet there,
  // then the manifest) and removes files no longer listed. A no-op in
  // memory or before the index is ready.
  Status Save();

  // Starts the thread that follows the change log (building first, on
  // that thread, when the index is not ready) / stops it, saving changes.
  void Start();
  void Stop();

  // True once built or loaded: until then searches find nothing.
  bool ready() const { return ready_.load(); }
  // Full builds and loads done by this object (for tests and logs).
  int builds() const { return builds_.load(); }
  int loads() const { return loads_.load(); }

  // Something was written in this process: look at the change log now.
  void Notify();

  // Applies every change logged so far, on the caller's thread.
  Status CatchUp();

  // The current index; never null after Build().
  std::shared_ptr<const Snapshot> snapshot() const { return current_.load(); }

  // The last change-log sequence number applied.
  std::int64_t seen_seq() const { return seen_seq_.load(); }

 private:
  struct Base {
    std::shared_ptr<const Segment> segment;
    std::int64_t seq = 0;  // the change log was at this number when built
    std::string file;      // the segment's file, when built into `dir`
  };
  // `report`: call options_.on_progress.
  Result<Base> BuildBase(bool report);
  int BuildThreads() const;
  Status ApplyLocked(const std::vector<std::int64_t>& ids, std::int64_t seq)
      REQUIRES(apply_mu_);
  void PublishLocked() REQUIRES(apply_mu_);
  void MaybeRebuildLocked() REQUIRES(apply_mu_);
  void Run();
  // Installs a base segment (in the lock) and publishes it.
  void InstallBase(const Base& b) EXCLUDES(save_mu_, apply_mu_);
  // Gives a base built into a file its name among the saved files.
  void AdoptFileLocked(const Base& b) REQUIRES(save_mu_);
  // A segment file name never used in `dir`.
  std::string NewFileNameLocked(std::int64_t seq) REQUIRES(save_mu_);

  Stores store_;
  const text::Analyzer& analyzer_;
  LiveIndexOptions options_;
  std::atomic<std::shared_ptr<const Snapshot>> current_;
  std::atomic<std::int64_t> seen_seq_{0};
  std::atomic<bool> ready_{false};
  std::atomic<bool> cancel_{false};  // Stop(): builds give up
  std::atomic<bool> stale_{false};   // loaded, but the tail needs a build
  std::atomic<int> builds_{0};
  std::atomic<int> loads_{0};

  // Saves: one at a time; the segment files already written, by segment.
  Mutex save_mu_ ACQUIRED_BEFORE(apply_mu_);
  std::vector<std::pair<std::shared_ptr<const Segment>, std::string>> files_
      GUARDED_BY(save_mu_);
  std::atomic<std::int64_t> saved_seq_{-1};
  std::atomic<bool> save_soon_{false};  // a new base: save it now
  std::uint64_t file_counter_ GUARDED_BY(save_mu_) = 0;

  Mutex apply_mu_;  // one writer at a time; guards the state below
  SegmentRef base_ GUARDED_BY(apply_mu_);
  std::vector<SegmentRef> small_ GUARDED_BY(apply_mu_);
  // Documents in small segments, by article id, with the change-log number
  // that put them there; and deletions since the last base build.
  std::map<std::int64_t, std::pair<IndexDoc, std::int64_t>> small_docs_
      GUARDED_BY(apply_mu_);
  std::map<std::int64_t, std::int64_t> deleted_since_base_
      GUARDED_BY(apply_mu_);
  bool rebuilding_ GUARDED_BY(apply_mu_) = false;
  std::thread rebuild_thread_;

  Mutex wake_mu_;
  CondVar wake_;
  bool wake_flag_ GUARDED_BY(wake_mu_) = false;
  bool stop_ GUARDED_BY(wake_mu_) = false;
  std::thread thread_;
};

}  // namespace warta::index

#endif  // WARTA_INDEX_LIVE_INDEX_H_
