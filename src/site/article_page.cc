// The article page: headline, byline, date, reading time, body with its
// dateline, source, tags, share links and "Mungkin Kamu Suka".
#include "base/strings.h"
#include "base/time.h"
#include "site/meta_views.h"
#include "site/pages.h"
#include "site/picture.h"
#include "site/popular.h"
#include "site/views.h"

namespace warta::site {
namespace {

render::View ShareLinks(const SiteContext& ctx, const Article& a,
                        const std::string& url) {
  const std::string u = UrlEncode(url);
  const std::string t = UrlEncode(a.title);
  struct Link {
    const char* key;
    const char* name;
    std::string href;
  } links[] = {
      {"whatsapp", "WhatsApp",
       "https://wa.me/?text=" + UrlEncode(a.title + " " + url)},
      {"facebook", "Facebook",
       "https://www.facebook.com/sharer/sharer.php?u=" + u},
      {"x", "X", "https://x.com/intent/tweet?text=" + t + "&url=" + u},
      {"telegram", "Telegram",
       "https://t.me/share/url?url=" + u + "&text=" + t},
  };
  render::View out = render::View::array();
  for (const Link& l : links) {
    out.push_back(
        {{"key", l.key},
         {"name", l.name},
         {"url", l.href},
         {"aria_label", ctx.theme.Text(ctx.options.language, "share_on",
                                       {{"name", l.name}})}});
  }
  return out;
}

// "Diperbarui: Senin, 1 Desember 2026 14:05 WIB" (Article::ShownUpdate),
// or false.
render::View UpdatedView(const SiteContext& ctx, const Article& a) {
  auto when = a.ShownUpdate(ctx.options.update_grace_seconds);
  if (!when) return false;
  const TimeZone& tz = ctx.options.timezone;
  return {
      {"iso", FormatIso8601(*when, tz.offset_seconds)},
      {"label",
       ctx.theme.Text(
           ctx.options.language, "updated_on",
           {{"date", FormatLongDateTime(*when, tz, ctx.options.language)}})}};
}

// The dated "Koreksi" box, or false.
render::View CorrectionView(const SiteContext& ctx, const Article& a) {
  if (a.correction.empty()) return false;
  const TimeZone& tz = ctx.options.timezone;
  Timestamp when = a.correction_at.value_or(a.updated_at);
  return {{"text", a.correction},
          {"iso", FormatIso8601(when, tz.offset_seconds)},
          {"date_label", FormatLongDateTime(when, tz, ctx.options.language)},
          {"log_url", std::string(kCorrectionsPath)}};
}

// A live report's label and its newest updates (kLiveUpdatesShown), each
// a time and its paragraphs; false for other articles.
constexpr int kLiveUpdatesShown = 100;
Result<render::View> LiveView(const SiteContext& ctx, const Article& a) {
  if (!a.live_report) return render::View(false);
  const Language lang = ctx.options.language;
  const TimeZone& tz = ctx.options.timezone;
  render::View updates = render::View::array();
  if (a.id != 0) {
    WARTA_ASSIGN_OR_RETURN(auto list, ctx.store.live_updates.ListLiveUpdates(
                                          a.id, kLiveUpdatesShown));
    for (const LiveUpdate& u : list) {
      render::View paragraphs = render::View::array();
      for (std::string_view line : Split(u.body, '\n')) {
        line = Trim(line);
        if (!line.empty()) paragraphs.push_back(std::string(line));
      }
      updates.push_back(
          {{"iso", FormatIso8601(u.created_at, tz.offset_seconds)},
           {"time_label", FormatLongDateTime(u.created_at, tz, lang)},
           {"paragraphs", std::move(paragraphs)}});
    }
  }
  const bool any = !updates.empty();
  return render::View{{"label", ctx.theme.Text(lang, "live_label")},
                      {"has_updates", any},
                      {"updates", std::move(updates)}};
}

render::View ArticleView(const SiteContext& ctx, const Article& a) {
  const Language lang = ctx.options.language;
  const TimeZone& tz = ctx.options.timezone;
  const std::string path = ctx.urls.Article(a.slug);
  const std::string canonical = ctx.urls.Absolute(path);
  Timestamp published = a.published_at.value_or(a.updated_at);
  render::View v = {
      {"title", a.title},
      {"url", path},
      {"canonical", canonical},
      {"custom_excerpt", a.custom_excerpt.empty()
                             ? render::View(false)
                             : render::View(a.custom_excerpt)},
      {"published_iso", FormatIso8601(published, tz.offset_seconds)},
      {"date_label", FormatLongDateTime(published, tz, lang)},
      {"updated", UpdatedView(ctx, a)},
      {"correction", CorrectionView(ctx, a)},
      {"reading_time_label",
       ctx.theme.Text(lang, "reading_time",
                      {{"n", std::to_string(a.reading_time)}})},
      {"source_label", a.source.empty()
                           ? render::View(false)
                           : render::View(ctx.theme.Text(
                                 lang, "source", {{"source", a.source}}))},
      {"editor_label", a.editor
                           ? render::View(ctx.theme.Text(
                                 lang, "editor", {{"name", a.editor->name}}))
                           : render::View(false)},
      {"authors", AuthorsView(ctx, a.authors)},
      {"has_authors", !a.authors.empty()},
      {"has_tags", !a.tags.empty()},
      {"share", ShareLinks(ctx, a, canonical)},
  };
  if (a.category) {
    v["category"] = {{"name", a.category->name},
                     {"url", ctx.urls.Category(a.category->slug)}};
  } else {
    v["category"] = false;
  }
  render::View tags = render::View::array();
  for (const Tag& t : a.tags)
    tags.push_back({{"name", t.name}, {"url", ctx.urls.Tag(t.slug)}});
  v["tags"] = std::move(tags);
  v["html"] = WithBodyPictures(ctx.urls.ResolveLinks(a.html));
  if (!a.feature_image.empty()) {
    v["feature_image"] = a.feature_image;
    PictureOptions o;
    o.sizes = "(min-width: 56rem) 54rem, 100vw";
    o.src_width = 1280;
    o.lazy = false;
    o.high_priority = true;  // the page's largest paint
    v["picture"] = PictureView(a.feature_image, a.feature_image_alt, o);
    v["feature_image_caption"] = a.feature_image_caption.empty()
                                     ? render::View(false)
                                     : render::View(a.feature_image_caption);
    v["feature_image_credit"] =
        a.feature_image_credit.empty()
            ? render::View(false)
            : render::View(ctx.theme.Text(
                  lang, "photo_credit", {{"credit", a.feature_image_credit}}));
    v["has_figcaption"] =
        !a.feature_image_caption.empty() || !a.feature_image_credit.empty();
  } else {
    v["feature_image"] = false;
  }
  return v;
}

}  // namespace

Result<std::string> RenderArticleHtml(const SiteContext& ctx, const Article& a,
                                      bool preview) {
  PageInfo info;
  info.kind = "article-page";
  // The desk's SEO title stands alone; the headline gets the site's name.
  info.title =
      a.meta_title.empty() ? a.title + " - " + ctx.options.name : a.meta_title;
  info.description = a.SeoDescription();
  info.path = ctx.urls.Article(a.slug);
  info.current_nav = a.category ? ctx.urls.Category(a.category->slug) : "";
  info.noindex = preview || a.noindex;
  WARTA_ASSIGN_OR_RETURN(render::View v, BaseView(ctx, info));
  AddArticleMeta(ctx, v, a, info.description);
  v["article"] = ArticleView(ctx, a);
  WARTA_ASSIGN_OR_RETURN(v["article"]["live"], LiveView(ctx, a));
  render::View related = render::View::array();
  if (ctx.related && ctx.options.related_count > 0) {
    for (const Article& r : ctx.related(a, ctx.options.related_count)) {
      related.push_back(CardView(ctx, r, false));
    }
  }
  v["has_related"] = !related.empty();
  v["related"] = std::move(related);
  AddPopularBox(ctx, v);
  v["view_beacon"] =
      ctx.options.view_beacon && !preview
          ? render::View("/api/view?path=" + UrlEncode(info.path))
          : render::View(false);
  std::string slug_template = "article-" + a.slug;
  return ctx.theme.Render({slug_template, "article"}, v);
}

// 410 for a story taken off the site, else NotFound.
Result<PageResult> WithdrawnPage(const SiteContext& ctx,
                                 std::string_view slug) {
  WARTA_ASSIGN_OR_RETURN(WithdrawnArticle w,
                         ctx.store.readers.FindWithdrawn(slug));
  const Language lang = ctx.options.language;
  PageInfo info;
  info.kind = "error-page withdrawn-page";
  std::string title = ctx.theme.Text(lang, "withdrawn_title");
  info.title = title + " - " + ctx.options.name;
  info.path = ctx.urls.Article(slug);
  info.noindex = true;
  WARTA_ASSIGN_OR_RETURN(render::View v, BaseView(ctx, info));
  v["error"] = {
      {"code", "410"},
      {"title", title},
      {"text", ctx.theme.Text(
                   lang, "withdrawn_text",
                   {{"title", w.title},
                    {"date", FormatLongDateTime(w.withdrawn_at,
                                                ctx.options.timezone, lang)}})},
      {"reason", w.reason.empty()
                     ? render::View(false)
                     : render::View(ctx.theme.Text(lang, "withdrawn_reason",
                                                   {{"reason", w.reason}}))}};
  WARTA_ASSIGN_OR_RETURN(std::string html,
                         ctx.theme.Render({"error-410", "error"}, v));
  return PageResult{410, std::move(html), "", {ArticleKey(w.article_id)}};
}

Result<PageResult> RenderArticlePage(const SiteContext& ctx,
                                     std::string_view slug) {
  auto article = ctx.store.articles.GetArticleBySlug(slug);
  if (!article.ok()) {
    if (!article.status().IsNotFound()) return article.status();
    if (auto gone = WithdrawnPage(ctx, slug);
        gone.ok() || !gone.status().IsNotFound()) {
      return gone;
    }
    WARTA_ASSIGN_OR_RETURN(std::int64_t id,
                           ctx.store.articles.FindArticleIdByOldSlug(slug));
    WARTA_ASSIGN_OR_RETURN(Article current, ctx.store.articles.GetArticle(id));
    if (!current.IsPublished())
      return Status::NotFound("article not published");
    return PageResult{301,
                      "",
                      ctx.urls.Article(current.slug),
                      {ArticleKey(current.id)},
                      false};
  }
  if (!article->IsPublished()) return WithdrawnPage(ctx, slug);
  if (article->published_at && *article->published_at > ctx.clock.Now()) {
    return Status::NotFound("article not published");
  }
  WARTA_ASSIGN_OR_RETURN(std::string html,
                         RenderArticleHtml(ctx, *article, false));
  // Related articles may be a few minutes old: they are refreshed in the
  // background, not on every write anywhere.
  // So may Terpopuler, refreshed more often.
  return PageResult{200,  std::move(html),
                    "",   {ArticleKey(article->id)},
                    true, ctx.options.popular_refresh_seconds};
}

}  // namespace warta::site
