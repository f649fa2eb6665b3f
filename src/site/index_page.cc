// /indeks: the date index every portal has. The published articles of one
// day (in the site's time zone), newest first, optionally of one category,
// paginated; a date picker and links to the day before and after. Reads a
// bounded range: one day of the public list (listing) and its count.
#include "base/strings.h"
#include "base/time.h"
#include "site/meta_views.h"
#include "site/pages.h"
#include "site/picture.h"
#include "site/views.h"

namespace warta::site {
namespace {

// "2026-12-01".
std::string DateText(const CivilTime& c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

std::string IndexUrl(const std::string& date, const std::string& category,
                     int page) {
  std::string url = std::string(kIndexPath) + "?tanggal=" + date;
  if (!category.empty()) url += "&kategori=" + UrlEncode(category);
  if (page > 1) url += "&page=" + std::to_string(page);
  return url;
}

}  // namespace

Result<IndexRequest> ParseIndexRequest(const SiteContext& ctx,
                                       std::optional<std::string> date,
                                       std::optional<std::string> category,
                                       int page) {
  IndexRequest r;
  r.page = page;
  r.category = category.value_or("");
  const int offset = ctx.options.timezone.offset_seconds;
  if (!date || date->empty()) {
    r.today = true;
    r.date = DateText(ToCivil(ctx.clock.Now(), offset));
    return r;
  }
  if (date->size() != 10 || (*date)[4] != '-' || (*date)[7] != '-')
    return Status::NotFound("tanggal: expected YYYY-MM-DD");
  auto t = ParseIso8601(*date, offset);
  if (!t.ok() || !IsAcceptedTime(*t) || DateText(ToCivil(*t, offset)) != *date)
    return Status::NotFound("tanggal: not a date");
  r.date = *date;
  return r;
}

std::string IndexCacheKey(const IndexRequest& r) {
  return std::string(kIndexPath) + "|" + (r.today ? "today" : r.date) + "|" +
         r.category + "|" + std::to_string(r.page);
}

Result<PageResult> RenderIndexPage(const SiteContext& ctx,
                                   const IndexRequest& r) {
  const Language lang = ctx.options.language;
  const TimeZone& tz = ctx.options.timezone;
  if (r.page < 1) return Status::NotFound("page");
  WARTA_ASSIGN_OR_RETURN(Timestamp day_start,
                         ParseIso8601(r.date, tz.offset_seconds));
  const Timestamp day_end = day_start + 86400 - 1;
  const Timestamp now = ctx.clock.Now();

  ArticleQuery q;
  q.status = ArticleStatus::kPublished;
  q.published_after = day_start;
  q.published_before = std::min(day_end, now);
  q.with_links = false;  // cards only
  std::vector<std::string> keys = {"all"};
  WARTA_ASSIGN_OR_RETURN(auto categories, ctx.store.taxonomy.ListCategories());
  std::string category_name;
  if (!r.category.empty()) {
    WARTA_ASSIGN_OR_RETURN(Category c,
                           ctx.store.taxonomy.GetCategoryBySlug(r.category));
    q.category_id = c.id;
    category_name = c.name;
  }
  std::int64_t total = 0;
  std::vector<Article> articles;
  const int size = ctx.options.page_size;
  if (day_start <= now) {
    WARTA_ASSIGN_OR_RETURN(total, ctx.store.articles.CountArticles(q));
    q.limit = size;
    q.offset = (r.page - 1) * size;
    WARTA_ASSIGN_OR_RETURN(articles, ctx.store.articles.ListArticles(q));
  }
  const int pages = static_cast<int>((total + size - 1) / size);
  if (r.page > 1 && r.page > pages) return Status::NotFound("page");

  const std::string date_label = FormatLongDate(day_start, tz, lang);
  PageInfo info;
  info.kind = "index-page";
  std::string title = ctx.theme.Text(lang, "index_title");
  info.title = title + " " + date_label + " - " + ctx.options.name;
  info.description =
      ctx.theme.Text(lang, "index_description", {{"date", date_label}});
  info.path = IndexUrl(r.date, r.category, r.page);
  info.current_nav = std::string(kIndexPath);
  // Only the date's first page without a category is worth indexing.
  info.noindex = !r.category.empty() || r.page > 1;
  WARTA_ASSIGN_OR_RETURN(render::View v, BaseView(ctx, info));
  AddListMeta(ctx, v, info.title, info.description, info.path,
              std::string(kIndexPath), title);
  render::View cards = render::View::array();
  for (const Article& a : articles) {
    cards.push_back(CardView(ctx, a, true));
    keys.push_back(ArticleKey(a.id));
  }
  LoadFirstCardEagerly(cards);
  render::View options = render::View::array();
  options.push_back({{"value", ""},
                     {"label", ctx.theme.Text(lang, "index_all_categories")},
                     {"selected", r.category.empty()}});
  for (const auto& c : categories) {
    options.push_back({{"value", c.item.slug},
                       {"label", c.item.name},
                       {"selected", c.item.slug == r.category}});
  }
  const CivilTime day = ToCivil(day_start, tz.offset_seconds);
  const std::string prev =
      DateText(ToCivil(day_start - 86400, tz.offset_seconds));
  const std::string next =
      DateText(ToCivil(day_start + 86400, tz.offset_seconds));
  const std::string today = DateText(ToCivil(now, tz.offset_seconds));
  v["index"] = {
      {"title", title},
      {"date", DateText(day)},
      {"max_date", today},
      {"date_label", date_label},
      {"category_name", category_name.empty() ? render::View(false)
                                              : render::View(category_name)},
      {"categories", std::move(options)},
      {"count_label",
       ctx.theme.Text(lang, "count", {{"n", std::to_string(total)}})},
      {"empty", articles.empty()},
      {"articles", std::move(cards)},
      {"prev_day_url", IndexUrl(prev, r.category, 1)},
      {"next_day_url", next <= today
                           ? render::View(IndexUrl(next, r.category, 1))
                           : render::View(false)},
  };
  if (pages > 1) {
    render::View p;
    p["label"] = ctx.theme.Text(
        lang, "page_of",
        {{"n", std::to_string(r.page)}, {"total", std::to_string(pages)}});
    p["prev_url"] = r.page > 1
                        ? render::View(IndexUrl(r.date, r.category, r.page - 1))
                        : render::View(false);
    p["next_url"] = r.page < pages
                        ? render::View(IndexUrl(r.date, r.category, r.page + 1))
                        : render::View(false);
    v["page"]["prev_url"] = p["prev_url"];
    v["page"]["next_url"] = p["next_url"];
    v["pagination"] = std::move(p);
  } else {
    v["pagination"] = false;
  }
  WARTA_ASSIGN_OR_RETURN(std::string html, ctx.theme.Render({"index"}, v));
  // "Today" moves at midnight: re-rendered within a minute of it.
  return PageResult{200,     std::move(html), "", std::move(keys),
                    r.today, r.today ? 60 : 0};
}

}  // namespace warta::site
