// Distribution: robots.txt, naming the sitemaps and carrying the "no AI
// crawlers" rules (site-wide, or per article for articles with no_ai).
#include "base/log.h"
#include "feeds/robots.h"
#include "site/distribution.h"

namespace warta::site {
namespace {

// More per-article rules than this would make robots.txt larger than
// crawlers read (Google reads 500 KiB); the newest ones are listed.
constexpr int kMaxNoAiArticles = 5000;

}  // namespace

http::Response Distribution::Robots() {
  site_.RefreshIfChanged();
  const std::string key = "robots.txt";
  if (auto page = site_.cache().Find(key)) return page->ToResponse();
  std::uint64_t generation = site_.cache().generation();
  const SiteContext& ctx = site_.context();
  feeds::RobotsOptions o;
  o.sitemaps = {ctx.urls.Absolute("/sitemap.xml"),
                ctx.urls.Absolute("/sitemap-news.xml")};
  o.disallow = {"/admin/", "/cari"};
  o.block_ai = ctx.options.no_ai;
  o.ai_agents = ctx.options.ai_user_agents;
  if (!o.block_ai && !o.ai_agents.empty()) {
    auto slugs = ctx.store.distribution.ListNoAiSlugs(kMaxNoAiArticles);
    if (!slugs.ok()) {
      LogError("robots.txt: " + slugs.status().ToString());
      return site_.ErrorResponse(500);
    }
    for (const std::string& s : *slugs)
      o.ai_disallow.push_back(ctx.urls.Article(s));
  }
  auto page = MakeCachedPage(200, "text/plain; charset=utf-8",
                             feeds::RenderRobots(o), "public, max-age=3600");
  site_.cache().Insert(key, page, generation);
  return page->ToResponse();
}

}  // namespace warta::site
