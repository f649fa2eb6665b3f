#include "index/near_duplicate.h"

#include <algorithm>
#include <set>

#include "base/log.h"
#include "base/strings.h"
#include "text/tokenizer.h"

namespace warta::index {
namespace {

std::uint64_t Mix(std::uint64_t x) {  // splitmix64 finaliser
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
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

}  // namespace

Fingerprint FingerprintOf(std::string_view text) {
  Fingerprint fp;
  std::vector<text::Token> tokens;
  text::Tokenize(text, tokens);
  std::vector<std::uint64_t> words;
  words.reserve(tokens.size());
  for (const text::Token& t : tokens) words.push_back(Fnv1a64(t.word));
  for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    std::uint64_t h = 0;
    for (int k = 0; k < kShingleWords; ++k) h = Mix(h ^ words[i + k]);
    fp.shingles.push_back(h);
  }
  std::sort(fp.shingles.begin(), fp.shingles.end());
  fp.shingles.erase(std::unique(fp.shingles.begin(), fp.shingles.end()),
                    fp.shingles.end());
  if (static_cast<int>(fp.shingles.size()) < kMinShingles) return fp;
  fp.minhash.assign(kMinHashes, UINT32_MAX);
  for (std::uint64_t s : fp.shingles) {
    for (int i = 0; i < kMinHashes; ++i) {
      auto v =
          static_cast<std::uint32_t>(Mix(s ^ (0xA5A5A5A5ull * (i + 1))) >> 32);
      fp.minhash[i] = std::min(fp.minhash[i], v);
    }
  }
  for (int b = 0; b < kBands; ++b) {
    std::uint64_t h = Mix(static_cast<std::uint64_t>(b) + 1);
    for (int r = 0; r < kBandRows; ++r)
      h = Mix(h ^ fp.minhash[b * kBandRows + r]);
    fp.bands.push_back(static_cast<std::int64_t>(h >> 1));
  }
  return fp;
}

double Jaccard(const std::vector<std::uint64_t>& a,
               const std::vector<std::uint64_t>& b) {
  if (a.empty() && b.empty()) return 0;
  std::size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return double(common) / double(a.size() + b.size() - common);
}

double EstimatedJaccard(const std::vector<std::uint32_t>& a,
                        const std::vector<std::uint32_t>& b) {
  if (a.size() != b.size() || a.empty()) return 0;
  std::size_t same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return double(same) / double(a.size());
}

std::string EncodeMinHash(const std::vector<std::uint32_t>& minhash) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::uint32_t v : minhash) {
    for (int s = 28; s >= 0; s -= 4) out += kHex[(v >> s) & 15];
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

void DuplicateDetector::Expect(std::string text, Fingerprint fp) {
  std::uint64_t key = Fnv1a64(text);
  MutexLock lock(&expected_mu_);
  if (expected_.size() >= kMaxExpected) expected_.clear();
  expected_[key] = {std::move(text), std::move(fp)};
}

std::optional<Fingerprint> DuplicateDetector::TakeExpected(
    const std::string& text) {
  MutexLock lock(&expected_mu_);
  if (expected_.empty()) return std::nullopt;
  auto it = expected_.find(Fnv1a64(text));
  if (it == expected_.end() || it->second.first != text) return std::nullopt;
  Fingerprint fp = std::move(it->second.second);
  expected_.erase(it);
  return fp;
}

Status DuplicateDetector::Leave(std::int64_t article_id) {
  // When the article names its cluster, the others move to the next
  // earliest member first.
  WARTA_ASSIGN_OR_RETURN(auto members,
                         store_.DuplicateClusterMembers(article_id));
  members.erase(std::remove(members.begin(), members.end(), article_id),
                members.end());
  if (!members.empty())
    WARTA_RETURN_IF_ERROR(store_.MoveDuplicateCluster(article_id, members[0]));
  return store_.RemoveDuplicateSignature(article_id);
}

Result<std::int64_t> DuplicateDetector::Update(const Article& article) {
  // An expected article was just saved (the bulk import passes the stored
  // state): no need to read it again.
  std::optional<Fingerprint> expected = TakeExpected(DuplicateText(article));
  Result<Article> current =
      expected ? Result<Article>(article) : store_.GetArticle(article.id);
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
  WARTA_ASSIGN_OR_RETURN(auto candidates,
                         store_.FindDuplicateCandidates(fp.bands, article.id));
  const std::string signature = EncodeMinHash(fp.minhash);
  std::set<std::int64_t> clusters;
  for (const DuplicateSignature& c : candidates) {
    // The estimate screens; the exact shingle sets decide.
    if (EstimatedJaccardHex(signature, c.minhash) < kDuplicateJaccard - 0.25)
      continue;
    auto other = store_.GetArticle(c.article_id);
    if (!other.ok()) continue;
    if (Jaccard(fp.shingles, FingerprintOf(DuplicateText(*other)).shingles) >=
        kDuplicateJaccard)
      clusters.insert(c.cluster_id);
  }
  // The article's own old cluster, when it named one, is left first.
  WARTA_ASSIGN_OR_RETURN(auto mine, store_.DuplicateClusterMembers(article.id));
  if (mine.size() > 1 && !clusters.count(article.id))
    WARTA_RETURN_IF_ERROR(Leave(article.id));
  std::int64_t cluster = article.id;
  for (std::int64_t c : clusters) cluster = std::min(cluster, c);
  // Joining several clusters merges them into the earliest.
  for (std::int64_t c : clusters) {
    if (c != cluster)
      WARTA_RETURN_IF_ERROR(store_.MoveDuplicateCluster(c, cluster));
  }
  WARTA_RETURN_IF_ERROR(store_.SaveDuplicateSignature(
      DuplicateSignature{article.id, cluster, signature}, fp.bands));
  if (cluster != article.id) return cluster;
  WARTA_ASSIGN_OR_RETURN(auto members, store_.DuplicateClusterMembers(cluster));
  return members.size() > 1 ? cluster : 0;
}

}  // namespace warta::index
