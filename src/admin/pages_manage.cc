// The management pages: users, categories and tags, settings, API tokens.
// Forms post JSON to the API through admin.js (data-api forms).
#include "admin/article_json.h"
#include "admin/pages.h"

namespace warta::admin {
namespace {

render::View RoleOptions(const AdminContext& ctx, Language lang,
                         Role selected) {
  render::View out = render::View::array();
  for (Role r :
       {Role::kKontributor, Role::kPenulis, Role::kEditor, Role::kAdmin}) {
    out.push_back(
        {{"value", RoleName(r)},
         {"label", ctx.ui->Text(lang, "role_" + std::string(RoleName(r)))},
         {"selected", r == selected}});
  }
  return out;
}

Result<http::Response> UsersPage(AdminContext& ctx, const PageRequest& p) {
  WARTA_RETURN_IF_ERROR(Authorize(p.who, Action::kUsersManage));
  WARTA_ASSIGN_OR_RETURN(auto users, ctx.store.users.ListUsers());
  render::View v =
      PageView(ctx, p, ctx.ui->Text(p.lang, "users_title"), "/admin/users");
  render::View rows = render::View::array();
  for (const User& u : users) {
    rows.push_back({{"id", u.id},
                    {"name", u.name},
                    {"email", u.email},
                    {"roles", RoleOptions(ctx, p.lang, u.role)},
                    {"disabled", u.disabled},
                    {"self", u.id == p.who.user.id}});
  }
  v["users"] = std::move(rows);
  v["roles"] = RoleOptions(ctx, p.lang, Role::kKontributor);
  return RenderPage(ctx, "users", v);
}

Result<http::Response> TaxonomyPage(AdminContext& ctx, const PageRequest& p) {
  WARTA_RETURN_IF_ERROR(Authorize(p.who, Action::kTaxonomyManage));
  render::View v = PageView(ctx, p, ctx.ui->Text(p.lang, "taxonomy_title"),
                            "/admin/taxonomy");
  WARTA_ASSIGN_OR_RETURN(auto cats, ctx.store.taxonomy.ListCategories());
  render::View c = render::View::array();
  for (const auto& e : cats)
    c.push_back({{"id", e.item.id},
                 {"name", e.item.name},
                 {"slug", e.item.slug},
                 {"description", e.item.description},
                 {"count", e.published_count},
                 {"url", ctx.urls().Category(e.item.slug)}});
  v["categories"] = std::move(c);
  WARTA_ASSIGN_OR_RETURN(auto tags, ctx.store.taxonomy.ListTags());
  render::View t = render::View::array();
  for (const auto& e : tags)
    t.push_back({{"id", e.item.id},
                 {"name", e.item.name},
                 {"slug", e.item.slug},
                 {"count", e.published_count},
                 {"url", ctx.urls().Tag(e.item.slug)}});
  v["tags"] = std::move(t);
  WARTA_ASSIGN_OR_RETURN(auto authors, ctx.store.taxonomy.ListAuthors());
  render::View a = render::View::array();
  for (const auto& e : authors)
    a.push_back({{"id", e.item.id},
                 {"name", e.item.name},
                 {"slug", e.item.slug},
                 {"bio", e.item.bio},
                 {"count", e.published_count}});
  v["authors"] = std::move(a);
  return RenderPage(ctx, "taxonomy", v);
}

Result<http::Response> SettingsPage(AdminContext& ctx, const PageRequest& p) {
  WARTA_RETURN_IF_ERROR(Authorize(p.who, Action::kSettingsManage));
  render::View v = PageView(ctx, p, ctx.ui->Text(p.lang, "settings_title"),
                            "/admin/settings");
  auto current = ctx.settings.current ? ctx.settings.current()
                                      : std::map<std::string, std::string>();
  v["settings"] = {{"name", current["site.name"]},
                   {"url", current["site.url"]},
                   {"timezone", current["site.timezone"]},
                   {"locale", current["site.locale"]}};
  render::View zones = render::View::array();
  for (const char* z : {"Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar",
                        "Asia/Jayapura", "UTC"}) {
    zones.push_back(
        {{"value", z}, {"selected", current["site.timezone"] == z}});
  }
  v["zones"] = std::move(zones);
  v["locale_id"] = current["site.locale"] != "en";
  v["locale_en"] = current["site.locale"] == "en";
  return RenderPage(ctx, "settings", v);
}

std::string ScopeId(std::string_view scope) {
  std::string id = "scope-" + std::string(scope);
  for (char& c : id)
    if (c == ':') c = '-';
  return id;
}

// API tokens and the account (password); a role without tokens sees only
// the account.
Result<http::Response> TokensPage(AdminContext& ctx, const PageRequest& p) {
  WARTA_RETURN_IF_ERROR(Authorize(p.who, Action::kAccountEdit));
  const bool can_tokens = Authorize(p.who, Action::kTokensOwn).ok();
  render::View v = PageView(
      ctx, p, ctx.ui->Text(p.lang, can_tokens ? "tokens_title" : "nav_account"),
      "/admin/tokens");
  v["can_tokens"] = can_tokens;
  std::vector<ApiToken> tokens;
  if (can_tokens) {
    WARTA_ASSIGN_OR_RETURN(tokens,
                           ctx.store.users.ListApiTokens(p.who.user.id));
  }
  render::View rows = render::View::array();
  for (const ApiToken& t : tokens) {
    rows.push_back(
        {{"id", t.id},
         {"name", t.name},
         {"hint", t.hint},
         {"scopes", t.scopes},
         {"created", ShowTime(ctx, t.created_at, p.lang)},
         {"last_used", t.last_used_at
                           ? render::View(ShowTime(ctx, t.last_used_at, p.lang))
                           : render::View("—")},
         {"revoked", t.revoked_at.has_value()}});
  }
  v["tokens"] = std::move(rows);
  render::View scopes = render::View::array();
  for (std::string_view s : kScopes) {
    scopes.push_back(
        {{"value", s},
         {"checked", s == "articles:read" || s == "articles:write"},
         {"id", ScopeId(s)}});
  }
  v["scopes"] = std::move(scopes);
  v["self_id"] = p.who.user.id;
  return RenderPage(ctx, "tokens", v);
}

}  // namespace

void RegisterManagePages(AdminContext& ctx, http::Router& r) {
  AddPage(ctx, r, "/admin/users",
          [&ctx](const PageRequest& p) { return UsersPage(ctx, p); });
  AddPage(ctx, r, "/admin/taxonomy",
          [&ctx](const PageRequest& p) { return TaxonomyPage(ctx, p); });
  AddPage(ctx, r, "/admin/settings",
          [&ctx](const PageRequest& p) { return SettingsPage(ctx, p); });
  AddPage(ctx, r, "/admin/tokens",
          [&ctx](const PageRequest& p) { return TokensPage(ctx, p); });
}

}  // namespace warta::admin
