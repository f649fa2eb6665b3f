#include "ingest/duplicates.h"

#include <algorithm>

#include "base/strings.h"
#include "base/utf8.h"

namespace warta::ingest {
namespace {

std::vector<std::string> Words(std::string_view title, std::string_view text) {
  std::string all = Utf8ToLower(std::string(title) + " " + std::string(text));
  std::vector<std::string> words;
  std::string cur;
  for (char ch : all) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) {
      cur += ch;
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

}  // namespace

std::vector<std::uint64_t> Shingles(std::string_view title,
                                    std::string_view text) {
  std::vector<std::string> w = Words(title, text);
  std::vector<std::uint64_t> out;
  if (w.size() < 3) {
    for (const auto& x : w) out.push_back(Fnv1a64(x));
  } else {
    out.reserve(w.size());
    for (size_t i = 0; i + 2 < w.size(); ++i)
      out.push_back(Fnv1a64(w[i] + ' ' + w[i + 1] + ' ' + w[i + 2]));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double Jaccard(const std::vector<std::uint64_t>& a,
               const std::vector<std::uint64_t>& b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0, j = 0, common = 0;
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
  return static_cast<double>(common) /
         static_cast<double>(a.size() + b.size() - common);
}

Status ShingleDetector::Load() {
  if (loaded_) return Status::Ok();
  ArticleQuery q;
  q.order = ArticleQuery::Order::kRecentlyUpdated;
  q.with_body = true;
  for (q.offset = 0; q.offset < recent_; q.offset += q.limit) {
    q.limit = std::min(200, recent_ - q.offset);
    WARTA_ASSIGN_OR_RETURN(std::vector<Article> list, store_.ListArticles(q));
    for (const Article& a : list)
      known_.emplace_back(a.id, Shingles(a.title, a.plaintext));
    if (static_cast<int>(list.size()) < q.limit) break;
  }
  loaded_ = true;
  return Status::Ok();
}

Result<std::optional<std::int64_t>> ShingleDetector::FindDuplicate(
    std::string_view title, std::string_view text) {
  WARTA_RETURN_IF_ERROR(Load());
  std::vector<std::uint64_t> mine = Shingles(title, text);
  std::optional<std::int64_t> best;
  double best_score = threshold_;
  for (const auto& [id, shingles] : known_) {
    double s = Jaccard(mine, shingles);
    if (s >= best_score) {
      best_score = s;
      best = id;
    }
  }
  return best;
}

void ShingleDetector::Remember(std::int64_t id, std::string_view title,
                               std::string_view text) {
  known_.emplace_back(id, Shingles(title, text));
}

}  // namespace warta::ingest
