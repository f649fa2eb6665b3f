#include "index/near_duplicate.h"

#include <algorithm>
#include <functional>
#include <set>

#include "base/log.h"
#include "base/strings.h"

namespace warta::index {
namespace {

// The articles other than `except` that hold one of `keys` in `bands`:
// ascending, each once. BandIndex keeps each key's newest
// kCandidatesPerBand holders, as FindDuplicateCandidates reads them from
// the store; a key whose fingerprint another shares gets theirs too (a few
// more candidates, which the screen and the exact comparison sort out,
// rather than a holder left out).
std::vector<std::int64_t> HoldersOf(const BandIndex& bands,
                                    const std::vector<std::int64_t>& keys,
                                    std::int64_t except) {
  std::vector<std::int64_t> ids;
  for (std::int64_t key : keys) {
    for (std::int64_t id : bands.Holders(key))
      if (id != except) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

// EstimatedJaccard of two encoded signatures, without decoding them: equal
// values have equal hex digits. (A large archive screens tens of candidates
// per saved article; decoding each cost more than the rest of the screen.)
double EstimatedJaccardHex(std::string_view a, std::string_view b) {
  constexpr std::size_t kDigits = 8;
  if (a.size() != b.size() || a.empty() || a.size() % kDigits != 0) return 0;
  std::size_t same = 0;
  for (std::size_t i = 0; i < a.size(); i += kDigits)
    same += a.compare(i, kDigits, b, i, kDigits) == 0;
  return double(same) / double(a.size() / kDigits);
}

// The screen before the exact comparison: candidates whose estimate is far
// below the rule are not read.
constexpr double kScreenShare = kDuplicateJaccard - 0.25;
bool PassesScreen(std::string_view a, std::string_view b) {
  return EstimatedJaccardHex(a, b) >= kScreenShare;
}

// The key of an expected text (TakeExpected compares the text itself):
// std::hash reads 8 bytes a step where FNV-1a read one (the writer hashed
// each imported article's whole text).
std::uint64_t TextKey(std::string_view text) {
  return std::hash<std::string_view>{}(text);
}

}  // namespace

std::string EncodeMinHash(const std::vector<std::uint32_t>& minhash) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(minhash.size() * 8, '0');
  char* p = out.data();
  for (std::uint32_t v : minhash) {
    for (int s = 28; s >= 0; s -= 4) *p++ = kHex[(v >> s) & 15];
  }
  return out;
}

std::vector<std::uint32_t> DecodeMinHash(std::string_view hex) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i + 8 <= hex.size(); i += 8) {
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 8; ++k) {
      char c = hex[i + k];
      v = v * 16 + (c >= 'a' ? c - 'a' + 10 : c - '0');
    }
    out.push_back(v);
  }
  return out;
}

std::string DuplicateText(const Article& a) {
  return a.title + "\n" + a.plaintext;
}

void DuplicateClusters::Expect(std::string text, Fingerprint fp) {
  std::string signature = EncodeMinHash(fp.minhash);
  Expected e{std::move(text), std::move(fp), std::move(signature)};
  if (prefetch_.load(std::memory_order_acquire) &&
      !in_memory_.load(std::memory_order_acquire) && !e.fp.minhash.empty()) {
    // The saves committed before the read below began are in what it sees.
    e.seen_upto = committed_seq_.load(std::memory_order_acquire);
    auto candidates = store_.discovery.FindDuplicateCandidates(e.fp.bands, 0);
    if (candidates.ok()) {
      e.prefetched = true;
      for (const DuplicateSignature& c : *candidates) {
        if (PassesScreen(e.signature, c.minhash)) {
          e.passed = true;
          break;
        }
      }
    }
  }
  std::uint64_t key = TextKey(e.text);
  MutexLock lock(&expected_mu_);
  if (expected_.size() >= kMaxExpected) expected_.clear();
  expected_[key] = std::move(e);
}

std::optional<DuplicateClusters::Expected> DuplicateClusters::TakeExpected(
    const std::string& text) {
  MutexLock lock(&expected_mu_);
  if (expected_.empty()) return std::nullopt;
  auto it = expected_.find(TextKey(text));
  if (it == expected_.end() || it->second.text != text) return std::nullopt;
  Expected e = std::move(it->second);
  expected_.erase(it);
  return e;
}

void DuplicateClusters::PrefetchCandidates(std::int64_t from_article,
                                           std::size_t recent_saves) {
  recent_cap_ = std::max<std::size_t>(recent_saves, 1);
  recent_by_band_.reserve(recent_cap_ * kBands);
  prefetch_from_ = from_article;
  if (from_article <= 0) prefetch_.store(true, std::memory_order_release);
}

void DuplicateClusters::ScreenBandsInMemory(std::int64_t seq,
                                            std::size_t max_slots) {
  bands_ = std::make_unique<BandIndex>(max_slots);
  batch_end_seq_ = seq;
  in_memory_.store(true, std::memory_order_release);
}

void DuplicateClusters::StopBandsInMemory(const char* why) {
  if (!in_memory_.load(std::memory_order_relaxed)) return;
  in_memory_.store(false, std::memory_order_release);
  bands_.reset();
  Log(LogLevel::kInfo, "near_duplicate_bands_in_memory_end",
      {{"why", why}, {"saves", std::to_string(saved_seq_)}});
}

void DuplicateClusters::BatchSeq(const Result<std::int64_t>& seq, bool start) {
  // Also how a batch rolled back ends it: the next start sees the sequence
  // before that batch, not the end it reported, and the saves it rolled
  // back (in memory still, their ids given again) are never screened on.
  if (!in_memory_.load(std::memory_order_relaxed)) return;
  if (!seq.ok()) {
    StopBandsInMemory("change_seq_unread");
  } else if (start && *seq != batch_end_seq_) {
    StopBandsInMemory("another_writer");
  } else if (!start) {
    batch_end_seq_ = *seq;
  }
}

void DuplicateClusters::Committed() {
  committed_seq_.store(saved_seq_, std::memory_order_release);
}

void DuplicateClusters::Remember(std::uint64_t seq, std::int64_t article_id,
                                 const std::string& minhash,
                                 const std::vector<std::int64_t>& bands) {
  if (recent_.size() >= recent_cap_) {
    // The oldest save leaves: it is the first live one of each of its
    // bands' lists (they are in save order).
    const RecentSave& old = recent_.front();
    for (std::int64_t band : old.bands) {
      auto it = recent_by_band_.find(band);
      if (it == recent_by_band_.end()) continue;
      BandSaves& b = it->second;
      while (b.head < b.seqs.size() && b.seqs[b.head] <= old.seq) ++b.head;
      if (b.head == b.seqs.size()) {
        recent_by_band_.erase(it);
      } else if (b.head >= 32 && b.head * 2 >= b.seqs.size()) {
        b.seqs.erase(b.seqs.begin(),
                     b.seqs.begin() + static_cast<std::ptrdiff_t>(b.head));
        b.head = 0;
      }
    }
    forgotten_upto_ = old.seq;
    recent_.pop_front();
  }
  recent_.push_back(RecentSave{seq, article_id, minhash, bands});
  for (std::int64_t band : bands) recent_by_band_[band].seqs.push_back(seq);
}

std::optional<bool> DuplicateClusters::RecentPasses(
    const std::vector<std::int64_t>& bands, std::string_view minhash,
    std::uint64_t seen_upto, std::int64_t article_id) const {
  if (seen_upto < forgotten_upto_) return std::nullopt;
  if (recent_.empty()) return false;
  const std::uint64_t first = recent_.front().seq;
  for (std::int64_t band : bands) {
    auto it = recent_by_band_.find(band);
    if (it == recent_by_band_.end()) continue;
    const BandSaves& b = it->second;
    // The newest saves after the read, as many as the store gives a band.
    int screened = 0;
    for (std::size_t i = b.seqs.size(); i > b.head; --i) {
      const std::uint64_t seq = b.seqs[i - 1];
      if (seq <= seen_upto || screened == DiscoveryStore::kCandidatesPerBand)
        break;
      const RecentSave& r = recent_[seq - first];
      if (r.article_id == article_id) continue;
      ++screened;
      if (PassesScreen(minhash, r.minhash)) return true;
    }
  }
  return false;
}

Status DuplicateClusters::Leave(std::int64_t article_id) {
  // When the article names its cluster, the others move to the next
  // earliest member first.
  WARTA_ASSIGN_OR_RETURN(auto members,
                         store_.discovery.DuplicateClusterMembers(article_id));
  members.erase(std::remove(members.begin(), members.end(), article_id),
                members.end());
  if (!members.empty())
    WARTA_RETURN_IF_ERROR(
        store_.discovery.MoveDuplicateCluster(article_id, members[0]));
  return store_.discovery.RemoveDuplicateSignature(article_id);
}

Result<std::int64_t> DuplicateClusters::Update(const Article& article) {
  // An expected article was just saved (the bulk import passes the stored
  // state): no need to read it again, nor to copy it (an Article holds its
  // body, html and plain text).
  std::optional<Expected> expected = TakeExpected(DuplicateText(article));
  std::optional<Article> read_back;
  if (!expected) {
    Result<Article> got = store_.articles.GetArticle(article.id);
    if (!got.ok()) {
      if (got.status().IsNotFound()) {  // deleted or in the trash
        WARTA_RETURN_IF_ERROR(Leave(article.id));
        return 0;
      }
      return got.status();
    }
    read_back = std::move(*got);
  }
  const Article* current = read_back ? &*read_back : &article;
  if (!current->IsPublished()) {
    WARTA_RETURN_IF_ERROR(Leave(article.id));
    return 0;
  }
  Fingerprint fp = expected ? std::move(expected->fp)
                            : FingerprintOf(DuplicateText(*current));
  if (fp.minhash.empty()) {
    WARTA_RETURN_IF_ERROR(Leave(article.id));
    return 0;
  }
  const std::string signature =
      expected ? std::move(expected->signature) : EncodeMinHash(fp.minhash);
  // Read and screened already (PrefetchCandidates), with nothing passing
  // there nor among the saves that read could not see: no candidates.
  bool read = true;
  if (in_memory_.load(std::memory_order_relaxed)) {
    // ScreenBandsInMemory: every signature in the store was saved here.
    read =
        bands_->AnyHolderPasses(fp.bands, article.id, fp.minhash, kScreenShare);
  } else if (expected && expected->prefetched && !expected->passed) {
    std::optional<bool> recent =
        RecentPasses(fp.bands, signature, expected->seen_upto, article.id);
    read = !recent || *recent;
  }
  std::vector<DuplicateSignature> candidates;
  if (read && in_memory_.load(std::memory_order_relaxed)) {
    // The holders in memory are the store's (whose band rows the import
    // leaves pending, DeferBandRows): their signatures by id.
    ++candidate_reads_;
    WARTA_ASSIGN_OR_RETURN(candidates,
                           store_.discovery.DuplicateSignaturesOf(
                               HoldersOf(*bands_, fp.bands, article.id)));
  } else if (read) {
    ++candidate_reads_;
    auto found = store_.discovery.FindDuplicateCandidates(fp.bands, article.id);
    if (!found.ok() &&
        found.status().code() == StatusCode::kFailedPrecondition) {
      // Band rows an import left pending (one killed, or running in
      // another process): written first.
      WARTA_RETURN_IF_ERROR(store_.discovery.CompleteBandRows());
      found = store_.discovery.FindDuplicateCandidates(fp.bands, article.id);
    }
    WARTA_ASSIGN_OR_RETURN(candidates, std::move(found));
  }
  std::set<std::int64_t> clusters;
  for (const DuplicateSignature& c : candidates) {
    // The estimate screens; the exact shingle sets decide.
    if (!PassesScreen(signature, c.minhash)) continue;
    auto other = store_.articles.GetArticle(c.article_id);
    if (!other.ok()) continue;
    if (text::IsNearDuplicate(fp.shingles,
                              FingerprintOf(DuplicateText(*other)).shingles))
      clusters.insert(c.cluster_id);
  }
  // The article's own old cluster, when it named one, is left first.
  WARTA_ASSIGN_OR_RETURN(auto mine,
                         store_.discovery.DuplicateClusterMembers(article.id));
  if (mine.size() > 1 && !clusters.count(article.id))
    WARTA_RETURN_IF_ERROR(Leave(article.id));
  std::int64_t cluster = article.id;
  for (std::int64_t c : clusters) cluster = std::min(cluster, c);
  // Joining several clusters merges them into the earliest.
  for (std::int64_t c : clusters) {
    if (c != cluster)
      WARTA_RETURN_IF_ERROR(store_.discovery.MoveDuplicateCluster(c, cluster));
  }
  WARTA_RETURN_IF_ERROR(store_.discovery.SaveDuplicateSignature(
      DuplicateSignature{article.id, cluster, signature}, fp.bands));
  if (in_memory_.load(std::memory_order_relaxed)) {
    bool kept = bands_->SetSketch(article.id, fp.minhash);
    for (std::size_t i = 0; kept && i < fp.bands.size(); ++i)
      kept = bands_->Add(fp.bands[i], article.id);
    if (!kept) StopBandsInMemory("index_full");
  }
  if (recent_cap_ > 0) {  // PrefetchCandidates
    const std::uint64_t seq = ++saved_seq_;
    // (Not while the bands are in memory: no reads to spare.)
    if (!prefetch_.load(std::memory_order_relaxed) &&
        !in_memory_.load(std::memory_order_relaxed) &&
        article.id >= prefetch_from_) {
      // The reads start; the saves so far were not kept (a read that came
      // before them leaves the writer to read for itself).
      forgotten_upto_ = seq - 1;
      prefetch_.store(true, std::memory_order_release);
    }
    if (prefetch_.load(std::memory_order_relaxed))
      Remember(seq, article.id, signature, fp.bands);
  }
  if (cluster != article.id) return cluster;
  WARTA_ASSIGN_OR_RETURN(auto members,
                         store_.discovery.DuplicateClusterMembers(cluster));
  return members.size() > 1 ? cluster : 0;
}

}  // namespace warta::index
