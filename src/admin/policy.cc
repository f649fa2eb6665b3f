#include "admin/policy.h"

#include <algorithm>

#include "base/strings.h"

namespace warta::admin {
namespace {

struct Rule {
  Action action;
  std::string_view name;
  Role minimum;
  std::string_view scope;
};

// The whole policy in one table.
constexpr Rule kRules[] = {
    {Action::kArticleCreate, "article.create", Role::kKontributor,
     "articles:write"},
    {Action::kArticleReadOwn, "article.read_own", Role::kKontributor,
     "articles:read"},
    {Action::kArticleReadAny, "article.read_any", Role::kEditor,
     "articles:read"},
    {Action::kArticleEditOwn, "article.edit_own", Role::kKontributor,
     "articles:write"},
    {Action::kArticleEditAny, "article.edit_any", Role::kEditor,
     "articles:write"},
    {Action::kArticleSubmit, "article.submit", Role::kKontributor,
     "articles:write"},
    {Action::kArticlePublishOwn, "article.publish_own", Role::kPenulis,
     "articles:publish"},
    {Action::kArticlePublishAny, "article.publish_any", Role::kEditor,
     "articles:publish"},
    {Action::kArticleReturn, "article.return", Role::kEditor,
     "articles:publish"},
    {Action::kArticleTrashOwn, "article.trash_own", Role::kKontributor,
     "articles:write"},
    {Action::kArticleTrashAny, "article.trash_any", Role::kEditor,
     "articles:write"},
    {Action::kReviewQueue, "review.queue", Role::kEditor, "articles:read"},
    {Action::kTaxonomyManage, "taxonomy.manage", Role::kEditor,
     "taxonomy:write"},
    {Action::kUsersManage, "users.manage", Role::kAdmin, "users"},
    {Action::kSettingsManage, "settings.manage", Role::kAdmin, "settings"},
    {Action::kTokensOwn, "tokens.own", Role::kPenulis, "tokens"},
    {Action::kTokensAny, "tokens.any", Role::kAdmin, "tokens"},
    {Action::kAccountEdit, "account.edit", Role::kKontributor, "account"},
};
static_assert(std::size(kRules) == kActionCount, "one rule per action");

const Rule& RuleFor(Action a) { return kRules[static_cast<int>(a)]; }

bool HasScope(const std::string& scopes, std::string_view scope) {
  for (std::string_view s : Split(scopes, ' '))
    if (s == scope) return true;
  return false;
}

}  // namespace

std::string_view ActionName(Action a) { return RuleFor(a).name; }
Role MinimumRole(Action a) { return RuleFor(a).minimum; }
std::string_view ScopeFor(Action a) { return RuleFor(a).scope; }

Result<std::string> NormalizeScopes(const std::vector<std::string>& scopes) {
  std::vector<std::string> out;
  for (const std::string& entry : scopes) {
    std::string list = entry;
    std::replace(list.begin(), list.end(), ',', ' ');
    for (std::string_view s : Split(list, ' ')) {
      s = Trim(s);
      if (s.empty()) continue;
      if (std::find(std::begin(kScopes), std::end(kScopes), s) ==
          std::end(kScopes)) {
        return Status::InvalidArgument("scopes: unknown scope \"" +
                                       std::string(s) + "\"")
            .WithField("scopes")
            .WithReason("scope_unknown", {{"scope", s}});
      }
      if (std::find(out.begin(), out.end(), s) == out.end())
        out.emplace_back(s);
    }
  }
  if (out.empty()) {
    return Status::InvalidArgument("scopes: none given")
        .WithField("scopes")
        .WithReason("scope_none");
  }
  return Join(out, " ");
}

Status Authorize(const Principal& who, Action a) {
  if (!RoleAllows(who.user.role, a)) {
    return Status::PermissionDenied(std::string(ActionName(a)) +
                                    ": not allowed for role " +
                                    std::string(RoleName(who.user.role)))
        .WithReason("role_not_allowed", {{"action", ActionName(a)},
                                         {"role", RoleName(who.user.role)}});
  }
  if (who.via_token && !HasScope(who.scopes, ScopeFor(a))) {
    return Status::PermissionDenied(std::string(ActionName(a)) +
                                    ": the token lacks scope " +
                                    std::string(ScopeFor(a)))
        .WithReason("token_scope",
                    {{"action", ActionName(a)}, {"scope", ScopeFor(a)}});
  }
  return Status::Ok();
}

Status AuthorizeScopeGrant(const Principal& who, const std::string& scopes) {
  if (!who.via_token) return Status::Ok();
  for (std::string_view s : Split(scopes, ' ')) {
    if (s.empty() || HasScope(who.scopes, s)) continue;
    return Status::PermissionDenied("tokens.own: a token cannot grant scope " +
                                    std::string(s) + " it does not hold")
        .WithReason("token_grant", {{"scope", s}});
  }
  return Status::Ok();
}

bool Owns(const Principal& who, const Article& a, const Workflow& wf) {
  if (wf.created_by != 0 && wf.created_by == who.user.id) return true;
  if (who.user.author_id == 0) return false;
  return std::any_of(a.authors.begin(), a.authors.end(), [&](const Author& au) {
    return au.id == who.user.author_id;
  });
}

Status AuthorizeArticle(const Principal& who, ArticleVerb verb,
                        const Article& a, const Workflow& wf) {
  const bool own = Owns(who, a, wf);
  const bool live = a.status != ArticleStatus::kDraft;
  switch (verb) {
    case ArticleVerb::kRead:
      return Authorize(who,
                       own ? Action::kArticleReadOwn : Action::kArticleReadAny);
    case ArticleVerb::kEdit:
      if (!own) return Authorize(who, Action::kArticleEditAny);
      // Changing live text is publishing: a kontributor may not.
      if (live) {
        WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticleEditOwn));
        return Authorize(who, Action::kArticlePublishOwn);
      }
      return Authorize(who, Action::kArticleEditOwn);
    case ArticleVerb::kSubmit:
      if (!own) return Authorize(who, Action::kArticleEditAny);
      return Authorize(who, Action::kArticleSubmit);
    case ArticleVerb::kPublish:
      return Authorize(
          who, own ? Action::kArticlePublishOwn : Action::kArticlePublishAny);
    case ArticleVerb::kTrash:
      if (!own) return Authorize(who, Action::kArticleTrashAny);
      if (live) {
        WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticleTrashOwn));
        return Authorize(who, Action::kArticlePublishOwn);
      }
      return Authorize(who, Action::kArticleTrashOwn);
  }
  return Status::PermissionDenied("unknown action");
}

}  // namespace warta::admin
