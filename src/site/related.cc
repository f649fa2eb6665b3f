#include "site/related.h"

#include "base/log.h"
#include "metrics/metrics.h"

namespace warta::site {

RelatedFn RelatedFromIndex(const index::LiveIndex& search,
                           ArticleStore& articles, DiscoveryStore& discovery,
                           const Clock& clock) {
  return [&search, &articles, &discovery, &clock](const Article& a, int limit) {
    std::vector<Article> out;
    index::RelatedOptions ro;
    ro.limit = limit;
    ro.now = clock.Now();
    static metrics::Histogram& latency =
        metrics::Registry::Default().GetHistogram(
            "warta_related_duration_seconds",
            "Time to find related articles on the index.",
            metrics::LatencyBuckets());
    std::vector<index::RelatedHit> hits;
    {
      metrics::Timer timer(latency);
      hits = search.snapshot()->Related(a.id, ro);
    }
    // The cards in one read, without bodies (a card shows none).
    std::vector<std::int64_t> ids;
    ids.reserve(hits.size());
    for (const index::RelatedHit& h : hits) ids.push_back(h.article_id);
    if (!ids.empty()) {
      auto cards = articles.ListArticlesById(ids);
      if (cards.ok()) {
        for (Article& r : *cards) {
          if (r.IsPublished()) out.push_back(std::move(r));
        }
      } else {
        LogWarning("related articles: " + cards.status().ToString());
      }
    }
    if (static_cast<int>(out.size()) >= limit) return out;
    // Too few by content (a new site, a short story): the newest of the
    // category, still never the article, its near-duplicates or a story
    // twice.
    ArticleQuery q;
    q.status = ArticleStatus::kPublished;
    q.published_before = clock.Now();
    q.category_id = a.category ? a.category->id : 0;
    q.one_per_duplicate_cluster = true;
    q.with_links = false;  // cards, as ListArticlesById reads them
    q.limit = limit - static_cast<int>(out.size());
    std::vector<const Article*> shown = {&a};
    for (const Article& r : out) shown.push_back(&r);
    for (const Article* s : shown) {
      q.exclude_ids.push_back(s->id);
      auto cluster = discovery.DuplicateClusterOf(s->id);
      if (!cluster.ok() || *cluster == 0) continue;
      auto members = discovery.DuplicateClusterMembers(*cluster);
      if (members.ok()) {
        q.exclude_ids.insert(q.exclude_ids.end(), members->begin(),
                             members->end());
      }
    }
    auto more = articles.ListArticles(q);
    if (more.ok()) {
      for (Article& m : *more) out.push_back(std::move(m));
    } else {
      LogWarning("related articles: " + more.status().ToString());
    }
    return out;
  };
}

std::vector<Article> NewestInCategory(ArticleStore& store, const Clock& clock,
                                      const Article& article, int limit) {
  ArticleQuery q;
  q.status = ArticleStatus::kPublished;
  q.published_before = clock.Now();
  q.category_id = article.category ? article.category->id : 0;
  q.exclude_ids = {article.id};
  q.with_links = false;  // cards only
  q.limit = limit;
  auto list = store.ListArticles(q);
  if (!list.ok()) {
    LogWarning("related articles: " + list.status().ToString());
    return {};
  }
  // A thin category is topped up with the newest stories elsewhere.
  if (static_cast<int>(list->size()) < limit && q.category_id != 0) {
    q.category_id = 0;
    q.limit = limit - static_cast<int>(list->size());
    for (const Article& a : *list) q.exclude_ids.push_back(a.id);
    auto more = store.ListArticles(q);
    if (more.ok()) list->insert(list->end(), more->begin(), more->end());
  }
  return std::move(*list);
}

}  // namespace warta::site
