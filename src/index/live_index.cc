#include "index/live_index.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "base/cores.h"
#include "base/heap.h"
#include "base/log.h"
#include "index/index_manifest.h"
#include "index/prepared_doc.h"
#include "index/segment_builder.h"
#include "index/segment_file.h"

namespace warta::index {
namespace {

constexpr int kScanBatch = 500;
constexpr int kChangesBatch = 10000;

// Scratch files of full builds in the index directory:
// build-PID-START-N-... (START tells this process from an earlier one of
// the same id).
const std::string& ProcessPrefix() {
  static const std::string prefix =
      "build-" + std::to_string(::getpid()) + "-" +
      std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count()) +
      "-";
  return prefix;
}

std::string BuildFilePrefix() {
  static std::atomic<std::uint64_t> builds{0};
  return ProcessPrefix() + std::to_string(++builds);
}

// Removes the scratch files of builds that are not running: those of a
// process that has gone (a crash) or of an earlier process with this id.
void RemoveLeftoverBuildFiles(const std::string& dir) {
  const std::string& mine = ProcessPrefix();
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("build-", 0) != 0 || name.rfind(mine, 0) == 0) continue;
    const long pid = std::atol(name.c_str() + 6);
    const bool running =
        pid > 0 && pid != ::getpid() &&
        (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
    if (running) continue;
    std::filesystem::remove(entry.path(), ec);
    LogInfo("search index: removed " + name + " left by an interrupted build");
  }
}

// Marks the given articles deleted in `ref` (copying its mask once).
void MarkDeleted(SegmentRef& ref, const std::vector<std::int64_t>& ids) {
  std::vector<std::uint32_t> docs;
  for (std::int64_t id : ids) {
    auto d = ref.segment->FindArticle(id);
    if (d && ref.live(*d)) docs.push_back(*d);
  }
  if (docs.empty()) return;
  auto mask = ref.deleted ? std::make_shared<std::vector<bool>>(*ref.deleted)
                          : std::make_shared<std::vector<bool>>(
                                ref.segment->doc_count(), false);
  for (std::uint32_t d : docs) (*mask)[d] = true;
  ref.deleted = std::move(mask);
}

}  // namespace

LiveIndex::LiveIndex(Stores store, const text::Analyzer& analyzer,
                     LiveIndexOptions options)
    : store_(store), analyzer_(analyzer), options_(options) {
  current_.store(std::make_shared<const Snapshot>(std::vector<SegmentRef>{},
                                                  options_.ranking));
}

LiveIndex::~LiveIndex() { Stop(); }

int LiveIndex::BuildThreads() const {
  if (options_.build_threads > 0) return options_.build_threads;
  return std::max(1, UsableCores() - 1);
}

Result<LiveIndex::Base> LiveIndex::BuildBase(bool report) {
  Base b;
  WARTA_ASSIGN_OR_RETURN(b.seq, store_.changes.ChangeSeq());
  const bool progress = report && options_.on_progress;
  std::uint64_t total = 0, done = 0;
  if (progress) {
    ArticleQuery q;
    q.status = ArticleStatus::kPublished;
    auto n = store_.articles.CountArticles(q);
    if (n.ok()) total = static_cast<std::uint64_t>(*n);
    options_.on_progress(0, total, false);
  }
  const std::string& dir = options_.dir;
  std::string prefix;
  if (!dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
      return Status::IoError("cannot create " + dir + ": " + ec.message());
    RemoveLeftoverBuildFiles(dir);
    prefix = dir + "/" + BuildFilePrefix();
  }
  {
    SegmentBuilder builder(analyzer_, {}, options_.ranking);
    if (!prefix.empty())
      builder.UseSlices(SliceOptions{prefix, options_.slice_bytes, &cancel_});
    // This thread reads the store and adds documents to the builder in
    // order; the analysis, most of the work, runs on other threads, a batch
    // ahead.
    DocPreparer preparer(analyzer_, BuildThreads());
    std::int64_t after = 0;
    while (true) {
      if (cancel_) return Status::Unavailable("search index build stopped");
      WARTA_ASSIGN_OR_RETURN(auto batch, store_.discovery.ScanPublishedArticles(
                                             after, kScanBatch));
      std::vector<IndexDoc> docs;
      docs.reserve(batch.size());
      for (const Article& a : batch) {
        WARTA_ASSIGN_OR_RETURN(std::int64_t cluster,
                               store_.discovery.DuplicateClusterOf(a.id));
        docs.push_back(DocFromArticle(a, cluster));
      }
      std::vector<PreparedDoc> ready = preparer.Take();
      preparer.Start(std::move(docs));
      for (PreparedDoc& p : ready) builder.Add(std::move(p));
      WARTA_RETURN_IF_ERROR(builder.status());
      done += ready.size();
      if (progress && !ready.empty())
        options_.on_progress(done, std::max(total, done), false);
      if (batch.empty()) break;
      after = batch.back().id;
    }
    if (prefix.empty()) {
      b.segment = builder.Build();
    } else {
      b.file = prefix + ".idx";
      WARTA_ASSIGN_OR_RETURN(b.segment, builder.BuildFile(b.file));
    }
  }
  ReleaseFreedMemory();  // the builder's postings and tables
  if (progress) options_.on_progress(done, std::max(total, done), true);
  return b;
}

void LiveIndex::InstallBase(const Base& b) {
  MutexLock save_lock(&save_mu_);
  AdoptFileLocked(b);
  MutexLock lock(&apply_mu_);
  base_ = SegmentRef{b.segment, nullptr};
  small_.clear();
  small_docs_.clear();
  deleted_since_base_.clear();
  seen_seq_ = b.seq;
  PublishLocked();
  ready_ = true;
}

void LiveIndex::AdoptFileLocked(const Base& b) {
  if (b.file.empty()) return;
  // Renamed while mapped: the mapping stays. Without the rename, Save()
  // writes the segment again and the next start removes the build file.
  const std::string name = NewFileNameLocked(b.seq);
  std::error_code ec;
  std::filesystem::rename(b.file, options_.dir + "/" + name, ec);
  if (ec) {
    LogWarning("search index: cannot rename " + b.file + ": " + ec.message());
    return;
  }
  files_.emplace_back(b.segment, name);
}

std::string LiveIndex::NewFileNameLocked(std::int64_t seq) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  std::error_code ec;
  std::string name;
  do {
    name = "seg-" + std::to_string(seq) + "-" +
           std::to_string(
               std::chrono::duration_cast<std::chrono::microseconds>(now)
                   .count()) +
           "-" + std::to_string(++file_counter_) + ".idx";
  } while (std::filesystem::exists(options_.dir + "/" + name, ec));
  return name;
}

Status LiveIndex::Build() {
  WARTA_ASSIGN_OR_RETURN(Base b, BuildBase(true));
  InstallBase(b);
  ++builds_;
  if (Status s = Save(); !s.ok())
    LogWarning("search index: not saved: " + s.ToString());
  return Status::Ok();
}

Status LiveIndex::Load() {
  const std::string& dir = options_.dir;
  if (dir.empty()) return Status::NotFound("the search index is not saved");
  WARTA_ASSIGN_OR_RETURN(IndexManifest m, ReadManifest(dir));
  RemoveLeftoverBuildFiles(dir);
  WARTA_ASSIGN_OR_RETURN(std::int64_t store_seq, store_.changes.ChangeSeq());
  if (m.seq > store_seq) {
    return Status::FailedPrecondition(
        "index files reflect change " + std::to_string(m.seq) +
        " but the store is at " + std::to_string(store_seq));
  }
  std::vector<SegmentRef> refs;
  std::vector<std::pair<std::shared_ptr<const Segment>, std::string>> files;
  for (const ManifestSegment& ms : m.segments) {
    auto seg = OpenSegmentFile(dir + "/" + ms.file);
    if (!seg.ok()) {
      if (seg.status().IsNotFound())
        return Status::FailedPrecondition("index file " + ms.file +
                                          " is missing");
      return seg.status();
    }
    SegmentRef ref{*seg, nullptr};
    if (!ms.deleted.empty()) {
      auto mask = std::make_shared<std::vector<bool>>((*seg)->doc_count());
      for (std::uint32_t d : ms.deleted) {
        if (d >= mask->size())
          return Status::FailedPrecondition("index manifest: bad deletion");
        (*mask)[d] = true;
      }
      ref.deleted = std::move(mask);
    }
    refs.push_back(std::move(ref));
    files.emplace_back(*seg, ms.file);
  }
  if (m.has_base && refs.empty())
    return Status::FailedPrecondition("index manifest: no base segment");
  // The documents of the small segments, for merges and rebuilds (at most
  // about rebuild_after of them); any changed since are in the change log.
  std::map<std::int64_t, std::pair<IndexDoc, std::int64_t>> small_docs;
  for (const auto& [id, seq] : m.small_docs) {
    auto a = store_.articles.GetArticle(id);
    if (!a.ok() && !a.status().IsNotFound()) return a.status();
    if (!a.ok() || !a->IsPublished()) continue;
    WARTA_ASSIGN_OR_RETURN(std::int64_t cluster,
                           store_.discovery.DuplicateClusterOf(id));
    small_docs[id] = {DocFromArticle(*a, cluster), seq};
  }
  // A tail longer than a rebuild's worth is rebuilt (on Start's thread)
  // while the loaded index serves.
  WARTA_ASSIGN_OR_RETURN(
      auto tail, store_.articles.ArticleChangesSince(
                     m.seq, static_cast<int>(options_.rebuild_after) + 1));
  {
    MutexLock lock(&apply_mu_);
    base_ = m.has_base ? refs[0] : SegmentRef{};
    small_.assign(refs.begin() + (m.has_base ? 1 : 0), refs.end());
    small_docs_ = std::move(small_docs);
    deleted_since_base_ = {m.deleted_since_base.begin(),
                           m.deleted_since_base.end()};
    seen_seq_ = m.seq;
    PublishLocked();
    ready_ = true;
  }
  {
    MutexLock lock(&save_mu_);
    files_ = std::move(files);
    saved_seq_ = m.seq;
  }
  ++loads_;
  if (tail.size() > options_.rebuild_after) {
    stale_ = true;
    return Status::Ok();
  }
  return CatchUp();
}

Status LiveIndex::Save() {
  const std::string& dir = options_.dir;
  if (dir.empty() || !ready_) return Status::Ok();
  MutexLock save_lock(&save_mu_);
  save_soon_ = false;
  IndexManifest m;
  std::vector<SegmentRef> refs;
  {
    MutexLock lock(&apply_mu_);
    m.seq = seen_seq_;
    m.has_base = base_.segment != nullptr;
    if (base_.segment) refs.push_back(base_);
    refs.insert(refs.end(), small_.begin(), small_.end());
    for (const auto& [id, entry] : small_docs_)
      m.small_docs.emplace_back(id, entry.second);
    m.deleted_since_base.assign(deleted_since_base_.begin(),
                                deleted_since_base_.end());
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IoError("cannot create " + dir + ": " + ec.message());
  std::vector<std::pair<std::shared_ptr<const Segment>, std::string>> files;
  std::vector<std::pair<std::shared_ptr<const Segment>,
                        std::shared_ptr<const Segment>>>
      mapped_copies;  // heap -> mapped
  for (const SegmentRef& r : refs) {
    std::string name;
    for (const auto& [seg, n] : files_) {
      if (seg == r.segment) name = n;
    }
    if (name.empty()) {
      // Never a name in use: a previous manifest may still list it.
      name = NewFileNameLocked(m.seq);
      WARTA_RETURN_IF_ERROR(WriteSegmentFile(*r.segment, dir + "/" + name));
      // From now on the mapped copy serves and the heap copy goes once the
      // last reader lets go of it: the index lives in the page cache.
      WARTA_ASSIGN_OR_RETURN(auto mapped,
                             OpenSegmentFile(dir + "/" + name, false));
      mapped_copies.emplace_back(r.segment, mapped);
    }
    ManifestSegment ms{name, {}};
    if (r.deleted) {
      for (std::uint32_t d = 0; d < r.deleted->size(); ++d) {
        if ((*r.deleted)[d]) ms.deleted.push_back(d);
      }
    }
    m.segments.push_back(std::move(ms));
    files.emplace_back(r.segment, std::move(name));
  }
  WARTA_RETURN_IF_ERROR(WriteManifest(dir, m));
  if (!mapped_copies.empty()) {
    MutexLock lock(&apply_mu_);
    auto swap = [&](SegmentRef& ref) {
      for (const auto& [heap, mapped] : mapped_copies) {
        if (ref.segment == heap) ref.segment = mapped;
      }
    };
    swap(base_);
    for (SegmentRef& ref : small_) swap(ref);
    for (auto& [seg, name] : files) {
      for (const auto& [heap, mapped] : mapped_copies) {
        if (seg == heap) seg = mapped;
      }
    }
    PublishLocked();
  }
  files_ = std::move(files);
  saved_seq_ = m.seq;
  if (!mapped_copies.empty()) {
    refs.clear();
    mapped_copies.clear();
    ReleaseFreedMemory();
  }
  // Files the manifest no longer lists (mapped copies stay readable).
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    bool listed = name == kManifestName;
    for (const auto& [seg, n] : files_) listed = listed || n == name;
    if (!listed && name.rfind("seg-", 0) == 0)
      std::filesystem::remove(entry.path(), ec);
  }
  return Status::Ok();
}

void LiveIndex::PublishLocked() {
  std::vector<SegmentRef> segments;
  if (base_.segment) segments.push_back(base_);
  for (const SegmentRef& s : small_) segments.push_back(s);
  current_.store(
      std::make_shared<const Snapshot>(std::move(segments), options_.ranking));
}

Status LiveIndex::CatchUp() {
  MutexLock lock(&apply_mu_);
  const std::int64_t seen = seen_seq_.load();
  WARTA_ASSIGN_OR_RETURN(std::int64_t seq, store_.changes.ChangeSeq());
  if (seq <= seen) return Status::Ok();
  std::set<std::int64_t> ids;
  std::int64_t upto = seen;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(
        auto changes, store_.articles.ArticleChangesSince(upto, kChangesBatch));
    for (const ArticleChange& c : changes) {
      ids.insert(c.article_id);
      upto = std::max(upto, c.seq);
    }
    if (static_cast<int>(changes.size()) < kChangesBatch) break;
  }
  // Everything up to `seq` was committed before it was read, so it is in.
  upto = std::max(upto, seq);
  if (!ids.empty()) {
    WARTA_RETURN_IF_ERROR(
        ApplyLocked(std::vector<std::int64_t>(ids.begin(), ids.end()), upto));
  }
  seen_seq_ = upto;
  return Status::Ok();
}

Status LiveIndex::ApplyLocked(const std::vector<std::int64_t>& ids,
                              std::int64_t seq) {
  std::vector<IndexDoc> upserts;
  for (std::int64_t id : ids) {
    auto a = store_.articles.GetArticle(id);
    if (!a.ok() && !a.status().IsNotFound()) return a.status();
    if (a.ok() && a->IsPublished()) {
      WARTA_ASSIGN_OR_RETURN(std::int64_t cluster,
                             store_.discovery.DuplicateClusterOf(id));
      upserts.push_back(DocFromArticle(*a, cluster));
    }
  }
  // Old copies go, wherever they are.
  if (base_.segment) MarkDeleted(base_, ids);
  for (SegmentRef& s : small_) MarkDeleted(s, ids);
  for (std::int64_t id : ids) {
    small_docs_.erase(id);
    deleted_since_base_[id] = seq;
  }
  if (!upserts.empty()) {
    auto before = snapshot();
    ExternalDf ext{[before](std::string_view f) { return before->Df(f); },
                   before->total_docs()};
    for (const IndexDoc& d : upserts) small_docs_[d.article_id] = {d, seq};
    SegmentBuilder builder(analyzer_, {}, options_.ranking);
    if (static_cast<int>(small_.size()) + 1 > options_.max_small_segments) {
      // Merge: one segment of every document in small segments.
      for (const auto& [id, entry] : small_docs_) builder.Add(entry.first);
      small_.clear();
    } else {
      for (const IndexDoc& d : upserts) builder.Add(d);
    }
    small_.push_back(SegmentRef{builder.Build(&ext), nullptr});
  }
  PublishLocked();
  MaybeRebuildLocked();
  return Status::Ok();
}

void LiveIndex::MaybeRebuildLocked() {
  if (rebuilding_ || small_docs_.size() < options_.rebuild_after) return;
  rebuilding_ = true;
  if (rebuild_thread_.joinable()) rebuild_thread_.join();
  rebuild_thread_ = std::thread([this] {
    auto b = BuildBase(false);
    MutexLock save_lock(&save_mu_);
    if (b.ok()) AdoptFileLocked(*b);
    MutexLock lock(&apply_mu_);
    rebuilding_ = false;
    if (!b.ok()) {
      if (!cancel_) LogError("search index rebuild: " + b.status().ToString());
      return;
    }
    // Changes applied after the rebuild began stay in small segments and
    // hide their copies in the new base.
    std::vector<std::int64_t> newer;
    for (auto it = deleted_since_base_.begin();
         it != deleted_since_base_.end();) {
      if (it->second > b->seq) {
        newer.push_back(it->first);
        ++it;
      } else {
        it = deleted_since_base_.erase(it);
      }
    }
    for (auto it = small_docs_.begin(); it != small_docs_.end();) {
      it = it->second.second > b->seq ? std::next(it) : small_docs_.erase(it);
    }
    base_ = SegmentRef{b->segment, nullptr};
    MarkDeleted(base_, newer);
    small_.clear();
    if (!small_docs_.empty()) {
      SegmentBuilder builder(analyzer_, {}, options_.ranking);
      for (const auto& [id, entry] : small_docs_) builder.Add(entry.first);
      ExternalDf ext{
          [seg = b->segment](std::string_view f) { return seg->FeatureDf(f); },
          b->segment->doc_count()};
      small_.push_back(SegmentRef{builder.Build(&ext), nullptr});
    }
    PublishLocked();
    save_soon_ = true;
    LogInfo("search index rebuilt: " + std::to_string(b->segment->doc_count()) +
            " articles");
  });
}

void LiveIndex::Start() {
  MutexLock lock(&wake_mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  cancel_ = false;
  thread_ = std::thread([this] { Run(); });
}

void LiveIndex::Stop() {
  {
    MutexLock lock(&wake_mu_);
    stop_ = true;
    cancel_ = true;
  }
  wake_.NotifyAll();
  const bool running = thread_.joinable();
  if (thread_.joinable()) thread_.join();
  if (rebuild_thread_.joinable()) rebuild_thread_.join();
  // A clean shutdown leaves files that need no replay.
  if (running && (save_soon_ || saved_seq_.load() != seen_seq_.load())) {
    if (Status s = Save(); !s.ok())
      LogWarning("search index: not saved: " + s.ToString());
  }
}

void LiveIndex::Notify() {
  {
    MutexLock lock(&wake_mu_);
    wake_flag_ = true;
  }
  wake_.NotifyAll();
}

void LiveIndex::Run() {
  // Nothing sound on disk (or too old): build, while the site serves.
  for (int attempt = 0; !ready_ || stale_; ++attempt) {
    Status s = Build();
    if (s.ok()) {
      stale_ = false;
      break;
    }
    if (cancel_) return;
    LogError("search index build: " + s.ToString());
    MutexLock lock(&wake_mu_);
    const auto retry = std::chrono::steady_clock::now() +
                       std::chrono::seconds(std::min(60, 1 << attempt));
    while (!stop_ && wake_.WaitUntil(&wake_mu_, retry)) {
    }
    if (stop_) return;
  }
  std::string last_error;
  auto last_save = std::chrono::steady_clock::now();
  while (true) {
    {
      MutexLock lock(&wake_mu_);
      const auto poll =
          std::chrono::steady_clock::now() + options_.poll_interval;
      while (!stop_ && !wake_flag_ && wake_.WaitUntil(&wake_mu_, poll)) {
      }
      if (stop_) return;
      wake_flag_ = false;
    }
    Status s = CatchUp();
    if (!s.ok() && s.ToString() != last_error) {
      last_error = s.ToString();
      LogWarning("search index: " + last_error);
    } else if (s.ok()) {
      last_error.clear();
    }
    const auto now = std::chrono::steady_clock::now();
    if (!options_.dir.empty() &&
        (save_soon_ || (saved_seq_.load() != seen_seq_.load() &&
                        now - last_save >= options_.save_interval))) {
      last_save = now;
      if (Status saved = Save(); !saved.ok())
        LogWarning("search index: not saved: " + saved.ToString());
    }
  }
}

}  // namespace warta::index
