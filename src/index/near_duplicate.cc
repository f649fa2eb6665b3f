#include "index/near_duplicate.h"

#include <algorithm>
#include <functional>
#include <set>

#include "base/log.h"
#include "base/strings.h"

namespace warta::index {
namespace {

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
  std::uint64_t key = TextKey(text);
  MutexLock lock(&expected_mu_);
  if (expected_.size() >= kMaxExpected) expected_.clear();
  expected_[key] = {std::move(text), std::move(fp)};
}

std::optional<Fingerprint> DuplicateClusters::TakeExpected(
    const std::string& text) {
  MutexLock lock(&expected_mu_);
  if (expected_.empty()) return std::nullopt;
  auto it = expected_.find(TextKey(text));
  if (it == expected_.end() || it->second.first != text) return std::nullopt;
  Fingerprint fp = std::move(it->second.second);
  expected_.erase(it);
  return fp;
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
  // state): no need to read it again.
  std::optional<Fingerprint> expected = TakeExpected(DuplicateText(article));
  Result<Article> current = expected ? Result<Article>(article)
                                     : store_.articles.GetArticle(article.id);
  if (!current.ok()) {
    if (current.status().IsNotFound()) {  // deleted or in the trash
      WARTA_RETURN_IF_ERROR(Leave(article.id));
      return 0;
    }
    return current.status();
  }
  if (!current->IsPublished()) {
    WARTA_RETURN_IF_ERROR(Leave(article.id));
    return 0;
  }
  Fingerprint fp =
      expected ? std::move(*expected) : FingerprintOf(DuplicateText(*current));
  if (fp.minhash.empty()) {
    WARTA_RETURN_IF_ERROR(Leave(article.id));
    return 0;
  }
  WARTA_ASSIGN_OR_RETURN(
      auto candidates,
      store_.discovery.FindDuplicateCandidates(fp.bands, article.id));
  const std::string signature = EncodeMinHash(fp.minhash);
  std::set<std::int64_t> clusters;
  for (const DuplicateSignature& c : candidates) {
    // The estimate screens; the exact shingle sets decide.
    if (EstimatedJaccardHex(signature, c.minhash) < kDuplicateJaccard - 0.25)
      continue;
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
  if (cluster != article.id) return cluster;
  WARTA_ASSIGN_OR_RETURN(auto members,
                         store_.discovery.DuplicateClusterMembers(cluster));
  return members.size() > 1 ? cluster : 0;
}

}  // namespace warta::index
