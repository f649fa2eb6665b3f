// Private to the sqlite backend: the SqliteStore class, split over
// sqlite_store.cc (open, migrations, pool) and the *_rows.cc files; the
// store is Rows<SqliteStore>, which adds the rows code both SQL backends
// share (store/sql/rows.h, instantiated in rows.cc).
#ifndef WARTA_STORE_SQLITE_SQLITE_STORE_IMPL_H_
#define WARTA_STORE_SQLITE_SQLITE_STORE_IMPL_H_

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
#include "store/sql/listing.h"
#include "store/sql/rows.h"
#include "store/sqlite/batch_upkeep.h"
#include "store/sqlite/checkpointer.h"
#include "store/sqlite/db.h"
#include "store/sqlite/sqlite_store.h"

namespace warta::sqlite {

using sql::kListAll;
using sql::kListAuthor;
using sql::kListCategory;
using sql::kListTag;
using sql::ListKey;
using sql::ListScope;
using sql::ListScopeOf;

// Records each file below `media_dir` (DATA/media; nothing when empty or
// absent) in the media rows, with its modification time: the data half of
// migration 060, run in its transaction (media_rows.cc).
Status RecordMediaOnDisk(sqlite::Connection& c, const std::string& media_dir);

class SqliteStore : public Store, protected sql::RowsHooks<sqlite::Connection> {
 public:
  // The driver, for Rows<SqliteStore> (store/sql/rows.h).
  using Connection = sqlite::Connection;
  using Statement = sqlite::Statement;
  // The larger of two values, in SQL.
  static constexpr std::string_view kGreatest = "MAX";
  // The table with each article's list columns without its body
  // (migration 061): a read that needs only those reads no overflow pages.
  static constexpr std::string_view kCards = "article_cards";
  // An article's plain text as SQL reads it: it may be packed against the
  // body (derived_text.h).
  static constexpr std::string_view kPlaintext =
      "derived_text(body, plaintext)";
  static std::string JsonArray(const std::vector<std::int64_t>& values) {
    return sqlite::JsonArray(values);
  }

  SqliteStore(SqliteOptions options, const Clock& clock)
      : options_(std::move(options)), clock_(clock), waiters_(options_.path) {}
  Status Open();

  // Store
  Result<std::int64_t> ChangeSeq() override;
  int SchemaVersion() const override { return schema_version_; }
  std::string BackendName() const override { return "sqlite"; }
  Status RunBatch(const std::function<Status()>& fn) override;
  Status RunWholeBatch(const std::function<Status()>& fn) override;
  bool WritersWaiting() override;
  std::chrono::nanoseconds YieldToWaitingWriters() override;
  // The longest YieldToWaitingWriters waits.
  static constexpr std::chrono::milliseconds kYieldLimit{200};
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
  void DeferBandRows() override;
  Status CompleteBandRows() override;

  // RevisionStore (article_rows.cc)
  Result<Article> SaveArticleWithRevision(const Article& article,
                                          const Revision* revision,
                                          const ReviewChange* review) override;
  // AddRevision, ListRevisions, GetRevision: Rows (store/sql).

  // EditorialStore (editorial_rows.cc)
  Status TrashArticle(std::int64_t id, Timestamp now) override;
  Status RestoreArticle(std::int64_t id) override;
  Result<Article> GetTrashedArticle(std::int64_t id) override;
  Result<std::map<std::int64_t, Workflow>> GetWorkflows(
      const std::vector<std::int64_t>& ids) override;
  Result<bool> PublishScheduled(std::int64_t id, std::int64_t version,
                                Timestamp now,
                                const Revision* revision) override;
  Result<std::vector<MediaUse>> ListMediaUses(const std::string& q,
                                              int limit) override;
  Result<std::map<std::string, std::string>> LoadSettings() override;
  Status SaveSettings(
      const std::map<std::string, std::string>& settings) override;

  // TaxonomyStore, LiveUpdateStore, HomeStore, ReaderStore, UserStore,
  // WireStore, the sitemap reads of DistributionStore and the media
  // library's listing: Rows<SqliteStore> (store/sql).

  // MediaStore: the row of each upload (media_rows.cc)
  Status PutMediaFiles(const std::vector<MediaFile>& files) override;

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
    Reader(SqliteStore* store, std::unique_ptr<Connection> c)
        : store_(store), c_(std::move(c)), raw_(c_.get()) {}
    explicit Reader(Connection* batch_writer)
        : store_(nullptr), raw_(batch_writer) {}
    ~Reader() {
      if (c_) store_->ReturnReader(std::move(c_));
    }
    Connection& operator*() { return *raw_; }
    Connection* operator->() { return raw_; }

   private:
    SqliteStore* store_;
    std::unique_ptr<Connection> c_;
    Connection* raw_;
  };
  Result<std::unique_ptr<Reader>> BorrowReader();
  // FindDuplicateCandidates's reads, on `c`.
  Result<std::vector<DuplicateSignature>> FindDuplicateCandidatesIn(
      Connection& c, const std::vector<std::int64_t>& bands,
      std::int64_t exclude);
  void ReturnReader(std::unique_ptr<Connection> c);

  // Runs `fn(writer)` in a write transaction that also bumps change_seq.
  // Inside this thread's RunBatch, a savepoint of the batch's transaction.
  template <typename Fn>
  Status Write(Fn&& fn) {
    return WriteIfShown([&](Connection& c) -> Result<bool> {
      WARTA_RETURN_IF_ERROR(fn(c));
      return true;
    });
  }
  // Write for `fn(writer)` returning whether it changed anything a page,
  // list or index shows (Result<bool>): when not, nothing is logged and
  // change_seq stays, as in WriteQuiet.
  template <typename Fn>
  Status WriteIfShown(Fn&& fn) {
    auto body = [&]() -> Status {
      pending_keys_.clear();
      WARTA_ASSIGN_OR_RETURN(bool shown, fn(*writer_));
      if (!shown) return WriteUpkeep();
      WARTA_RETURN_IF_ERROR(FinishWrite(*writer_));
      WARTA_RETURN_IF_ERROR(WriteUpkeep());
      return BumpChangeSeq(*writer_).status();
    };
    return RunWrite(body);
  }
  // Runs `fn(writer)` in a write transaction that leaves change_seq alone:
  // for writes no page shows (accounts, sessions, tokens).
  template <typename Fn>
  Status WriteQuiet(Fn&& fn) {
    auto body = [&]() -> Status {
      WARTA_RETURN_IF_ERROR(fn(*writer_));
      return WriteUpkeep();
    };
    return RunWrite(body);
  }
  // Runs a write's `body`: in this thread's batch (InBatch), else in a
  // transaction of its own under the write lock, its sums starting empty.
  template <typename Body>
  Status RunWrite(Body& body) {
    if (InBatchHere()) return InBatch(body);
    std::lock_guard<std::mutex> lock(write_mu_);
    write_upkeep_.Clear();
    return InTransaction(*writer_, body);
  }
  // Outside a batch, writes the sums of the write in progress (its insert
  // upkeep, migration 066) before its transaction commits; in a batch they
  // join the batch's, written when it ends.
  Status WriteUpkeep() {
    if (InBatchHere()) return Status::Ok();
    Status s = write_upkeep_.WriteTo(*writer_);
    write_upkeep_.Clear();
    return s;
  }
  // One write inside this thread's batch: in a savepoint of its own (a
  // failure rolls back this write alone), or in a whole batch
  // (RunWholeBatch) without one (a failure dooms the batch, and later
  // writes of the batch fail at once). Its upkeep sums join the batch's
  // when it succeeds.
  template <typename Fn>
  Status InBatch(Fn&& body) {
    if (!batch_failure_.ok()) return batch_failure_;
    auto counted = [&]() -> Status {
      write_upkeep_.Clear();
      return body();
    };
    Status s = batch_whole_ ? counted() : InSavepoint(*writer_, counted);
    if (s.ok()) {
      batch_upkeep_.Merge(std::move(write_upkeep_));
    } else if (batch_whole_) {
      batch_failure_ = s;
    } else {
      bands_marked_ = false;  // the mark may have gone with the savepoint
    }
    write_upkeep_.Clear();
    return s;
  }
  // The sums of the write in progress: what the upkeep triggers of an
  // inserted article, link or listing row did before migration 066 (every
  // write), and in a batch the counts of deleted listing rows too (their
  // trigger stands aside there, 059). Written when the write ends
  // (WriteUpkeep), or when the batch ends (a whole batch's go straight
  // into the batch's: it fails whole). Only under write_mu_.
  BatchUpkeep* Upkeep() {
    return InBatchHere() && batch_whole_ ? &batch_upkeep_ : &write_upkeep_;
  }
  // Whether this thread's writes leave the upkeep of their deleted listing
  // rows to the batch's end (in a batch: the triggers of migration 059
  // stand aside); inserted rows are always counted in code (066), with
  // DeferCountRow (store/sql/listing_rows.h).
  bool DefersUpkeepHere() const { return InBatchHere(); }
  void DeferCountRow(int kind, std::int64_t subject, std::int64_t published_at,
                     bool hidden, int sign) {
    Upkeep()->CountRow(kind, subject, published_at, hidden, sign);
  }
  // The (n, shown) this thread's write (and batch) has yet to add to a
  // list's listing_counts row.
  std::pair<std::int64_t, std::int64_t> PendingCountDelta(
      int kind, std::int64_t subject) {
    auto [wn, wshown] = write_upkeep_.CountDelta(kind, subject);
    if (!InBatchHere()) return {wn, wshown};
    auto [n, shown] = batch_upkeep_.CountDelta(kind, subject);
    return {n + wn, shown + wshown};
  }
  // After `RetireTag` copied links into `tag`: what the insert triggers of
  // those rows did before migration 066 (feed version, lastmod), into the
  // write's sums.
  Status TagLinksCopied(Connection& c, std::int64_t tag);
  // Runs a batch (batch_rows.cc); `whole`: see RunWholeBatch.
  Status RunBatchIn(const std::function<Status()>& fn, bool whole);
  // True on the thread running RunBatch, while it runs (batch_rows.cc).
  bool InBatchHere() const;
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
  // Whether new band rows go to the recent table (recent_bands_from_article;
  // band_merge.cc).
  Result<bool> BandsGoToRecent(Connection& c);
  // An article's band rows into the recent or the big band table.
  Status InsertBandRows(Connection& c, bool to_recent, std::int64_t article_id,
                        const std::vector<std::int64_t>& bands);
  // Deletes the article's band rows, whose keys are `band_keys` (a JSON
  // array, as article_signatures.band_keys holds), from both tables by their
  // full key (band_merge.cc).
  Status DeleteBandRows(Connection& c, std::int64_t article_id,
                        const std::string& band_keys);
  // Moves the next slice of the band-key space from the recent band table
  // into the big one, sized by band_rows_pending_ (band_merge.cc). On the
  // writer, in its write transaction.
  Status MergeBandSlice(Connection& c);
  // Band rows left pending (DeferBandRows; pending_bands.cc). The mark's
  // value, read on `c`: 0 when none are pending.
  Result<std::int64_t> BandRowsPending(Connection& c);
  // Sets the mark in the write in progress (once a transaction).
  Status MarkBandRowsPending(Connection& c);
  // When the mark is set: every signature's band rows not in the tables,
  // sorted by key, into the big table, and the mark cleared; deferring ends.
  // On the writer, in its write transaction.
  Status WritePendingBandRows(Connection& c);
  // Logs a change of every member of `cluster_id` (discovery_rows.cc).
  Status LogClusterChange(Connection& c, std::int64_t cluster_id);
  Result<std::string> UniqueSlug(Connection& c, const std::string& wanted,
                                 std::int64_t self_id);
  // Replaces the article's author and tag links; `feed_at` is the links'
  // feed_at (the article's published_at while it is published, else null);
  // `fresh`: the article row was inserted by this write (it has no links).
  // Appends the ids of the links written, in order, to `saved`'s authors
  // and tags.
  Status WriteArticleLinks(Connection& c, std::int64_t id, const Article& a,
                           std::optional<Timestamp> feed_at,
                           Timestamp updated_at, bool fresh, Article& saved);
  // Inserts (id == 0, then set) or updates the article row and its links;
  // `saved` becomes the article as GetArticle(id) reads it afterwards.
  Status WriteArticleRow(Connection& c, const Article& in,
                         const std::string& wanted_slug, std::int64_t& id,
                         Article& saved);
  // Fills in the stored slug, name (and description, bio) of `a`'s
  // category, editor, authors and tags, known by id; drops those not found.
  Status LoadTaxonomyNames(Connection& c, Article& a);

  SqliteOptions options_;
  const Clock& clock_;
  int schema_version_ = 0;
  // Not a Mutex: RunBatch holds it for the whole batch and the writes inside
  // find it held by their thread (InBatchHere), which the analysis of
  // base/thread_annotations.h cannot follow.
  std::mutex write_mu_;
  std::set<std::string> pending_keys_;  // guarded by write_mu_
  std::set<std::string> batch_keys_;    // guarded by write_mu_
  // Upkeep sums of the batch's committed writes and of the write in
  // progress (guarded by write_mu_).
  BatchUpkeep batch_upkeep_;
  BatchUpkeep write_upkeep_;
  bool batch_whole_ = false;  // guarded by write_mu_
  // A whole batch's first failed write (guarded by write_mu_).
  Status batch_failure_;
  std::unique_ptr<Connection> writer_;
  std::unique_ptr<Checkpointer> checkpointer_;  // after writer_: ends first
  // The thread inside RunBatch (it holds write_mu_), else a default id.
  std::atomic<std::thread::id> batch_thread_{};
  bool batch_cache_set_ = false;  // the writer's cache grown for batches
  // Band rows this process added to the recent band table since its last
  // merge, and where its next slice starts in the unsigned key space
  // (band_merge.cc; guarded by write_mu_).
  std::int64_t band_rows_pending_ = 0;
  std::uint64_t band_merge_at_ = 0;
  // DeferBandRows: this batch's saves leave their band rows out; the write
  // transaction in progress has set the pending mark (pending_bands.cc;
  // guarded by write_mu_).
  bool defer_bands_ = false;
  bool bands_marked_ = false;
  Mutex pool_mu_;
  std::vector<std::unique_ptr<Connection>> readers_ GUARDED_BY(pool_mu_);
  // Never raised: YieldToWaitingWriters reads the others' flags with it.
  Mutex yield_mu_;
  WaitFlag waiters_ GUARDED_BY(yield_mu_);
};

}  // namespace warta::sqlite

namespace warta::sql {
// The final store class; instantiated in rows.cc.
extern template class Rows<sqlite::SqliteStore>;
}  // namespace warta::sql

#endif  // WARTA_STORE_SQLITE_SQLITE_STORE_IMPL_H_
