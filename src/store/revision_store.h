// RevisionStore: the history of every article save. A revision holds an
// encoded snapshot of the article's editable fields (the encoding belongs to
// newsroom/revisions.h; the store keeps the bytes). Snapshots are compressed
// against a keyframe revision (`base_id`), so a small edit costs a few dozen
// bytes. Part of the Store interface. Thread-safe.
#ifndef WARTA_STORE_REVISION_STORE_H_
#define WARTA_STORE_REVISION_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "content/article.h"

namespace warta {

struct Revision {
  std::int64_t id = 0;
  std::int64_t article_id = 0;
  std::int64_t article_version = 0;  // the article's version it recorded
  Timestamp created_at = 0;
  std::int64_t user_id = 0;   // 0: not a user (import, scheduler)
  std::string user_name;      // filled on reads when the user exists
  std::string kind;           // "save", "autosave", "publish", "restore", ...
  std::string note;           // e.g. "from revision 12"
  std::string title;          // the article title it recorded
  std::int64_t base_id = 0;   // keyframe whose snapshot is the dictionary; 0
                              // when this revision stands alone
  int chain = 0;              // revisions since the keyframe (0: keyframe)
  std::int64_t raw_size = 0;  // bytes of the decoded snapshot
  std::string snapshot_hash;  // of the decoded snapshot, to skip duplicates
  std::string data;           // the encoded snapshot (binary)
  // true: the article took this content when it was saved (set by the store:
  // SaveArticleWithRevision and PublishScheduled); false: kept beside the
  // live article by AddRevision (an autosave of a published story).
  bool applied = true;
};

// A move of an article to a review state (EditorialStore::SetReviewState).
struct ReviewChange {
  std::string state;    // "", "submitted" or "returned"
  std::string note;     // the editor's note when returned
  std::int64_t by = 0;  // the user who moved it there (0 when cleared)
};

class RevisionStore {
 public:
  virtual ~RevisionStore() = default;

  // SaveArticle (article_store.h) and, in the same transaction: when
  // `revision` is given, appends it for the saved article (its article_id
  // and article_version are filled in); when `review` is given, sets the
  // review state as SetReviewState does. Either all of it is written or
  // nothing (kConflict on a stale version, InvalidArgument on an unknown
  // review state). On create, `revision->user_id` becomes the article's
  // creator (owner).
  virtual Result<Article> SaveArticleWithRevision(
      const Article& article, const Revision* revision,
      const ReviewChange* review) = 0;

  // Appends `revision` for a live article at its current version without
  // changing the article (an autosave of unpublished edits to a published
  // article); it is stored with applied = false. kNotFound when the article
  // is absent or trashed.
  virtual Status AddRevision(std::int64_t article_id,
                             const Revision& revision) = 0;

  // Revisions of the article, newest first, at most `limit`; `data` only
  // when `with_data`.
  virtual Result<std::vector<Revision>> ListRevisions(std::int64_t article_id,
                                                      int limit,
                                                      bool with_data) = 0;
  // One revision with its data; kNotFound when absent.
  virtual Result<Revision> GetRevision(std::int64_t revision_id) = 0;
};

}  // namespace warta

#endif  // WARTA_STORE_REVISION_STORE_H_
