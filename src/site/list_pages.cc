// Category, tag and author pages: a paginated list of published articles.
#include "site/meta_views.h"
#include "site/pages.h"
#include "site/picture.h"
#include "site/views.h"

namespace warta::site {
namespace {

struct ListSubject {
  std::string key;  // the list's page key
  std::string title;
  std::string description;
  std::string path;
  std::string kind_label;
  std::string page_kind;
};

Result<ListSubject> FindSubject(const SiteContext& ctx, ListKind kind,
                                std::string_view slug, ArticleQuery& q) {
  const Language lang = ctx.options.language;
  ListSubject s;
  switch (kind) {
    case ListKind::kCategory: {
      WARTA_ASSIGN_OR_RETURN(Category c,
                             ctx.store.taxonomy.GetCategoryBySlug(slug));
      q.category_id = c.id;
      s.key = CategoryKey(c.id);
      s.title = c.name;
      s.description = !c.description.empty()
                          ? c.description
                          : ctx.theme.Text(lang, "category_description",
                                           {{"name", c.name}});
      s.path = ctx.urls.Category(c.slug);
      s.kind_label = ctx.theme.Text(lang, "category");
      s.page_kind = "category-page";
      break;
    }
    case ListKind::kTag: {
      WARTA_ASSIGN_OR_RETURN(Tag t, ctx.store.taxonomy.GetTagBySlug(slug));
      q.tag_id = t.id;
      s.key = "t:" + std::to_string(t.id);
      s.title = t.name;
      s.description =
          ctx.theme.Text(lang, "tag_description", {{"name", t.name}});
      s.path = ctx.urls.Tag(t.slug);
      s.kind_label = ctx.theme.Text(lang, "tag");
      s.page_kind = "tag-page";
      break;
    }
    case ListKind::kAuthor: {
      WARTA_ASSIGN_OR_RETURN(Author a,
                             ctx.store.taxonomy.GetAuthorBySlug(slug));
      q.author_id = a.id;
      s.key = "u:" + std::to_string(a.id);
      s.title = a.name;
      s.description =
          !a.bio.empty()
              ? a.bio
              : ctx.theme.Text(lang, "author_description", {{"name", a.name}});
      s.path = ctx.urls.Author(a.slug);
      s.kind_label = ctx.theme.Text(lang, "author");
      s.page_kind = "author-page";
      break;
    }
  }
  return s;
}

}  // namespace

Result<PageResult> RenderListPage(const SiteContext& ctx, ListKind kind,
                                  std::string_view slug, int page) {
  const Language lang = ctx.options.language;
  if (page < 1) return Status::NotFound("page " + std::to_string(page));
  ArticleQuery q;
  q.status = ArticleStatus::kPublished;
  q.published_before = ctx.clock.Now();
  q.one_per_duplicate_cluster = true;
  q.with_links = false;  // cards only
  WARTA_ASSIGN_OR_RETURN(ListSubject s, FindSubject(ctx, kind, slug, q));
  WARTA_ASSIGN_OR_RETURN(std::int64_t total,
                         ctx.store.articles.CountArticles(q));
  const int size = ctx.options.page_size;
  const int pages = static_cast<int>((total + size - 1) / size);
  if (page > 1 && page > pages)
    return Status::NotFound("page " + std::to_string(page));
  q.limit = size;
  q.offset = (page - 1) * size;
  WARTA_ASSIGN_OR_RETURN(std::vector<Article> articles,
                         ctx.store.articles.ListArticles(q));

  PageInfo info;
  info.kind = s.page_kind;
  std::string title = s.title;
  if (page > 1) {
    title = ctx.theme.Text(lang, "pagination_title",
                           {{"title", s.title}, {"n", std::to_string(page)}});
  }
  info.title = title + " - " + ctx.options.name;
  info.description = s.description;
  info.path = Urls::Page(s.path, page);
  info.current_nav = kind == ListKind::kCategory ? s.path : "";
  WARTA_ASSIGN_OR_RETURN(render::View v, BaseView(ctx, info));
  AddListMeta(ctx, v, info.title, info.description, info.path, s.path, s.title);
  std::vector<std::string> keys = {s.key};
  render::View cards = render::View::array();
  for (const Article& a : articles) {
    cards.push_back(CardView(ctx, a, true));
    keys.push_back(ArticleKey(a.id));
  }
  LoadFirstCardEagerly(cards);
  v["list"] = {{"title", s.title},
               {"description", s.description},
               {"kind_label", s.kind_label},
               {"count_label",
                ctx.theme.Text(lang, "count", {{"n", std::to_string(total)}})},
               {"empty", articles.empty()},
               {"articles", std::move(cards)}};
  AddPagination(ctx, v, s.path, page, pages);
  WARTA_ASSIGN_OR_RETURN(std::string html, ctx.theme.Render({"list"}, v));
  return PageResult{200, std::move(html), "", std::move(keys), false};
}

}  // namespace warta::site
