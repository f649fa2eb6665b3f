// Near-duplicates in wire ingestion: does an incoming story tell the same
// story as an article already in the store? Behind a small interface (the
// wire ingester's seam); RecentDuplicateFinder answers it by the one
// near-duplicate rule (text/near_duplicate.h), the one the discovery
// index's clusters use. Not thread-safe; one per ingesting thread.
#ifndef WARTA_INGEST_DUPLICATES_H_
#define WARTA_INGEST_DUPLICATES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "store/article_store.h"

namespace warta::ingest {

class DuplicateFinder {
 public:
  virtual ~DuplicateFinder() = default;
  // The id of an existing article telling the same story as (title, text),
  // or nullopt.
  virtual Result<std::optional<std::int64_t>> FindDuplicate(
      std::string_view title, std::string_view text) = 0;
  // An article saved since; later candidates are compared with it too.
  virtual void Remember(std::int64_t id, std::string_view title,
                        std::string_view text) = 0;
};

// Compares with the `recent` most recently updated articles (any status,
// so drafts an editor holds back count too) and those remembered since:
// the most alike one that text::IsNearDuplicate accepts.
class RecentDuplicateFinder final : public DuplicateFinder {
 public:
  explicit RecentDuplicateFinder(ArticleStore& store, int recent = 300)
      : store_(store), recent_(recent) {}
  Result<std::optional<std::int64_t>> FindDuplicate(
      std::string_view title, std::string_view text) override;
  void Remember(std::int64_t id, std::string_view title,
                std::string_view text) override;

 private:
  Status Load();
  ArticleStore& store_;
  int recent_;
  bool loaded_ = false;
  std::vector<std::pair<std::int64_t, std::vector<std::uint64_t>>> known_;
};

}  // namespace warta::ingest

#endif  // WARTA_INGEST_DUPLICATES_H_
