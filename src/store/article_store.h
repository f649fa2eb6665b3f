// ArticleStore: durable storage of articles. Part of the Store interface
// (store/store.h); implementations live in store/sqlite and store/postgres.
// All methods are thread-safe; each write is one transaction.
#ifndef WARTA_STORE_ARTICLE_STORE_H_
#define WARTA_STORE_ARTICLE_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "content/article.h"

namespace warta {

struct ArticleQuery {
  std::optional<ArticleStatus> status;  // nullopt: any status
  std::int64_t category_id = 0;         // 0: any
  std::int64_t tag_id = 0;              // 0: any
  std::int64_t author_id = 0;           // 0: any
  std::vector<std::int64_t> exclude_ids;
  std::optional<Timestamp> published_after;   // published_at >= this
  std::optional<Timestamp> published_before;  // published_at <= this
  enum class Order { kNewest, kOldest, kRecentlyUpdated };
  Order order = Order::kNewest;  // by published_at (then id), or updated_at
  int limit = 20;                // at most 1000
  int offset = 0;
  // Lists rarely need body, html and the whole plaintext: by default they
  // carry only the first 400 characters of plaintext (for excerpts).
  bool with_body = false;
  // Lists of cards (the public pages: a card shows neither) set this false
  // to leave authors and tags out: two index reads fewer per article.
  bool with_links = true;
  // Shows one article per near-duplicate cluster (store/discovery_store.h):
  // an article is left out when an earlier member of its cluster (by
  // published_at, then id) matches the same filters, exclude_ids aside.
  bool one_per_duplicate_cluster = false;
  // Admin lists (the newsroom): the trash instead of live articles; a
  // case-insensitive title substring; a review state ("submitted",
  // "returned"); articles a user owns (created, or bylined as the author).
  bool trashed = false;
  std::string title_contains;
  std::string review_state;
  std::int64_t owner_user_id = 0;    // 0: anyone's
  std::int64_t owner_author_id = 0;  // with owner_user_id
};

// An article's plain text (Article::plaintext) by id.
struct ArticleText {
  std::int64_t id = 0;
  std::string plaintext;
};

// One entry of the change log: article `article_id` was created, updated or
// deleted by the write numbered `seq` (see ChangeStore::ChangeSeq).
struct ArticleChange {
  std::int64_t seq = 0;
  std::int64_t article_id = 0;
  Timestamp changed_at = 0;
};

class ArticleStore {
 public:
  virtual ~ArticleStore() = default;

  // Creates (id == 0) or updates (id != 0) an article with its category, tags,
  // authors and editor. Taxonomy entries with id 0 are found by slug of their
  // name or created. On create the slug is made unique by appending "-2",
  // "-3", ...; on update a changed slug keeps the old one as a redirect.
  // Updates require article.version to equal the stored version
  // (kConflict otherwise, nothing written). Returns the stored article with
  // its new id, slug and version.
  virtual Result<Article> SaveArticle(const Article& article) = 0;

  // kNotFound when absent.
  virtual Result<Article> GetArticle(std::int64_t id) = 0;
  virtual Result<Article> GetArticleBySlug(std::string_view slug) = 0;

  // The article that used to have `slug` (renamed since), or kNotFound.
  virtual Result<std::int64_t> FindArticleIdByOldSlug(
      std::string_view slug) = 0;

  // The article imported from `import_key`, or nullopt.
  virtual Result<std::optional<Article>> FindArticleByImportKey(
      std::string_view import_key) = 0;

  virtual Result<std::vector<Article>> ListArticles(const ArticleQuery& q) = 0;
  // The articles among `ids` that exist and are not in the trash, in the
  // order of `ids`, of any status, as lists carry them (without body and
  // html, the first 400 characters of plaintext) with their category and
  // editor, without authors and tags (with_links false): a page's cards in
  // one read. At most 1000 ids.
  virtual Result<std::vector<Article>> ListArticlesById(
      const std::vector<std::int64_t>& ids) = 0;
  // The plain text of each of `ids` that exists and is not in the trash, in
  // the order of `ids`, without the rest of the article: what search
  // snippets read beside the cards. At most 1000 ids.
  virtual Result<std::vector<ArticleText>> ListPlaintextsById(
      const std::vector<std::int64_t>& ids) = 0;
  // Ignores limit, offset and order.
  virtual Result<std::int64_t> CountArticles(const ArticleQuery& q) = 0;

  // Removes an article for good (its tags/authors links and old slugs too).
  virtual Status DeleteArticle(std::int64_t id) = 0;

  // Articles changed by writes numbered above `after_seq`, oldest first, at
  // most `limit`; an article changed twice appears once, at its last seq.
  // Readers look the article up to learn its state (kNotFound: deleted).
  virtual Result<std::vector<ArticleChange>> ArticleChangesSince(
      std::int64_t after_seq, int limit) = 0;
};

}  // namespace warta

#endif  // WARTA_STORE_ARTICLE_STORE_H_
