// The home page: the latest stories, then a section per category.
#include <algorithm>

#include "site/meta_views.h"
#include "site/pages.h"
#include "site/picture.h"
#include "site/popular.h"
#include "site/views.h"

namespace warta::site {
namespace {

constexpr int kLatestCount = 13;  // one lead story and a grid of twelve
constexpr int kSectionCount = 8;  // categories shown
constexpr int kSectionSize = 4;   // stories per category section

}  // namespace

Result<PageResult> RenderHomePage(const SiteContext& ctx) {
  const Language lang = ctx.options.language;
  PageInfo info;
  info.kind = "home-page";
  info.title = ctx.options.name;
  if (!ctx.options.description.empty())
    info.title += " - " + ctx.options.description;
  info.description = ctx.options.description;
  info.path = "/";
  info.current_nav = "/";
  WARTA_ASSIGN_OR_RETURN(render::View v, BaseView(ctx, info));
  AddListMeta(ctx, v, info.title, info.description, "/", "", "");

  ArticleQuery q;
  q.status = ArticleStatus::kPublished;
  q.published_before = ctx.clock.Now();
  q.one_per_duplicate_cluster = true;
  q.limit = kLatestCount;
  WARTA_ASSIGN_OR_RETURN(std::vector<Article> latest,
                         ctx.store.ListArticles(q));
  // Articles on the page, with their near-duplicates: a story shows once
  // on the whole page, not only once per list.
  std::vector<std::int64_t> shown;
  std::vector<std::string> keys = {"all"};
  auto show = [&](const Article& a) -> Status {
    shown.push_back(a.id);
    keys.push_back(ArticleKey(a.id));
    WARTA_ASSIGN_OR_RETURN(std::int64_t cluster,
                           ctx.store.DuplicateClusterOf(a.id));
    if (cluster == 0) return Status::Ok();
    WARTA_ASSIGN_OR_RETURN(auto members,
                           ctx.store.DuplicateClusterMembers(cluster));
    shown.insert(shown.end(), members.begin(), members.end());
    return Status::Ok();
  };
  render::View cards = render::View::array();
  for (size_t i = 0; i < latest.size(); ++i) {
    WARTA_RETURN_IF_ERROR(show(latest[i]));
    if (i == 0) {
      v["lead"] = CardView(ctx, latest[i], true);
      v["lead"]["image"] = LeadImageView(latest[i]);
    } else {
      cards.push_back(CardView(ctx, latest[i], false));
    }
  }
  if (latest.empty()) v["lead"] = false;
  v["latest"] = std::move(cards);
  v["empty"] = latest.empty();

  WARTA_ASSIGN_OR_RETURN(auto categories, ctx.store.ListCategories());
  std::stable_sort(categories.begin(), categories.end(),
                   [](const auto& a, const auto& b) {
                     return a.published_count > b.published_count;
                   });
  render::View sections = render::View::array();
  // Sections follow the categories' counts: any category's list matters.
  for (const auto& c : categories) keys.push_back(CategoryKey(c.item.id));
  for (const auto& c : categories) {
    if (static_cast<int>(sections.size()) >= kSectionCount) break;
    if (c.published_count == 0) continue;
    ArticleQuery cq = q;
    cq.category_id = c.item.id;
    cq.limit = kSectionSize;
    cq.exclude_ids = shown;
    WARTA_ASSIGN_OR_RETURN(std::vector<Article> articles,
                           ctx.store.ListArticles(cq));
    if (articles.empty()) continue;
    render::View list = render::View::array();
    for (const Article& a : articles) {
      WARTA_RETURN_IF_ERROR(show(a));
      list.push_back(CardView(ctx, a, false));
    }
    sections.push_back({{"name", c.item.name},
                        {"slug", c.item.slug},
                        {"url", ctx.urls.Category(c.item.slug)},
                        {"more_label", ctx.theme.Text(lang, "more_in",
                                                      {{"name", c.item.name}})},
                        {"articles", std::move(list)}});
  }
  v["sections"] = std::move(sections);
  AddPopularBox(ctx, v);
  WARTA_ASSIGN_OR_RETURN(std::string html, ctx.theme.Render({"home"}, v));
  // Terpopuler changes with every view: re-rendered in the background.
  return PageResult{200,  std::move(html),
                    "",   std::move(keys),
                    true, ctx.options.popular_refresh_seconds};
}

}  // namespace warta::site
