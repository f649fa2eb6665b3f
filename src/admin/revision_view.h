// One revision as the history page and API show it: the article as it
// recorded it and what changed since the revision before. Thread-safe.
#ifndef WARTA_ADMIN_REVISION_VIEW_H_
#define WARTA_ADMIN_REVISION_VIEW_H_

#include <string>
#include <vector>

#include "admin/context.h"
#include "admin/diff.h"

namespace warta::admin {

struct FieldChange {
  std::string field;  // "title", "body", ...
  std::vector<DiffPart> parts;
};

struct RevisionView {
  Revision revision;
  Article at;                    // the article as the revision recorded it
  std::int64_t previous_id = 0;  // 0: the first revision
  bool against_live = false;     // changes are from the live version
  std::int64_t live_id = 0;      // the live revision (0: none)
  std::vector<FieldChange> changes;
};

// The revision whose content readers see: for a published article the
// newest applied revision of `newest_first`; 0 otherwise.
std::int64_t LiveRevisionId(const Article& article,
                            const std::vector<Revision>& newest_first);

// What changed in the revision since the one before it, or, when
// `against_live`, between the live version and the revision.
// kNotFound when the revision is not the article's; kFailedPrecondition
// against the live version of an article that is not published.
Result<RevisionView> BuildRevisionView(AdminContext& ctx,
                                       std::int64_t article_id,
                                       std::int64_t revision_id,
                                       bool against_live = false);

}  // namespace warta::admin

#endif  // WARTA_ADMIN_REVISION_VIEW_H_
