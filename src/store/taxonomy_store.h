// TaxonomyStore: categories, tags and authors. Part of the Store interface.
// Thread-safe; each write is one transaction.
#ifndef WARTA_STORE_TAXONOMY_STORE_H_
#define WARTA_STORE_TAXONOMY_STORE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "content/article.h"

namespace warta {

// A taxonomy entry with the number of published articles in it.
template <typename T>
struct Counted {
  T item;
  std::int64_t published_count = 0;
};

class TaxonomyStore {
 public:
  virtual ~TaxonomyStore() = default;

  // Creates or updates (by id) a category; its slug must be unique.
  virtual Result<Category> SaveCategory(const Category& category) = 0;
  virtual Result<Category> GetCategoryBySlug(std::string_view slug) = 0;
  // Ordered by name.
  virtual Result<std::vector<Counted<Category>>> ListCategories() = 0;

  virtual Result<Tag> SaveTag(const Tag& tag) = 0;
  virtual Result<Tag> GetTagBySlug(std::string_view slug) = 0;
  virtual Result<std::vector<Counted<Tag>>> ListTags() = 0;
  // Moves every article of tag `from` to tag `into` (in the same position
  // among its tags; an article that had both keeps one) and deletes `from`,
  // whose URL then answers 404. Each article moved counts as changed (a new
  // version, so an editor's open copy cannot bring the old tag back without
  // a conflict; indexes and pages re-read it). NotFound when either tag does
  // not exist, InvalidArgument when they are the same. Returns the number of
  // articles moved.
  virtual Result<std::int64_t> MergeTag(std::int64_t from,
                                        std::int64_t into) = 0;
  // Removes the tag from every article (each counts as changed) and deletes
  // it. Returns the number of articles it was removed from.
  virtual Result<std::int64_t> DeleteTag(std::int64_t id) = 0;

  virtual Result<Author> SaveAuthor(const Author& author) = 0;
  virtual Result<Author> GetAuthorBySlug(std::string_view slug) = 0;
  virtual Result<std::vector<Counted<Author>>> ListAuthors() = 0;
};

}  // namespace warta

#endif  // WARTA_STORE_TAXONOMY_STORE_H_
