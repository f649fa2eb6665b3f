// The home page: the editor's pinned lead and top stories (store/
// home_store.h; featured stories among the newest fill the top row), the
// latest stories (one per near-duplicate cluster, none twice), then a
// section per category.
#include <algorithm>

#include "site/home_pins.h"
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

  const Timestamp now = ctx.clock.Now();
  // The editor's pins first (store/home_store.h), then the newest.
  WARTA_ASSIGN_OR_RETURN(LivePins pins,
                         LoadLivePins(ctx.store.articles, ctx.store.home, now));
  ArticleQuery q;
  q.status = ArticleStatus::kPublished;
  q.published_before = now;
  q.one_per_duplicate_cluster = true;
  q.with_links = false;  // cards only
  // Articles on the page, with their near-duplicates: a story shows once
  // on the whole page, not only once per list.
  std::vector<std::int64_t> shown;
  std::vector<std::string> keys = {"all", "home"};
  auto show = [&](const Article& a) -> Status {
    shown.push_back(a.id);
    keys.push_back(ArticleKey(a.id));
    WARTA_ASSIGN_OR_RETURN(std::int64_t cluster,
                           ctx.store.discovery.DuplicateClusterOf(a.id));
    if (cluster == 0) return Status::Ok();
    WARTA_ASSIGN_OR_RETURN(
        auto members, ctx.store.discovery.DuplicateClusterMembers(cluster));
    shown.insert(shown.end(), members.begin(), members.end());
    return Status::Ok();
  };
  auto is_shown = [&](std::int64_t id) {
    return std::find(shown.begin(), shown.end(), id) != shown.end();
  };
  std::optional<Article> lead = pins.lead;
  if (lead) WARTA_RETURN_IF_ERROR(show(*lead));
  std::vector<Article> top;
  for (Article& a : pins.top) {
    if (is_shown(a.id)) continue;  // a near-duplicate of another pin
    WARTA_RETURN_IF_ERROR(show(a));
    top.push_back(std::move(a));
  }
  // Room for featured stories that rise into the top row.
  q.limit = kLatestCount + kMaxTopStories;
  q.exclude_ids = shown;
  WARTA_ASSIGN_OR_RETURN(std::vector<Article> newest,
                         ctx.store.articles.ListArticles(q));
  if (!lead && !newest.empty()) {
    lead = newest.front();
    newest.erase(newest.begin());
    WARTA_RETURN_IF_ERROR(show(*lead));
  }
  for (const Article& a : newest) {
    if (static_cast<int>(top.size()) >= kMaxTopStories) break;
    if (!a.featured || is_shown(a.id)) continue;
    WARTA_RETURN_IF_ERROR(show(a));
    top.push_back(a);
  }
  const bool edited = pins.lead.has_value() || !top.empty();
  v["lead"] = lead ? CardView(ctx, *lead, true) : render::View(false);
  if (lead) v["lead"]["image"] = LeadImageView(*lead);
  render::View top_cards = render::View::array();
  for (const Article& a : top) top_cards.push_back(CardView(ctx, a, false));
  v["top_stories"] = std::move(top_cards);
  v["has_top"] = !top.empty();
  v["edited"] = edited;
  v["headline_title"] = ctx.theme.Text(lang, edited ? "headlines" : "latest");
  render::View cards = render::View::array();
  for (const Article& a : newest) {
    if (static_cast<int>(cards.size()) >= kLatestCount - 1) break;
    if (is_shown(a.id)) continue;
    WARTA_RETURN_IF_ERROR(show(a));
    cards.push_back(CardView(ctx, a, false));
  }
  v["latest"] = std::move(cards);
  v["empty"] = !lead;

  WARTA_ASSIGN_OR_RETURN(auto categories, ctx.store.taxonomy.ListCategories());
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
                           ctx.store.articles.ListArticles(cq));
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
  // Terpopuler changes with every view: re-rendered in the background;
  // sooner when the pinned lead expires (no write tells us).
  int refresh = ctx.options.popular_refresh_seconds;
  if (pins.changes_at > now) {
    const Timestamp left = pins.changes_at - now;
    if (refresh <= 0 || left < refresh) refresh = static_cast<int>(left);
  }
  return PageResult{200,  std::move(html),     "", std::move(keys),
                    true, std::max(refresh, 1)};
}

}  // namespace warta::site
