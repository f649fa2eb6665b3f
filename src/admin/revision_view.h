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
  std::vector<FieldChange> changes;
};

// kNotFound when the revision is not the article's.
Result<RevisionView> BuildRevisionView(AdminContext& ctx,
                                       std::int64_t article_id,
                                       std::int64_t revision_id);

}  // namespace warta::admin

#endif  // WARTA_ADMIN_REVISION_VIEW_H_
