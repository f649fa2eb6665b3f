// Newsroom: the one way articles are written, whoever writes them (importer,
// admin API, scheduler, wire ingestion). It validates, derives the prepared
// fields (html with the dateline, plaintext, word count, reading time, slug)
// at save time so page views only read, saves through the store, and tells
// listeners (page cache, search index) what changed.
// Thread-safe.
#ifndef WARTA_NEWSROOM_NEWSROOM_H_
#define WARTA_NEWSROOM_NEWSROOM_H_

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/mutex.h"
#include "base/result.h"
#include "content/article.h"
#include "store/article_store.h"
#include "store/editorial_store.h"
#include "store/live_update_store.h"
#include "store/revision_store.h"
#include "store/store_of.h"

namespace warta {

inline constexpr std::size_t kMaxTitleBytes = 300;
inline constexpr std::size_t kMaxBodyBytes = 1 << 20;

// The one rule for an article's source_url and feature_image, on every path
// (admin API, import, ingest): empty, a root-relative /path, or an http(s)
// URL, at most 2048 bytes and without control characters. Returns the link as
// stored (trimmed; quotes, spaces, '<', non-ASCII ... percent-encoded, so
// "jum'at" becomes "jum%27at") or InvalidArgument naming `field`.
Result<std::string> NormalizeArticleLink(std::string_view field,
                                         std::string_view link);

// Who saves and why; recorded with the revision every save keeps.
struct Edit {
  std::int64_t user_id = 0;   // 0: not a user (import, scheduler)
  std::string kind = "save";  // "save", "autosave", "publish", "restore", ...
  std::string note;
  // A review state the save moves the article to, in the same transaction.
  // A save that leaves the article published clears the review state
  // whatever this says: going live ends the review.
  std::optional<ReviewChange> review = std::nullopt;
};

class Newsroom {
 public:
  // The store interfaces the newsroom writes through.
  struct Stores {
    ArticleStore& articles;
    RevisionStore& revisions;
    EditorialStore& editorial;  // trash, review, scheduled publishing
    LiveUpdateStore& live_updates;
    // From one object that is all of them (the whole Store).
    template <StoreOf<ArticleStore, RevisionStore, EditorialStore,
                      LiveUpdateStore>
                  S>
    Stores(S& s)  // NOLINT: implicit
        : articles(s), revisions(s), editorial(s), live_updates(s) {}
  };

  // The site's search URL for a query (Urls::Search), which the composition
  // root passes in: newsroom knows no routes.
  using SearchUrl = std::function<std::string(std::string_view query)>;
  // The stable reference of a link to one of the site's pages (Urls::
  // LinkRef), written beside its URL in the HTML a save renders, so the
  // link follows the routes of the day it is shown (Urls::ResolveLinks;
  // markup::RenderOptions::link_ref).
  using LinkRef = std::function<std::string(std::string_view href)>;

  // `default_outlet` (the site's name) stands in the dateline when an article
  // names no outlet; a "Baca juga" line without a link points to
  // `search_url` for its title (unset: the title stands unlinked); links to
  // the site's own pages carry `link_ref`'s reference (unset: none do).
  // `store` and `clock` must outlive the Newsroom.
  Newsroom(Stores store, const Clock& clock, std::string default_outlet,
           SearchUrl search_url = {}, LinkRef link_ref = {});
  Newsroom(const Newsroom&) = delete;
  Newsroom& operator=(const Newsroom&) = delete;

  // Checks the fields an editor controls; InvalidArgument names the field.
  Status Validate(const Article& article) const;

  // Derives html, plaintext, word_count, reading_time, a missing slug and
  // the stored form of the links (NormalizeArticleLink).
  // Published articles without published_at get the clock's now.
  Status Prepare(Article& article) const;

  // The costly part of Prepare: html, plaintext, word_count and
  // reading_time from the body and dateline. Thread-safe, touches no store
  // (bulk import runs it on worker threads).
  Status Render(Article& article) const;

  // Validate + Prepare + RevisionStore::SaveArticleWithRevision (a revision
  // unless nothing changed since the last one, and the review state of `edit`)
  // in one transaction, then notifies listeners.
  Result<Article> Save(Article article, const Edit& edit = {});

  // Save for an article that passed Validate and that Render already ran on
  // (with its current body and dateline), e.g. on a worker thread.
  // `new_revision`, for a new article (id 0) only, is
  // EncodeRevision(store, 0, SnapshotOf(article)) computed beforehand.
  Result<Article> SaveRendered(Article article, const Edit& edit = {},
                               std::optional<Revision> new_revision = {});
  // SaveRendered for an article that Prepare ran on whole (Render and the
  // defaults: a slug, a published article's published_at): it is saved as
  // it is, without a copy (a bulk import saves thousands a second).
  Result<Article> SavePrepared(const Article& article, const Edit& edit = {},
                               std::optional<Revision> new_revision = {});

  // Moves live article `id` to review state `change`: "submitted" only
  // from a draft, "returned" (with the editor's note) not while published,
  // "" ends the review. FailedPrecondition when the status forbids it,
  // NotFound when absent or trashed; notifies listeners.
  Status SetReview(std::int64_t id, const ReviewChange& change);

  // Keeps `edited` (a published article's unpublished changes) as an
  // autosave revision without touching the live article.
  Status KeepAutosave(const Article& edited, std::int64_t user_id);

  // Deletes for good and notifies listeners with the last stored state.
  Status Delete(std::int64_t id);

  // Moves to the trash / takes out of it; notifies listeners.
  Status Trash(std::int64_t id);
  Status Restore(std::int64_t id);

  // Publishes every scheduled article whose time has come (by the clock),
  // each exactly once even when several processes run this at once.
  // Returns the articles this call published (listeners were notified).
  Result<std::vector<Article>> PublishDue();

  // Restores revision `revision_id`'s content (title, body, taxonomy, ...;
  // not status) onto article `article_id` at `version`, as a new revision.
  // kConflict when the article moved past `version`.
  Result<Article> RestoreRevision(std::int64_t article_id,
                                  std::int64_t revision_id,
                                  std::int64_t version, std::int64_t user_id);

  // The article as revision `revision` recorded it (content, status,
  // published_at), on top of the article's current state.
  Result<Article> ArticleAt(const Revision& revision);

  // Appends an update to live report `article_id` by `user_id` and notifies
  // listeners (the article's cached page goes). InvalidArgument: the text
  // is empty, over kMaxLiveUpdateBytes or not UTF-8, or the article is not
  // a live report; NotFound: no such (untrashed) article.
  Result<LiveUpdate> AddLiveUpdate(std::int64_t article_id,
                                   std::string_view text, std::int64_t user_id);
  // Deletes an update and notifies listeners; NotFound when absent.
  Status DeleteLiveUpdate(std::int64_t article_id, std::int64_t update_id);

  // "Seoul (KABARIN) -" for the article, or "" without a dateline city.
  std::string DatelineOf(const Article& article) const;

  // Called after every successful write, on the writer's thread.
  using Listener = std::function<void(const Article& article)>;

  // A listener registration that ends with its scope: a listener capturing
  // locals cannot outlive them, early returns included. The only way to
  // listen (Subscribe). Removing waits for calls of the listener in
  // progress, so its captures may die after it. Thread-safe.
  class Subscription {
   public:
    Subscription() = default;
    Subscription(Newsroom& newsroom, int id) : newsroom_(&newsroom), id_(id) {}
    Subscription(Subscription&& o) noexcept
        : newsroom_(std::exchange(o.newsroom_, nullptr)), id_(o.id_) {}
    Subscription& operator=(Subscription&& o) noexcept {
      if (this != &o) {
        Reset();
        newsroom_ = std::exchange(o.newsroom_, nullptr);
        id_ = o.id_;
      }
      return *this;
    }
    ~Subscription() { Reset(); }
    // Removes the listener now (waiting for calls in progress).
    void Reset() {
      if (newsroom_) std::exchange(newsroom_, nullptr)->RemoveListener(id_);
    }

   private:
    Newsroom* newsroom_ = nullptr;
    int id_ = 0;
  };
  // Adds `listener`, removed when the returned Subscription goes.
  [[nodiscard]] Subscription Subscribe(Listener listener) {
    return Subscription(*this, AddListener(std::move(listener)));
  }

  // The stores it writes through, for reads beside the newsroom's writes.
  const Stores& stores() const { return store_; }
  const Clock& clock() const { return clock_; }

 private:
  int AddListener(Listener listener);
  void RemoveListener(int id);
  void Notify(const Article& a);
  // Prepare without Render: a missing slug, published_at for published.
  Status PrepareDefaults(Article& article) const;

  Stores store_;
  const Clock& clock_;
  std::string default_outlet_;
  SearchUrl search_url_;
  LinkRef link_ref_;
  SharedMutex listeners_mu_;  // shared while notifying
  int next_listener_ GUARDED_BY(listeners_mu_) = 1;
  std::vector<std::pair<int, Listener>> listeners_ GUARDED_BY(listeners_mu_);
};

}  // namespace warta

#endif  // WARTA_NEWSROOM_NEWSROOM_H_
