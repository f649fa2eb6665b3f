// Private to the postgres backend: the PgStore class, split over
// pg_store.cc (open, migrations, pool) and the *_rows.cc files, which follow
// their store/sqlite namesakes statement for statement; the store is
// Rows<PgStore>, which adds the rows code both SQL backends share
// (store/sql/rows.h, instantiated in rows.cc).
#ifndef WARTA_STORE_POSTGRES_SQLITE_STORE_IMPL_H_
#define WARTA_STORE_POSTGRES_SQLITE_STORE_IMPL_H_

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "base/mutex.h"
#include "store/postgres/db.h"
#include "store/postgres/pg_store.h"
#include "store/sql/listing.h"
#include "store/sql/rows.h"

namespace warta::pg {

using sql::kListAll;
using sql::kListAuthor;
using sql::kListCategory;
using sql::kListTag;
using sql::ListKey;
using sql::ListScope;
using sql::ListScopeOf;

class PgStore : public Store, protected sql::RowsHooks<pg::Connection> {
 public:
  // The driver, for Rows<PgStore> (store/sql/rows.h).
  using Connection = pg::Connection;
  using Statement = pg::Statement;
  // The larger of two values, in SQL.
  static constexpr std::string_view kGreatest = "GREATEST";
  // Where reads that need only an article's list columns find them: the
  // row itself (TOAST keeps body, html and plaintext out of line).
  static constexpr std::string_view kCards = "articles";
  // An article's plain text as SQL reads it (stored as text; TOAST
  // compresses it).
  static constexpr std::string_view kPlaintext = "plaintext";
  static std::string JsonArray(const std::vector<std::int64_t>& values) {
    return pg::JsonArray(values);
  }

  PgStore(PgOptions options, const Clock& clock)
      : options_(std::move(options)), clock_(clock) {}
  Status Open();

  // Store
  Result<std::int64_t> ChangeSeq() override;
  int SchemaVersion() const override { return schema_version_; }
  std::string BackendName() const override { return "postgres"; }
  Status RunBatch(const std::function<Status()>& fn) override;
  // A session advisory lock on a connection of its own, held while `fn`
  // runs (released by the server if this node dies).
  Result<bool> RunExclusive(std::string_view name,
                            const std::function<void()>& fn) override;
  // LISTEN/NOTIFY: a write on any node (or by the CLI) wakes the others.
  std::unique_ptr<ChangeWatch> WatchChanges(
      std::function<void()> on_change) override;

  // ArticleStore
  Result<Article> SaveArticle(const Article& article) override;
  Result<Article> GetArticle(std::int64_t id) override;
  Result<Article> GetArticleBySlug(std::string_view slug) override;
  Result<std::int64_t> FindArticleIdByOldSlug(std::string_view slug) override;
  Result<std::optional<Article>> FindArticleByImportKey(
      std::string_view import_key) override;
  Result<std::vector<Article>> ListArticles(const ArticleQuery& q) override;
  Result<std::int64_t> CountArticles(const ArticleQuery& q) override;
  Status DeleteArticle(std::int64_t id) override;
  Result<std::vector<ArticleChange>> ArticleChangesSince(std::int64_t after_seq,
                                                         int limit) override;

  // MaintenanceStore (maintenance.cc)
  Result<std::map<std::string, std::int64_t>> SnapshotTo(
      const std::string& path) override;
  Result<std::vector<std::string>> CheckIntegrity() override;
  Result<std::map<std::string, std::int64_t>> TableCounts() override;
  Result<std::vector<std::string>> MediaReferences() override;

  // DiscoveryStore (discovery_rows.cc)
  Result<std::vector<Article>> ScanPublishedArticles(std::int64_t after_id,
                                                     int limit) override;
  Status SaveDuplicateSignature(
      const DuplicateSignature& signature,
      const std::vector<std::int64_t>& band_keys) override;
  Status RemoveDuplicateSignature(std::int64_t article_id) override;
  Result<std::vector<DuplicateSignature>> FindDuplicateCandidates(
      const std::vector<std::int64_t>& band_keys,
      std::int64_t exclude_article_id) override;
  Result<std::vector<std::int64_t>> DuplicateClusterMembers(
      std::int64_t cluster_id) override;
  Status MoveDuplicateCluster(std::int64_t from, std::int64_t to) override;
  Result<std::int64_t> DuplicateClusterOf(std::int64_t article_id) override;
  // PostgreSQL writes band rows at once: nothing is ever pending.
  void DeferBandRows() override {}
  Status CompleteBandRows() override { return Status::Ok(); }

  // RevisionStore (article_rows.cc)
  Result<Article> SaveArticleWithRevision(const Article& article,
                                          const Revision* revision,
                                          const ReviewChange* review) override;
  // AddRevision, ListRevisions, GetRevision: Rows (store/sql).

  // EditorialStore (editorial_rows.cc)
  Status TrashArticle(std::int64_t id, Timestamp now) override;
  Status RestoreArticle(std::int64_t id) override;
  Result<Article> GetTrashedArticle(std::int64_t id) override;
  Result<std::vector<MediaUse>> ListMediaUses(const std::string& q,
                                              int limit) override;
  Result<std::map<std::int64_t, Workflow>> GetWorkflows(
      const std::vector<std::int64_t>& ids) override;
  Result<bool> PublishScheduled(std::int64_t id, std::int64_t version,
                                Timestamp now,
                                const Revision* revision) override;
  Result<std::map<std::string, std::string>> LoadSettings() override;
  Status SaveSettings(
      const std::map<std::string, std::string>& settings) override;

  // TaxonomyStore, LiveUpdateStore, HomeStore, ReaderStore, UserStore,
  // WireStore and the sitemap reads of DistributionStore: Rows<PgStore>
  // (store/sql).

  // MediaStore
  bool KeepsMedia() const override { return true; }
  Status PutMediaFiles(const std::vector<MediaFile>& files) override;
  Result<std::string> GetMedia(const std::string& path) override;

  // DistributionStore, stored feeds (stored_feed_rows.cc)
  Result<std::int64_t> FeedVersion(const FeedScope& scope) override;
  Result<std::optional<StoredFeed>> GetStoredFeed(
      std::string_view key) override;
  Status PutStoredFeeds(const std::vector<StoredFeed>& feeds) override;
  Result<std::optional<Timestamp>> NextFeedItemTime(const FeedScope& scope,
                                                    Timestamp after) override;

 protected:
  // A reader connection borrowed from the pool for one call.
  // Inside this thread's batch it is the writer (which sees the batch).
  class Reader {
   public:
    Reader(PgStore* store, std::unique_ptr<Connection> c)
        : store_(store), c_(std::move(c)), raw_(c_.get()) {}
    explicit Reader(Connection* batch_writer)
        : store_(nullptr), raw_(batch_writer) {}
    ~Reader() {
      if (c_) store_->ReturnReader(std::move(c_));
    }
    Connection& operator*() { return *raw_; }
    Connection* operator->() { return raw_; }

   private:
    PgStore* store_;
    std::unique_ptr<Connection> c_;
    Connection* raw_;
  };
  Result<std::unique_ptr<Reader>> BorrowReader();
  void ReturnReader(std::unique_ptr<Connection> c);
  int MaxReaders() const;
  // Takes the change_seq row lock first, so writes of every node run one
  // at a time and log their changes at the seq they will commit.
  Status LockChangeSeq(Connection& c);
  // Reconnects the writer when its connection was lost (under write_mu_).
  Status EnsureWriter();

  // Runs `fn(writer)` in a write transaction that also bumps change_seq.
  // Inside this thread's RunBatch, a savepoint of the batch's transaction.
  template <typename Fn>
  Status Write(Fn&& fn) {
    auto body = [&]() -> Status {
      pending_keys_.clear();
      WARTA_RETURN_IF_ERROR(LockChangeSeq(*writer_));
      WARTA_RETURN_IF_ERROR(fn(*writer_));
      WARTA_RETURN_IF_ERROR(FinishWrite(*writer_));
      return BumpChangeSeq(*writer_).status();
    };
    if (InBatchHere()) return InSavepoint(*writer_, body);
    std::lock_guard<std::mutex> lock(write_mu_);
    WARTA_RETURN_IF_ERROR(EnsureWriter());
    return InTransaction(*writer_, body);
  }
  // Runs `fn(writer)` in a write transaction that leaves change_seq alone:
  // for writes no page shows (accounts, sessions, tokens).
  template <typename Fn>
  Status WriteQuiet(Fn&& fn) {
    auto body = [&]() -> Status { return fn(*writer_); };
    if (InBatchHere()) return InSavepoint(*writer_, body);
    std::lock_guard<std::mutex> lock(write_mu_);
    WARTA_RETURN_IF_ERROR(EnsureWriter());
    return InTransaction(*writer_, body);
  }
  // True on the thread running RunBatch, while it runs (batch_rows.cc).
  bool InBatchHere() const;
  // The triggers keep the upkeep of every write, batched or not (the
  // upkeep in code of store/sql/listing_rows.h and RetireTag is SQLite's,
  // migrations 059 and 066).
  static constexpr bool DefersUpkeepHere() { return false; }
  static void DeferCountRow(int, std::int64_t, std::int64_t, bool, int) {}
  static std::pair<std::int64_t, std::int64_t> PendingCountDelta(int,
                                                                 std::int64_t) {
    return {0, 0};
  }
  static Status TagLinksCopied(Connection&, std::int64_t) {
    return Status::Ok();
  }
  // Bumps change_seq; returns the new value.
  Result<std::int64_t> BumpChangeSeq(Connection& c);
  // Records that `article_id` changed in the current write transaction.
  Status LogArticleChange(Connection& c, std::int64_t article_id);
  Status Migrate();

  // Articles by id, in the order given; missing ones are left out.
  Result<std::vector<Article>> LoadArticlesByIds(
      Connection& c, const std::vector<std::int64_t>& ids, bool with_body,
      bool with_links);

  // Rows (article_rows.cc, taxonomy_rows.cc). Work on the given connection.
  using ArticleKey = std::variant<std::int64_t, std::string_view>;
  Result<Article> LoadArticle(Connection& c, std::string_view where,
                              ArticleKey key);
  Status LoadArticleLinks(Connection& c, std::vector<Article>& articles);
  // Logs a change of every member of `cluster_id` (discovery_rows.cc).
  Status LogClusterChange(Connection& c, std::int64_t cluster_id);
  Result<std::string> UniqueSlug(Connection& c, const std::string& wanted,
                                 std::int64_t self_id);
  Status WriteArticleLinks(Connection& c, std::int64_t id, const Article& a);
  // Inserts (id == 0, then set) or updates the article row and its links.
  Status WriteArticleRow(Connection& c, const Article& in,
                         const std::string& wanted_slug, std::int64_t& id);

  PgOptions options_;
  const Clock& clock_;
  int schema_version_ = 0;
  // Not a Mutex: RunBatch holds it for the whole batch and the writes inside
  // find it held by their thread (InBatchHere), which the analysis of
  // base/thread_annotations.h cannot follow.
  std::mutex write_mu_;
  std::set<std::string> pending_keys_;  // guarded by write_mu_
  std::set<std::string> batch_keys_;    // guarded by write_mu_
  std::unique_ptr<Connection> writer_;
  // The thread inside RunBatch (it holds write_mu_), else a default id.
  std::atomic<std::thread::id> batch_thread_{};
  // Reader connections: idle ones in readers_, at most options_.connections
  // - 1 open at once (the writer is the last one); a read waits for a free
  // one, up to the statement timeout.
  Mutex pool_mu_;
  CondVar pool_cv_;
  std::vector<std::unique_ptr<Connection>> readers_ GUARDED_BY(pool_mu_);
  int readers_open_ GUARDED_BY(pool_mu_) = 0;  // idle and borrowed
};

}  // namespace warta::pg

namespace warta::sql {
// The final store class; instantiated in rows.cc.
extern template class Rows<pg::PgStore>;
}  // namespace warta::sql

#endif  // WARTA_STORE_POSTGRES_SQLITE_STORE_IMPL_H_
