// IndexDoc: what the search index keeps of one published article, and how
// it is made from an Article. Plain values; thread-compatible.
#ifndef WARTA_INDEX_DOC_H_
#define WARTA_INDEX_DOC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "content/article.h"

namespace warta::index {

// The three BM25F fields, in position order.
enum Field { kTitle = 0, kExcerpt = 1, kBody = 2, kFieldCount = 3 };

struct IndexDoc {
  std::int64_t article_id = 0;
  Timestamp published_at = 0;
  std::int64_t category_id = 0;  // 0: none
  std::int64_t cluster_id = 0;   // near-duplicate cluster; 0: none
  std::vector<std::int64_t> tag_ids;
  std::vector<std::int64_t> author_ids;
  std::string title;
  // custom_excerpt, or else the lead of the body (its first ~40 words),
  // then the names of its tags and category (one a line).
  std::string excerpt;
  // The rest of the plain text after the lead (all of it when the excerpt
  // is the editor's own).
  std::string body;
};

// The index's view of a published article. `cluster_id` is the article's
// near-duplicate cluster (DiscoveryStore::DuplicateClusterOf; 0: none).
IndexDoc DocFromArticle(const Article& a, std::int64_t cluster_id);

}  // namespace warta::index

#endif  // WARTA_INDEX_DOC_H_
