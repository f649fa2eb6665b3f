// EditorialStore: the newsroom's workflow around articles: trash (soft
// delete), review state, scheduled publishing and the media library's uses
// (site settings: store/settings_store.h). Part of the Store interface. Trashed
// articles are invisible to every ArticleStore read (GetArticle, ListArticles,
// counts) except lists that ask for the trash (ArticleQuery::trashed).
// Thread-safe; each write is one transaction that also enters the article
// change log.
#ifndef WARTA_STORE_EDITORIAL_STORE_H_
#define WARTA_STORE_EDITORIAL_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "content/article.h"
#include "store/revision_store.h"

namespace warta {

// Workflow facts about an article that are not content.
struct Workflow {
  std::int64_t created_by = 0;  // user id; 0 for imports
  std::string review_state;     // "", "submitted" or "returned"
  std::string review_note;      // the editor's note when returned
  // Who put it in its review state, and when (0 / nullopt: nobody, or set
  // before these were kept).
  std::int64_t review_by = 0;
  std::optional<Timestamp> review_at;
  std::optional<Timestamp> trashed_at;
};

// A feature image as articles use it, for the editor's media library.
struct MediaUse {
  std::string url;  // site-relative "/media/..."
  std::string alt;
  std::string caption;
  std::string credit;
  Timestamp used_at = 0;  // the latest using article's updated_at
};

class EditorialStore {
 public:
  virtual ~EditorialStore() = default;

  // Moves a live article to the trash. kNotFound when absent or trashed.
  virtual Status TrashArticle(std::int64_t id, Timestamp now) = 0;
  // Takes an article out of the trash. kNotFound unless it is trashed.
  virtual Status RestoreArticle(std::int64_t id) = 0;
  // A trashed article; kNotFound when absent or not trashed.
  virtual Result<Article> GetTrashedArticle(std::int64_t id) = 0;

  // Workflow of each existing id (trashed too); absent ids are left out.
  virtual Result<std::map<std::int64_t, Workflow>> GetWorkflows(
      const std::vector<std::int64_t>& ids) = 0;
  // Sets review_state ("", "submitted", "returned") and note, recording
  // user `by` and now as who moved it there and when.
  virtual Status SetReviewState(std::int64_t id, const std::string& state,
                                const std::string& note,
                                std::int64_t by = 0) = 0;

  // Publishes a scheduled article if, at commit time, it is still scheduled,
  // not trashed, at `version` and due (published_at <= now): one
  // conditional UPDATE, so of several nodes racing exactly one wins.
  // Appends `revision` (may be null) in the same transaction. Returns true
  // when this call published it, false when it no longer qualified.
  virtual Result<bool> PublishScheduled(std::int64_t id, std::int64_t version,
                                        Timestamp now,
                                        const Revision* revision) = 0;

  // Feature images under /media/ of live (not trashed) articles, one entry
  // per URL with its newest use's alt, caption and credit, newest first, at
  // most `limit`. A non-empty `q` must occur in the caption or the credit
  // (ASCII case-insensitive). Only the kMediaUseArticles newest articles
  // (by id) are read, so the library costs the same at any archive size.
  static constexpr int kMediaUseArticles = 5000;
  virtual Result<std::vector<MediaUse>> ListMediaUses(const std::string& q,
                                                      int limit) = 0;
};

}  // namespace warta

#endif  // WARTA_STORE_EDITORIAL_STORE_H_
