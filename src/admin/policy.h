// Policy: who may do what in the newsroom. Roles are enforced here, on the
// server, for every action; API tokens are further limited to their scopes.
// Pure functions; thread-safe.
#ifndef WARTA_ADMIN_POLICY_H_
#define WARTA_ADMIN_POLICY_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "content/article.h"
#include "content/user.h"
#include "store/editorial_store.h"

namespace warta::admin {

enum class Action {
  kArticleCreate,
  kArticleReadOwn,
  kArticleReadAny,
  kArticleEditOwn,  // a kontributor only while unpublished
  kArticleEditAny,
  kArticleSubmit,  // own: send for review
  kArticlePublishOwn,
  kArticlePublishAny,  // also unpublish and schedule
  kArticleReturn,      // back to the writer with a note
  kArticleTrashOwn,    // a kontributor only while unpublished
  kArticleTrashAny,
  kReviewQueue,
  kTaxonomyManage,  // categories, tags and byline authors
  kUsersManage,
  kSettingsManage,
  kTokensOwn,
  kTokensAny,
  kAccountEdit,  // one's own name, e-mail and password
};
inline constexpr int kActionCount = static_cast<int>(Action::kAccountEdit) + 1;

// "article.create", ... (for messages and the matrix test).
std::string_view ActionName(Action a);

// The least role that may take `a`.
Role MinimumRole(Action a);
inline bool RoleAllows(Role role, Action a) {
  return RoleAtLeast(role, MinimumRole(a));
}

// API token scopes. A token may take an action only when its user's role
// allows it and its scopes include ScopeFor(action).
inline constexpr std::string_view kScopes[] = {
    "articles:read", "articles:write", "articles:publish", "taxonomy:write",
    "users",         "settings",       "tokens",           "account"};
std::string_view ScopeFor(Action a);
// Checks a space- or comma-separated scope list; returns it normalised
// (space-separated, known scopes only) or InvalidArgument naming the bad one.
Result<std::string> NormalizeScopes(const std::vector<std::string>& scopes);

// Who is asking: a user, through a browser session or an API token.
struct Principal {
  User user;
  bool via_token = false;
  std::string scopes;  // for tokens
  std::string session_hash;
  std::string csrf_token;  // for sessions
};

// OK, or PermissionDenied naming the action.
Status Authorize(const Principal& who, Action a);

// Whether `who` may give a new token the normalised `scopes`: a token can
// only hand on scopes it holds itself (sessions may give any). OK, or
// PermissionDenied naming the first scope beyond the caller's.
Status AuthorizeScopeGrant(const Principal& who, const std::string& scopes);

// Whether `who` owns the article: created it or is bylined on it.
bool Owns(const Principal& who, const Article& a, const Workflow& wf);

// What one may do to one article.
enum class ArticleVerb { kRead, kEdit, kSubmit, kPublish, kTrash };
// Maps the verb, ownership and the article's state to an Action and
// authorizes it.
Status AuthorizeArticle(const Principal& who, ArticleVerb verb,
                        const Article& a, const Workflow& wf);

}  // namespace warta::admin

#endif  // WARTA_ADMIN_POLICY_H_
