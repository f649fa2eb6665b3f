// Newsroom: the one way articles are written, whoever writes them (importer,
// admin API, scheduler, wire ingestion). It validates, derives the prepared
// fields (html with the dateline, plaintext, word count, reading time, slug)
// at save time so page views only read, saves through the Store, and tells
// listeners (page cache, search index) what changed.
// Thread-safe once listeners are added.
#ifndef WARTA_NEWSROOM_NEWSROOM_H_
#define WARTA_NEWSROOM_NEWSROOM_H_

#include <functional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "content/article.h"
#include "store/store.h"

namespace warta {

inline constexpr std::size_t kMaxTitleBytes = 300;
inline constexpr std::size_t kMaxBodyBytes = 1 << 20;

class Newsroom {
 public:
  // `default_outlet` (the site's name) stands in the dateline when an article
  // names no outlet. `store` and `clock` must outlive the Newsroom.
  Newsroom(Store& store, const Clock& clock, std::string default_outlet);
  Newsroom(const Newsroom&) = delete;
  Newsroom& operator=(const Newsroom&) = delete;

  // Checks the fields an editor controls; InvalidArgument names the field.
  Status Validate(const Article& article) const;

  // Derives html, plaintext, word_count, reading_time and a missing slug.
  // Published articles without published_at get the clock's now.
  Status Prepare(Article& article) const;

  // Validate + Prepare + Store::SaveArticle, then notifies listeners.
  Result<Article> Save(Article article);

  // Deletes for good and notifies listeners with the last stored state.
  Status Delete(std::int64_t id);

  // "Seoul (KABARIN) -" for the article, or "" without a dateline city.
  std::string DatelineOf(const Article& article) const;

  // Called after every successful write, on the writer's thread.
  using Listener = std::function<void(const Article& article)>;
  void AddListener(Listener listener);

  Store& store() { return store_; }
  const Clock& clock() const { return clock_; }

 private:
  void Notify(const Article& a);

  Store& store_;
  const Clock& clock_;
  std::string default_outlet_;
  std::vector<Listener> listeners_;
};

}  // namespace warta

#endif  // WARTA_NEWSROOM_NEWSROOM_H_
