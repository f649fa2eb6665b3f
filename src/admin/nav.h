// The admin's pages in one table: the navigation shows each entry the
// user's role allows. Add a page here (and its handler in pages_*.cc).
#ifndef WARTA_ADMIN_NAV_H_
#define WARTA_ADMIN_NAV_H_

#include <optional>

#include "admin/policy.h"

namespace warta::admin {

struct NavEntry {
  const char* label_key;  // locale key of the link text
  const char* path;
  Action action;  // shown when the role allows this
  // ... unless the role also allows this (an entry another one replaces).
  std::optional<Action> unless = std::nullopt;
  // Shows how many drafts wait for review beside the label.
  bool review_count = false;
};

inline constexpr NavEntry kAdminNav[] = {
    {"nav_articles", "/admin/articles", Action::kArticleReadOwn},
    {"nav_review", "/admin/review", Action::kReviewQueue, std::nullopt, true},
    {"nav_taxonomy", "/admin/taxonomy", Action::kTaxonomyManage},
    {"nav_users", "/admin/users", Action::kUsersManage},
    {"nav_settings", "/admin/settings", Action::kSettingsManage},
    {"nav_tokens", "/admin/tokens", Action::kTokensOwn},
    // Roles without API tokens (kontributor) find their password here.
    {"nav_account", "/admin/tokens", Action::kAccountEdit, Action::kTokensOwn},
    {"nav_feeds", "/admin/feeds", Action::kReviewQueue},
};

}  // namespace warta::admin

#endif  // WARTA_ADMIN_NAV_H_
