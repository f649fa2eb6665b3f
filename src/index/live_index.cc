#include "index/live_index.h"

#include <algorithm>
#include <set>

#include "base/log.h"
#include "index/segment_builder.h"

namespace warta::index {
namespace {

constexpr int kScanBatch = 500;
constexpr int kChangesBatch = 10000;

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

LiveIndex::LiveIndex(Store& store, const text::Analyzer& analyzer,
                     LiveIndexOptions options)
    : store_(store), analyzer_(analyzer), options_(options) {
  current_.store(std::make_shared<const Snapshot>(std::vector<SegmentRef>{},
                                                  options_.ranking));
}

LiveIndex::~LiveIndex() { Stop(); }

Result<LiveIndex::Base> LiveIndex::BuildBase() {
  Base b;
  WARTA_ASSIGN_OR_RETURN(b.seq, store_.ChangeSeq());
  SegmentBuilder builder(analyzer_, {}, options_.ranking);
  std::int64_t after = 0;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(auto batch,
                           store_.ScanPublishedArticles(after, kScanBatch));
    if (batch.empty()) break;
    for (const Article& a : batch) {
      WARTA_ASSIGN_OR_RETURN(std::int64_t cluster,
                             store_.DuplicateClusterOf(a.id));
      builder.Add(DocFromArticle(a, cluster));
    }
    after = batch.back().id;
  }
  b.segment = builder.Build();
  return b;
}

Status LiveIndex::Build() {
  WARTA_ASSIGN_OR_RETURN(Base b, BuildBase());
  std::lock_guard<std::mutex> lock(apply_mu_);
  base_ = SegmentRef{b.segment, nullptr};
  small_.clear();
  small_docs_.clear();
  deleted_since_base_.clear();
  seen_seq_ = b.seq;
  PublishLocked();
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
  std::lock_guard<std::mutex> lock(apply_mu_);
  const std::int64_t seen = seen_seq_.load();
  WARTA_ASSIGN_OR_RETURN(std::int64_t seq, store_.ChangeSeq());
  if (seq <= seen) return Status::Ok();
  std::set<std::int64_t> ids;
  std::int64_t upto = seen;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(auto changes,
                           store_.ArticleChangesSince(upto, kChangesBatch));
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
    auto a = store_.GetArticle(id);
    if (!a.ok() && !a.status().IsNotFound()) return a.status();
    if (a.ok() && a->IsPublished()) {
      WARTA_ASSIGN_OR_RETURN(std::int64_t cluster,
                             store_.DuplicateClusterOf(id));
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
    auto b = BuildBase();
    std::lock_guard<std::mutex> lock(apply_mu_);
    rebuilding_ = false;
    if (!b.ok()) {
      LogError("search index rebuild: " + b.status().ToString());
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
    LogInfo("search index rebuilt: " + std::to_string(b->segment->doc_count()) +
            " articles");
  });
}

void LiveIndex::Start() {
  std::lock_guard<std::mutex> lock(wake_mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void LiveIndex::Stop() {
  {
    std::lock_guard<std::mutex> lock(wake_mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (rebuild_thread_.joinable()) rebuild_thread_.join();
}

void LiveIndex::Notify() {
  {
    std::lock_guard<std::mutex> lock(wake_mu_);
    wake_flag_ = true;
  }
  wake_.notify_all();
}

void LiveIndex::Run() {
  std::string last_error;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(wake_mu_);
      wake_.wait_for(lock, options_.poll_interval,
                     [this] { return stop_ || wake_flag_; });
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
  }
}

}  // namespace warta::index
