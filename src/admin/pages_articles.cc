// The article pages: the list (with filters, search and the trash), the
// review queue, the editor and the revision history.
#include "admin/article_json.h"
#include "admin/pages.h"
#include "admin/revision_view.h"
#include "base/strings.h"
#include "content/slug.h"
#include "newsroom/article_codec.h"
#include "newsroom/revisions.h"

namespace warta::admin {
namespace {

constexpr int kPageSize = 30;

// Mustache treats "" as true: absent text is false.
render::View OptText(std::string s) {
  return s.empty() ? render::View(false) : render::View(std::move(s));
}

// "warta.example" for "https://warta.example/": what a link card names.
std::string SiteHost(std::string_view url) {
  if (auto p = url.find("://"); p != std::string_view::npos)
    url.remove_prefix(p + 3);
  url = url.substr(0, url.find('/'));
  if (url.starts_with("www.")) url.remove_prefix(4);
  return std::string(url);
}

std::string StatusLabel(const AdminContext& ctx, Language lang,
                        const Article& a, const Workflow& wf) {
  if (wf.trashed_at) return ctx.ui->Text(lang, "status_trash");
  return ctx.ui->Text(lang,
                      "status_" + std::string(ArticleStatusName(a.status)));
}

// "Lihat di situs": the public page as the editor just left it. The version
// in the query makes the browser fetch it again instead of reusing its
// max-age copy of the plain URL; the site ignores the query, and the page's
// rel=canonical names the plain URL.
render::View PublicUrl(const AdminContext& ctx, const Article& a,
                       bool published) {
  if (!published) return render::View(false);
  return render::View(ctx.urls().Article(a.slug) +
                      "?v=" + std::to_string(a.version));
}

// "Kontri Redaksi · Senin, 1 Desember 2026 14:05 WIB": who put the article
// in its review state and when (the review banner); false when unknown.
render::View ReviewWho(const AdminContext& ctx, const Workflow& wf,
                       Language lang) {
  if (wf.review_state.empty() || !wf.review_at) return render::View(false);
  std::string who;
  if (wf.review_by != 0) {
    auto user = ctx.store.users.GetUser(wf.review_by);
    if (user.ok()) who = user->name + " · ";
  }
  return render::View(who + ShowTime(ctx, wf.review_at, lang));
}

render::View Row(const AdminContext& ctx, Language lang, const Article& a,
                 const Workflow& wf, const ArticleViews& views) {
  std::string authors;
  for (const Author& au : a.authors)
    authors += (authors.empty() ? "" : ", ") + au.name;
  render::View row = {
      {"id", a.id},
      {"title", a.title},
      {"edit_url", "/admin/articles/" + std::to_string(a.id)},
      {"status", wf.trashed_at ? "trash" : ArticleStatusName(a.status)},
      {"status_label", StatusLabel(ctx, lang, a, wf)},
      {"category", a.category ? a.category->name : ""},
      {"authors", authors},
      {"updated", ShowTime(ctx, a.updated_at, lang)},
      {"views", std::to_string(views.today) + " / " +
                    std::to_string(views.week) + " / " +
                    std::to_string(views.total)},
      {"views_title", ctx.ui->Text(lang, "views_title")},
      {"when", OptText(ShowTime(ctx, a.published_at, lang))},
      {"trashed", wf.trashed_at.has_value()},
      {"review",
       wf.review_state.empty()
           ? render::View(false)
           : render::View(ctx.ui->Text(lang, "review_" + wf.review_state))},
      {"public_url",
       PublicUrl(ctx, a,
                 a.status == ArticleStatus::kPublished && !wf.trashed_at)},
  };
  return row;
}

// The article list; `review` shows the review queue instead.
Result<http::Response> ListPage(AdminContext& ctx, const PageRequest& p,
                                bool review) {
  const http::Request& req = p.req;
  ArticleQuery q;
  q.order = ArticleQuery::Order::kRecentlyUpdated;
  std::string status = req.Query("status").value_or("");
  std::string category = req.Query("category").value_or("");
  std::string text = req.Query("q").value_or("");
  if (review) {
    WARTA_RETURN_IF_ERROR(Authorize(p.who, Action::kReviewQueue));
    q.review_state = "submitted";
    q.status = ArticleStatus::kDraft;
  } else if (status == "trash") {
    q.trashed = true;
  } else if (!status.empty()) {
    auto s = ParseArticleStatus(status);
    if (s.ok()) q.status = *s;
  }
  if (!category.empty()) {
    auto c = ctx.store.taxonomy.GetCategoryBySlug(category);
    q.category_id = c.ok() ? c->id : -1;
  }
  q.title_contains = std::string(Trim(text));
  if (!Authorize(p.who, Action::kArticleReadAny).ok()) {
    q.owner_user_id = p.who.user.id;
    q.owner_author_id = p.who.user.author_id;
  }
  int page = 1;
  if (auto n = ParseInt(req.Query("page").value_or("1")); n && *n > 0)
    page = static_cast<int>(std::min<std::int64_t>(*n, 100000));
  q.limit = kPageSize;
  q.offset = (page - 1) * kPageSize;
  WARTA_ASSIGN_OR_RETURN(auto list, ctx.store.articles.ListArticles(q));
  WARTA_ASSIGN_OR_RETURN(std::int64_t total,
                         ctx.store.articles.CountArticles(q));
  std::vector<std::int64_t> ids;
  for (const Article& a : list) ids.push_back(a.id);
  WARTA_ASSIGN_OR_RETURN(auto wfs, ctx.store.editorial.GetWorkflows(ids));
  WARTA_ASSIGN_OR_RETURN(auto views, LoadViews(ctx, ids));

  std::string current = review ? "/admin/review" : "/admin/articles";
  render::View v = PageView(
      ctx, p, ctx.ui->Text(p.lang, review ? "review_title" : "articles_title"),
      current);
  render::View rows = render::View::array();
  for (const Article& a : list)
    rows.push_back(Row(ctx, p.lang, a, wfs[a.id], views[a.id]));
  v["rows"] = std::move(rows);
  v["empty"] = list.empty();
  v["review"] = review;
  v["q"] = text;
  render::View statuses = render::View::array();
  for (std::string s : {"", "draft", "scheduled", "published", "trash"}) {
    statuses.push_back(
        {{"value", s},
         {"label",
          ctx.ui->Text(p.lang, s.empty() ? "status_any" : "status_" + s)},
         {"selected", s == status}});
  }
  v["statuses"] = std::move(statuses);
  WARTA_ASSIGN_OR_RETURN(auto cats, ctx.store.taxonomy.ListCategories());
  render::View categories = render::View::array();
  categories.push_back({{"value", ""},
                        {"label", ctx.ui->Text(p.lang, "category_any")},
                        {"selected", category.empty()}});
  for (const auto& c : cats) {
    categories.push_back({{"value", c.item.slug},
                          {"label", c.item.name},
                          {"selected", c.item.slug == category}});
  }
  v["categories"] = std::move(categories);
  int pages = static_cast<int>((total + kPageSize - 1) / kPageSize);
  v["total_label"] =
      ctx.ui->Text(p.lang, "total_articles", {{"n", std::to_string(total)}});
  auto link = [&](int n) {
    std::string url = current + "?page=" + std::to_string(n);
    if (!status.empty()) url += "&status=" + UrlEncode(status);
    if (!category.empty()) url += "&category=" + UrlEncode(category);
    if (!text.empty()) url += "&q=" + UrlEncode(text);
    return url;
  };
  v["prev_url"] = page > 1 ? render::View(link(page - 1)) : render::View(false);
  v["next_url"] =
      page < pages ? render::View(link(page + 1)) : render::View(false);
  v["page_label"] =
      ctx.ui->Text(p.lang, "page_of",
                   {{"n", std::to_string(page)},
                    {"total", std::to_string(std::max(1, pages))}});
  return RenderPage(ctx, "articles", v);
}

std::string Names(const auto& list) {
  std::string s;
  for (const auto& x : list) s += (s.empty() ? "" : ", ") + x.name;
  return s;
}

// The tag field: the article's tags, then the names still waiting for an
// editor (saving them again keeps them pending).
std::string TagField(const Article& a) {
  std::string s = Names(a.tags);
  for (const std::string& p : a.pending_tags) s += (s.empty() ? "" : ", ") + p;
  return s;
}

Result<http::Response> EditorPage(AdminContext& ctx, const PageRequest& p,
                                  std::int64_t id) {
  Article a;
  Workflow wf;
  wf.created_by = p.who.user.id;
  if (id != 0) {
    WARTA_ASSIGN_OR_RETURN(a, ctx.store.articles.GetArticle(id));
    WARTA_ASSIGN_OR_RETURN(auto wfs, ctx.store.editorial.GetWorkflows({id}));
    wf = wfs[id];
    WARTA_RETURN_IF_ERROR(AuthorizeArticle(p.who, ArticleVerb::kRead, a, wf));
  } else {
    WARTA_RETURN_IF_ERROR(Authorize(p.who, Action::kArticleCreate));
    Author me;
    me.id = p.who.user.author_id;
    me.name = p.who.user.name;
    a.authors.push_back(me);
  }
  const Language lang = p.lang;
  render::View v = PageView(
      ctx, p,
      id ? ctx.ui->Text(lang, "edit_title") : ctx.ui->Text(lang, "new_title"),
      "/admin/articles");
  bool can_edit = AuthorizeArticle(p.who, ArticleVerb::kEdit, a, wf).ok();
  bool can_publish = AuthorizeArticle(p.who, ArticleVerb::kPublish, a, wf).ok();
  bool can_submit = AuthorizeArticle(p.who, ArticleVerb::kSubmit, a, wf).ok();
  bool can_return = Authorize(p.who, Action::kArticleReturn).ok();
  bool can_trash = AuthorizeArticle(p.who, ArticleVerb::kTrash, a, wf).ok();
  const bool published = a.status == ArticleStatus::kPublished;
  const bool scheduled = a.status == ArticleStatus::kScheduled;
  // The form's fields by the API's names (the codec's), with the names as
  // the text the editor types and what only the page shows.
  render::View article = EncodeArticle(a, ArticleForm::kApi);
  article.erase("html");
  article.update({
      {"category", a.category ? a.category->name : ""},
      {"tags", TagField(a)},
      {"pending_tags", a.pending_tags.empty()
                           ? render::View(false)
                           : render::View(Join(a.pending_tags, ", "))},
      {"authors", Names(a.authors)},
      {"editor", a.editor ? a.editor->name : ""},
      {"status_label", StatusLabel(ctx, lang, a, wf)},
      {"published_at_local", LocalInputTime(ctx, a.published_at)},
      {"published_at_label", OptText(ShowTime(ctx, a.published_at, lang))},
      {"updated_at", a.updated_at},
      {"public_url", PublicUrl(ctx, a, published)},
      {"revisions_url",
       id ? render::View("/admin/articles/" + std::to_string(id) + "/revisions")
          : render::View(false)},
      {"review_state", wf.review_state},
      {"review_label",
       wf.review_state.empty()
           ? render::View(false)
           : render::View(ctx.ui->Text(lang, "review_" + wf.review_state))},
      {"review_note", OptText(wf.review_note)},
      {"review_who", ReviewWho(ctx, wf, lang)},
  });
  v["article"] = std::move(article);
  // A live report's updates, newest first (appended by editor.js).
  render::View updates = render::View::array();
  if (id != 0) {
    WARTA_ASSIGN_OR_RETURN(auto list,
                           ctx.store.live_updates.ListLiveUpdates(id, 200));
    for (const LiveUpdate& u : list) {
      updates.push_back({{"when", ShowTime(ctx, u.created_at, lang)},
                         {"body", u.body},
                         {"who", u.user_name}});
    }
  }
  v["live_updates"] = std::move(updates);
  v["has_id"] = id != 0;
  v["live_update_max"] = static_cast<std::int64_t>(kMaxLiveUpdateBytes);
  // The share preview's bounds and the domain its card names.
  v["meta_title_max"] = static_cast<std::int64_t>(kMaxMetaTitleChars);
  v["meta_description_max"] =
      static_cast<std::int64_t>(kMaxMetaDescriptionChars);
  v["share_domain"] = SiteHost(ctx.site.urls.Absolute("/"));
  v["can"] = {
      {"edit", can_edit || id == 0},
      {"publish", can_publish && !published},
      {"schedule", can_publish && !published},
      {"unpublish", can_publish && (published || scheduled) && id != 0},
      {"submit", can_submit && !can_publish && !published && !scheduled &&
                     wf.review_state != "submitted"},
      {"return",
       can_return && id != 0 && !published && wf.review_state == "submitted"},
      {"trash", can_trash && id != 0},
  };
  v["readonly"] = !(can_edit || id == 0);
  // The home page's pins and the featured flag: editors and admins.
  v["home"] = false;
  if (id != 0 && Authorize(p.who, Action::kArticlePublishAny).ok())
    v["home"] = {{"published", published}};
  v["views"] = false;
  if (id != 0) {
    WARTA_ASSIGN_OR_RETURN(auto views, LoadViews(ctx, {id}));
    const ArticleViews& n = views[id];
    v["views"] = ctx.ui->Text(lang, "views_line",
                              {{"today", std::to_string(n.today)},
                               {"week", std::to_string(n.week)},
                               {"total", std::to_string(n.total)}});
  }
  // Autosaved changes to a live article wait in the history until saved.
  v["pending_autosave"] = false;
  if (id != 0 && a.status != ArticleStatus::kDraft) {
    WARTA_ASSIGN_OR_RETURN(auto last,
                           ctx.store.revisions.ListRevisions(id, 1, false));
    if (!last.empty() && last[0].kind == "autosave" &&
        last[0].article_version == a.version) {
      v["pending_autosave"] = {
          {"url", "/admin/articles/" + std::to_string(id) +
                      "/revisions?rev=" + std::to_string(last[0].id)},
          {"when", ShowTime(ctx, last[0].created_at, lang)}};
    }
  }
  WARTA_ASSIGN_OR_RETURN(auto cats, ctx.store.taxonomy.ListCategories());
  render::View cat_names = render::View::array();
  for (const auto& c : cats) cat_names.push_back(c.item.name);
  v["category_names"] = std::move(cat_names);
  WARTA_ASSIGN_OR_RETURN(auto tags, ctx.store.taxonomy.ListTags());
  render::View tag_names = render::View::array();
  for (const auto& t : tags) tag_names.push_back(t.item.name);
  v["tag_names"] = std::move(tag_names);
  WARTA_ASSIGN_OR_RETURN(auto authors, ctx.store.taxonomy.ListAuthors());
  render::View author_names = render::View::array();
  for (const auto& au : authors) author_names.push_back(au.item.name);
  v["author_names"] = std::move(author_names);
  return RenderPage(ctx, "editor", v);
}

Result<http::Response> RevisionsPage(AdminContext& ctx, const PageRequest& p,
                                     std::int64_t id) {
  WARTA_ASSIGN_OR_RETURN(Article a, ctx.store.articles.GetArticle(id));
  WARTA_ASSIGN_OR_RETURN(auto wfs, ctx.store.editorial.GetWorkflows({id}));
  WARTA_RETURN_IF_ERROR(
      AuthorizeArticle(p.who, ArticleVerb::kRead, a, wfs[id]));
  WARTA_ASSIGN_OR_RETURN(auto revs,
                         ctx.store.revisions.ListRevisions(id, 1000, false));
  std::int64_t chosen = revs.empty() ? 0 : revs[0].id;
  if (auto r = ParseInt(p.req.Query("rev").value_or("")); r) chosen = *r;
  render::View v = PageView(ctx, p, ctx.ui->Text(p.lang, "revisions_title"),
                            "/admin/articles");
  v["article"] = {{"id", a.id},
                  {"title", a.title},
                  {"version", a.version},
                  {"edit_url", "/admin/articles/" + std::to_string(id)}};
  const std::int64_t live_id = LiveRevisionId(a, revs);
  const bool against_live =
      p.req.Query("against").value_or("") == "live" && live_id != 0;
  const std::string base =
      "/admin/articles/" + std::to_string(id) + "/revisions?rev=";
  render::View list = render::View::array();
  for (const Revision& r : revs) {
    std::string note;
    if (r.kind == "publish" && r.note == "scheduled")
      note = ctx.ui->Text(p.lang, "rev_note_scheduled");
    list.push_back(
        {{"id", r.id},
         {"url",
          base + std::to_string(r.id) + (against_live ? "&against=live" : "")},
         {"when", ShowTime(ctx, r.created_at, p.lang)},
         {"who", r.user_name.empty() ? ctx.ui->Text(p.lang, "rev_system")
                                     : r.user_name},
         {"kind", ctx.ui->Text(p.lang, "rev_" + r.kind)},
         {"kind_class", r.kind},
         {"event", IsRevisionEvent(r.kind)},
         {"note", OptText(std::move(note))},
         {"live", r.id == live_id},
         {"title", r.title},
         {"current", r.id == chosen}});
  }
  v["revisions"] = std::move(list);
  v["can_restore"] =
      AuthorizeArticle(p.who, ArticleVerb::kEdit, a, wfs[id]).ok();
  if (chosen != 0) {
    WARTA_ASSIGN_OR_RETURN(RevisionView rv,
                           BuildRevisionView(ctx, id, chosen, against_live));
    render::View changes = render::View::array();
    for (const FieldChange& c : rv.changes) {
      changes.push_back({{"field", ctx.ui->Text(p.lang, "field_" + c.field)},
                         {"html", DiffHtml(c.parts)}});
    }
    // A link to the other comparison (none for the live revision itself).
    render::View compare = false;
    if (against_live) {
      compare = {{"url", base + std::to_string(chosen)},
                 {"label", ctx.ui->Text(p.lang, "compare_previous")}};
    } else if (live_id != 0 && chosen != live_id) {
      compare = {{"url", base + std::to_string(chosen) + "&against=live"},
                 {"label", ctx.ui->Text(p.lang, "compare_live")}};
    }
    std::string when = ShowTime(ctx, rv.revision.created_at, p.lang);
    std::string heading =
        against_live
            ? ctx.ui->Text(p.lang, "changes_against_live", {{"when", when}})
            : ctx.ui->Text(p.lang, "changes_in") + " " + when;
    v["chosen"] = {{"id", chosen},
                   {"heading", std::move(heading)},
                   {"is_live", chosen == live_id},
                   {"compare", std::move(compare)},
                   {"changes", std::move(changes)},
                   {"no_changes", rv.changes.empty()},
                   {"is_latest", !revs.empty() && revs[0].id == chosen}};
  } else {
    v["chosen"] = false;
  }
  return RenderPage(ctx, "revisions", v);
}

}  // namespace

void RegisterArticlePages(AdminContext& ctx, http::Router& r) {
  AddPage(ctx, r, "/admin/articles",
          [&ctx](const PageRequest& p) { return ListPage(ctx, p, false); });
  AddPage(ctx, r, "/admin/review",
          [&ctx](const PageRequest& p) { return ListPage(ctx, p, true); });
  AddPage(ctx, r, "/admin/articles/new",
          [&ctx](const PageRequest& p) { return EditorPage(ctx, p, 0); });
  AddPage(ctx, r, "/admin/articles/{id}",
          [&ctx](const PageRequest& p) -> Result<http::Response> {
            WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(p.req, "id"));
            return EditorPage(ctx, p, id);
          });
  AddPage(ctx, r, "/admin/articles/{id}/revisions",
          [&ctx](const PageRequest& p) -> Result<http::Response> {
            WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(p.req, "id"));
            return RevisionsPage(ctx, p, id);
          });
}

}  // namespace warta::admin
