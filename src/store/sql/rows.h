// Rows<Core>: the store methods whose logic is the same on both SQL
// backends, written once. Core is a backend's store class (sqlite::
// SqliteStore, pg::PgStore), which keeps what differs: the driver
// (Core::Connection and Core::Statement, one interface over sqlite3 and
// libpq; SQL is written in SQLite's dialect and the PostgreSQL driver
// translates it), the connection pool (BorrowReader), write transactions
// (Write, WriteQuiet: change_seq, page keys, batches, locks), and the
// methods whose SQL or steps differ. The backend's final store class is
// Rows<Core>, explicitly instantiated once in its rows.cc, which also
// includes the definitions (store/sql/*_rows.h; no other file includes
// those). Only the two backends include this file. Thread-safe as Core is.
#ifndef WARTA_STORE_SQL_ROWS_H_
#define WARTA_STORE_SQL_ROWS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "store/sql/listing.h"
#include "store/store.h"

namespace warta::sql {

// What a backend's own code calls of Rows (its write transactions, article
// writes and reads): Core derives from RowsHooks<Connection>, and Rows<Core>
// implements each hook.
template <typename Connection>
class RowsHooks {
 public:
  virtual ~RowsHooks() = default;

 protected:
  // Listing upkeep and page keys (listing_rows.h). FinishWrite relists the
  // articles the current write logged and records its page keys; call it
  // last in a Write. NoteChangedKey adds a key to the current write.
  virtual Status FinishWrite(Connection& c) = 0;
  virtual void NoteChangedKey(std::string key) = 0;
  // Records the keys of a batch's writes, at its end (inside its
  // transaction).
  virtual Status RecordBatchKeys(Connection& c) = 0;
  virtual Result<std::vector<Article>> ListListed(const ListScope& scope,
                                                  const ArticleQuery& q) = 0;
  virtual Result<std::int64_t> CountListed(const ListScope& scope,
                                           const ArticleQuery& q) = 0;
  // Appends `rev` for article `id` at the article's current version;
  // `applied`: the revision is the article's content (not kept beside it)
  // (revision_rows.h).
  virtual Status InsertRevision(Connection& c, std::int64_t id,
                                const Revision& rev, bool applied) = 0;
  // The id of the taxonomy entry named, made when new (taxonomy_rows.h).
  virtual Result<std::int64_t> ResolveCategory(Connection& c,
                                               const Category& cat) = 0;
  virtual Result<std::int64_t> ResolveTag(Connection& c, const Tag& tag) = 0;
  virtual Result<std::int64_t> ResolveAuthor(Connection& c,
                                             const Author& author) = 0;
  // Sets a live article's review state inside the current write
  // (review_rows.h); NotFound when absent or trashed.
  virtual Status WriteReviewState(Connection& c, std::int64_t id,
                                  const ReviewChange& review) = 0;
};

template <typename Core>
class Rows final : public Core {
 public:
  using Core::Core;

  // ArticleStore, cards by id (listing_rows.h)
  Result<std::vector<Article>> ListArticlesById(
      const std::vector<std::int64_t>& ids) override;
  // ArticleStore, search snippets' text by id (listing_rows.h)
  Result<std::vector<ArticleText>> ListPlaintextsById(
      const std::vector<std::int64_t>& ids) override;

  // ChangeStore (listing_rows.h)
  Result<PageChanges> PageChangesSince(std::int64_t after_seq,
                                       int limit) override;

  // EditorialStore (review_rows.h)
  Status SetReviewState(std::int64_t id, const std::string& state,
                        const std::string& note, std::int64_t by = 0) override;

  // TaxonomyStore (taxonomy_rows.h)
  Result<Category> SaveCategory(const Category& category) override;
  Result<Category> GetCategoryBySlug(std::string_view slug) override;
  Result<std::vector<Counted<Category>>> ListCategories() override;
  Result<Tag> SaveTag(const Tag& tag) override;
  Result<Tag> GetTagBySlug(std::string_view slug) override;
  Result<std::vector<Counted<Tag>>> ListTags() override;
  Result<std::int64_t> MergeTag(std::int64_t from, std::int64_t into) override;
  Result<std::int64_t> DeleteTag(std::int64_t id) override;
  Result<Author> SaveAuthor(const Author& author) override;
  Result<Author> GetAuthorBySlug(std::string_view slug) override;
  Result<std::vector<Counted<Author>>> ListAuthors() override;

  // DiscoveryStore (discovery_rows.h)
  Result<bool> HasDuplicateSignatures() override;
  Result<std::vector<DuplicateSignature>> DuplicateSignaturesOf(
      const std::vector<std::int64_t>& article_ids) override;

  // LiveUpdateStore (live_update_rows.h)
  Result<LiveUpdate> AddLiveUpdate(std::int64_t article_id,
                                   std::string_view body,
                                   std::int64_t user_id) override;
  Result<std::vector<LiveUpdate>> ListLiveUpdates(std::int64_t article_id,
                                                  int limit) override;
  Status DeleteLiveUpdate(std::int64_t article_id,
                          std::int64_t update_id) override;

  // HomeStore (home_rows.h)
  Result<HomePins> GetHomePins() override;
  Status SetHomePins(const HomePins& pins) override;

  // ReaderStore (reader_rows.h)
  Status AddViews(Timestamp hour,
                  const std::vector<std::pair<std::string, std::int64_t>>&
                      by_slug) override;
  Result<std::vector<PopularArticle>> ListPopular(Timestamp since,
                                                  int limit) override;
  Result<std::map<std::int64_t, ArticleViews>> GetArticleViews(
      const std::vector<std::int64_t>& ids, Timestamp day_start,
      Timestamp week_start) override;
  Status PruneViews(Timestamp before) override;
  Result<std::vector<CorrectionEntry>> ListCorrections(Timestamp before,
                                                       int limit,
                                                       int offset) override;
  Result<WithdrawnArticle> FindWithdrawn(std::string_view slug) override;

  // UserStore (user_rows.h)
  Result<User> AddUser(const User& user) override;
  Result<User> AddFirstUser(const User& user) override;
  Result<User> UpdateUser(const User& user) override;
  Result<User> GetUser(std::int64_t id) override;
  Result<User> GetUserByEmail(std::string_view email) override;
  Result<std::vector<User>> ListUsers() override;
  Result<std::int64_t> CountUsers() override;
  Status AddSession(const Session& session) override;
  Result<Session> GetSession(std::string_view token_hash) override;
  Status DeleteSession(std::string_view token_hash) override;
  Status DeleteUserSessions(std::int64_t user_id,
                            std::string_view keep_hash) override;
  Status DeleteExpiredSessions(Timestamp now) override;
  Result<ApiToken> AddApiToken(const ApiToken& token) override;
  Result<ApiToken> GetApiTokenByHash(std::string_view token_hash) override;
  Result<ApiToken> GetApiToken(std::int64_t id) override;
  Result<std::vector<ApiToken>> ListApiTokens(std::int64_t user_id) override;
  Status RevokeApiToken(std::int64_t id, Timestamp now) override;
  Status TouchApiToken(std::int64_t id, Timestamp now) override;
  Status AddLoginFailure(std::string_view key, Timestamp at,
                         Timestamp forget_before) override;
  Result<std::vector<Timestamp>> ListLoginFailures(std::string_view key,
                                                   Timestamp since,
                                                   int limit) override;
  Status ClearLoginFailures(std::string_view key) override;

  // RevisionStore but SaveArticleWithRevision (revision_rows.h)
  Status AddRevision(std::int64_t article_id,
                     const Revision& revision) override;
  Result<std::vector<Revision>> ListRevisions(std::int64_t article_id,
                                              int limit,
                                              bool with_data) override;
  Result<Revision> GetRevision(std::int64_t revision_id) override;

  // DistributionStore, sitemaps and robots.txt (distribution_rows.h)
  Result<std::vector<SitemapArticle>> ListSitemapArticles(
      const SitemapQuery& q) override;
  Result<std::vector<SitemapMonth>> ListSitemapMonths() override;
  Result<std::vector<TaxonomyLastmod>> ListTaxonomyLastmod(
      TaxonomyKind kind, std::int64_t after_id, int limit) override;
  Result<std::int64_t> CountTaxonomyLastmod(TaxonomyKind kind) override;
  Result<std::vector<std::string>> ListNoAiSlugs(int limit) override;
  Result<std::vector<std::int64_t>> ListNewestLinkedArticleIds(
      TaxonomyKind kind, std::int64_t id, Timestamp before, int limit) override;

  // MediaStore, the library's listing (media_rows.h)
  Result<std::vector<MediaStore::StoredMedia>> ListRecentMedia(
      int limit) override;

  // WireStore (wire_rows.h)
  Result<std::optional<WireItem>> FindWireItem(
      std::string_view feed, std::string_view item_key) override;
  Result<std::optional<WireItem>> FindWireItemByFingerprint(
      std::string_view fingerprint) override;
  Status SaveWireItem(const WireItem& item) override;
  Status RecordWireFetch(const WireFetch& fetch) override;
  Result<WireValidators> GetWireValidators(std::string_view feed,
                                           std::string_view source) override;
  Result<std::vector<WireFeedStatus>> ListWireFeeds() override;

 private:
  // What the shared rows use of their backend.
  using Connection = typename Core::Connection;
  using Statement = typename Core::Statement;
  using Core::batch_keys_;
  using Core::PendingCountDelta;
  using Core::BorrowReader;
  using Core::clock_;
  using Core::DeferCountRow;
  using Core::DefersUpkeepHere;
  using Core::InBatchHere;
  using Core::JsonArray;
  using Core::LoadArticlesByIds;
  using Core::LogArticleChange;
  using Core::pending_keys_;
  using Core::TagLinksCopied;
  using Core::Write;
  using Core::write_mu_;
  using Core::WriteQuiet;
  using Core::writer_;

  Result<User> InsertUser(Connection& c, const User& user);
  Status InsertRevision(Connection& c, std::int64_t id, const Revision& rev,
                        bool applied) override;
  Result<std::int64_t> ResolveCategory(Connection& c,
                                       const Category& cat) override;
  Result<std::int64_t> ResolveTag(Connection& c, const Tag& tag) override;
  Result<std::int64_t> ResolveAuthor(Connection& c,
                                     const Author& author) override;
  Status WriteReviewState(Connection& c, std::int64_t id,
                          const ReviewChange& review) override;
  // Takes tag `from` off its articles (onto `into` unless 0) and deletes it.
  Result<std::int64_t> RetireTag(Connection& c, std::int64_t from,
                                 std::int64_t into);

  // The lists kept at write time and the page keys of writes
  // (listing_rows.h); Core calls the overrides.
  Status FinishWrite(Connection& c) override;
  void NoteChangedKey(std::string key) override;
  Status RecordBatchKeys(Connection& c) override;
  Result<std::vector<Article>> ListListed(const ListScope& scope,
                                          const ArticleQuery& q) override;
  Result<std::int64_t> CountListed(const ListScope& scope,
                                   const ArticleQuery& q) override;
  Status Relist(Connection& c, const std::vector<std::int64_t>& ids,
                std::set<std::string>& keys);
  Status RecordKeys(Connection& c, std::set<std::string> keys,
                    std::size_t max_keys, int seq_offset);
};

}  // namespace warta::sql

#endif  // WARTA_STORE_SQL_ROWS_H_
