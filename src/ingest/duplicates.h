// Near-duplicate detection for wire ingestion: does an incoming story tell
// the same story as an article already in the store? Behind a small
// interface so the discovery index's MinHash/SimHash detector can replace
// the shingle detector here. Not thread-safe; one per ingesting thread.
#ifndef WARTA_INGEST_DUPLICATES_H_
#define WARTA_INGEST_DUPLICATES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "store/store.h"

namespace warta::ingest {

class DuplicateDetector {
 public:
  virtual ~DuplicateDetector() = default;
  // The id of an existing article telling the same story as (title, text),
  // or nullopt.
  virtual Result<std::optional<std::int64_t>> FindDuplicate(
      std::string_view title, std::string_view text) = 0;
  // An article saved since; later candidates are compared with it too.
  virtual void Remember(std::int64_t id, std::string_view title,
                        std::string_view text) = 0;
};

// Sorted, distinct hashes of the word 3-shingles of title + text
// (lower-cased, punctuation dropped); single words for shorter texts.
std::vector<std::uint64_t> Shingles(std::string_view title,
                                    std::string_view text);
// |a ∩ b| / |a ∪ b| of two sorted, distinct lists; 0 when both are empty.
double Jaccard(const std::vector<std::uint64_t>& a,
               const std::vector<std::uint64_t>& b);

// Compares with the `recent` most recently updated articles (any status)
// by shingle Jaccard similarity; `threshold` and above is a duplicate.
class ShingleDetector final : public DuplicateDetector {
 public:
  ShingleDetector(Store& store, int recent = 300, double threshold = 0.6)
      : store_(store), recent_(recent), threshold_(threshold) {}
  Result<std::optional<std::int64_t>> FindDuplicate(
      std::string_view title, std::string_view text) override;
  void Remember(std::int64_t id, std::string_view title,
                std::string_view text) override;

 private:
  Status Load();
  Store& store_;
  int recent_;
  double threshold_;
  bool loaded_ = false;
  std::vector<std::pair<std::int64_t, std::vector<std::uint64_t>>> known_;
};

}  // namespace warta::ingest

#endif  // WARTA_INGEST_DUPLICATES_H_
