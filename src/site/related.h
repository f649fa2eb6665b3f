// "Mungkin Kamu Suka": the related-articles lists the article page and
// /api/related show. Thread-safe; the referenced objects must outlive the
// returned functions.
#ifndef WARTA_SITE_RELATED_H_
#define WARTA_SITE_RELATED_H_

#include <vector>

#include "base/clock.h"
#include "content/article.h"
#include "index/live_index.h"
#include "site/context.h"
#include "store/article_store.h"
#include "store/discovery_store.h"

namespace warta::site {

// Related by content (the search index's Related), topped up when too few
// with the newest of the article's category. Never the article itself, a
// near-duplicate of it or of another entry, or one story twice.
RelatedFn RelatedFromIndex(const index::LiveIndex& search,
                           ArticleStore& articles, DiscoveryStore& discovery,
                           const Clock& clock);

// Without an index: the newest published articles of the same category,
// topped up with the newest elsewhere when the category is thin.
std::vector<Article> NewestInCategory(ArticleStore& store, const Clock& clock,
                                      const Article& article, int limit);

}  // namespace warta::site

#endif  // WARTA_SITE_RELATED_H_
