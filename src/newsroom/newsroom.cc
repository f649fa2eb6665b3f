#include "newsroom/newsroom.h"

#include <tuple>

#include "base/strings.h"
#include "base/time.h"
#include "base/utf8.h"
#include "content/reading_time.h"
#include "content/slug.h"
#include "markup/markdown.h"
#include "markup/url_policy.h"
#include "newsroom/revisions.h"
#include "text/words.h"

namespace warta {

Result<std::string> NormalizeArticleLink(std::string_view field,
                                         std::string_view link) {
  auto refuse = [&] {
    return Status::InvalidArgument(std::string(field) +
                                   ": expected a /path or an http(s) URL")
        .WithField(field)
        .WithReason("link_invalid", {{"field", field}});
  };
  if (link.size() > 2048) return refuse();
  auto safe = markup::SanitizeUrl(link, markup::UrlUse::kImage);
  if (!safe) return refuse();
  std::string& url = safe->url;
  if (url.empty()) return url;
  const bool path = url[0] == '/' && !url.starts_with("//");
  const bool web = safe->external && !url.starts_with("//");
  if (!path && !web) return refuse();
  std::string out;
  out.reserve(url.size());
  for (char c : url) {
    if (c == '\'') {
      out += "%27";
    } else {
      out += c;
    }
  }
  return out;
}

Newsroom::Newsroom(Stores store, const Clock& clock, std::string default_outlet,
                   SearchUrl search_url, LinkRef link_ref)
    : store_(store),
      clock_(clock),
      default_outlet_(std::move(default_outlet)),
      search_url_(std::move(search_url)),
      link_ref_(std::move(link_ref)) {}

Status Newsroom::Validate(const Article& a) const {
  if (Trim(a.title).empty())
    return Status::InvalidArgument("title: must not be empty")
        .WithField("title")
        .WithReason("title_empty");
  if (a.title.size() > kMaxTitleBytes) {
    const std::string n = std::to_string(kMaxTitleBytes);
    return Status::InvalidArgument("title: longer than " + n + " bytes")
        .WithField("title")
        .WithReason("too_long_bytes", {{"field", "title"}, {"n", n}});
  }
  if (a.body.size() > kMaxBodyBytes) {
    return Status::InvalidArgument("body: larger than 1 MiB")
        .WithField("body")
        .WithReason("body_too_large");
  }
  for (const std::string* f :
       {&a.title, &a.body, &a.custom_excerpt, &a.dateline_city,
        &a.dateline_outlet, &a.source}) {
    if (!IsValidUtf8(*f))
      return Status::InvalidArgument("text is not valid UTF-8")
          .WithReason("invalid_utf8");
  }
  if (!a.slug.empty() && !IsValidSlug(a.slug)) {
    return Status::InvalidArgument(
               "slug: \"" + a.slug +
               "\" must be lower-case letters, digits and hyphens")
        .WithField("slug")
        .WithReason("slug_invalid", {{"slug", a.slug}});
  }
  for (auto [name, link] : {std::pair{"source_url", &a.source_url},
                            std::pair{"feature_image", &a.feature_image}}) {
    WARTA_RETURN_IF_ERROR(NormalizeArticleLink(name, *link).status());
  }
  if (a.published_at && !IsAcceptedTime(*a.published_at)) {
    return Status::InvalidArgument(
               "published_at: outside 1900-01-01 to 9999-12-31")
        .WithField("published_at")
        .WithReason("time_out_of_range", {{"field", "published_at"}});
  }
  if (a.status == ArticleStatus::kScheduled && !a.published_at) {
    return Status::InvalidArgument(
               "published_at: a scheduled article needs a time")
        .WithField("published_at")
        .WithReason("schedule_needs_time");
  }
  for (auto [name, text, max] :
       {std::tuple{"meta_title", &a.meta_title, kMaxMetaTitleChars},
        std::tuple{"meta_description", &a.meta_description,
                   kMaxMetaDescriptionChars}}) {
    if (!IsValidUtf8(*text))
      return Status::InvalidArgument("text is not valid UTF-8")
          .WithReason("invalid_utf8");
    if (Utf8Length(*text) > max) {
      const std::string n = std::to_string(max);
      return Status::InvalidArgument(std::string(name) + ": longer than " + n +
                                     " characters")
          .WithField(name)
          .WithReason("too_long_chars", {{"field", name}, {"n", n}});
    }
  }
  if (a.custom_excerpt.size() > 1000) {
    return Status::InvalidArgument("custom_excerpt: longer than 1000 bytes")
        .WithField("custom_excerpt")
        .WithReason("too_long_bytes",
                    {{"field", "custom_excerpt"}, {"n", "1000"}});
  }
  if (a.dateline_city.size() > 100 || a.dateline_outlet.size() > 100 ||
      a.source.size() > 200) {
    return Status::InvalidArgument("dateline or source: too long")
        .WithReason("dateline_too_long");
  }
  return Status::Ok();
}

std::string Newsroom::DatelineOf(const Article& a) const {
  std::string city(Trim(a.dateline_city));
  if (city.empty()) return "";
  std::string outlet(Trim(a.dateline_outlet));
  if (outlet.empty()) outlet = default_outlet_;
  return city + " (" + outlet + ") -";
}

Status Newsroom::Render(Article& a) const {
  markup::RenderOptions options;
  options.lead_in = DatelineOf(a);
  options.search_url = search_url_;
  options.link_ref = link_ref_;
  WARTA_ASSIGN_OR_RETURN(markup::Rendered r,
                         markup::RenderMarkdown(a.body, options));
  a.html = std::move(r.html);
  for (auto [name, link] : {std::pair{"source_url", &a.source_url},
                            std::pair{"feature_image", &a.feature_image}}) {
    WARTA_ASSIGN_OR_RETURN(*link, NormalizeArticleLink(name, *link));
  }
  a.plaintext = std::move(r.plaintext);
  a.word_count = text::CountWords(a.plaintext);
  a.reading_time = ReadingTimeMinutes(a.word_count);
  return Status::Ok();
}

Status Newsroom::Prepare(Article& a) const {
  WARTA_RETURN_IF_ERROR(Render(a));
  return PrepareDefaults(a);
}

Status Newsroom::PrepareDefaults(Article& a) const {
  if (a.slug.empty()) {
    a.slug = Slugify(a.title);
    if (a.slug.empty()) a.slug = "artikel";
  }
  if (a.status == ArticleStatus::kPublished && !a.published_at) {
    a.published_at = clock_.Now();
  }
  return Status::Ok();
}

Result<Article> Newsroom::Save(Article article, const Edit& edit) {
  WARTA_RETURN_IF_ERROR(Validate(article));
  WARTA_RETURN_IF_ERROR(Render(article));
  return SaveRendered(std::move(article), edit);
}

Result<Article> Newsroom::SaveRendered(Article article, const Edit& edit,
                                       std::optional<Revision> new_revision) {
  WARTA_RETURN_IF_ERROR(PrepareDefaults(article));
  return SavePrepared(article, edit, std::move(new_revision));
}

Result<Article> Newsroom::SavePrepared(const Article& article, const Edit& edit,
                                       std::optional<Revision> new_revision) {
  std::optional<Revision> rev;
  if (new_revision && article.id == 0) {
    rev = std::move(new_revision);
  } else {
    WARTA_ASSIGN_OR_RETURN(
        rev, EncodeRevision(store_.revisions, article.id, SnapshotOf(article),
                            IsRevisionEvent(edit.kind) ? RevisionUse::kEvent
                                                       : RevisionUse::kApply));
  }
  if (rev) {
    rev->user_id = edit.user_id;
    rev->kind = edit.kind;
    rev->note = edit.note;
    rev->title = article.title;
  }
  std::optional<ReviewChange> review = edit.review;
  // Going live ends the review (a new article has none to end).
  if (article.status == ArticleStatus::kPublished && article.id != 0)
    review = ReviewChange{};
  WARTA_ASSIGN_OR_RETURN(
      Article saved,
      store_.revisions.SaveArticleWithRevision(article, rev ? &*rev : nullptr,
                                               review ? &*review : nullptr));
  Notify(saved);
  return saved;
}

Status Newsroom::SetReview(std::int64_t id, const ReviewChange& change) {
  WARTA_ASSIGN_OR_RETURN(Article a, store_.articles.GetArticle(id));
  if (change.state == "submitted" && a.status != ArticleStatus::kDraft)
    return Status::FailedPrecondition(
               "only a draft can be submitted for review")
        .WithReason("submit_not_draft");
  if (change.state == "returned" && a.status == ArticleStatus::kPublished)
    return Status::FailedPrecondition(
               "a published article cannot be returned; unpublish it first")
        .WithReason("return_published");
  WARTA_RETURN_IF_ERROR(store_.editorial.SetReviewState(
      id, change.state, change.note, change.by));
  Notify(a);
  return Status::Ok();
}

Status Newsroom::KeepAutosave(const Article& edited, std::int64_t user_id) {
  WARTA_RETURN_IF_ERROR(Validate(edited));
  WARTA_ASSIGN_OR_RETURN(
      std::optional<Revision> rev,
      EncodeRevision(store_.revisions, edited.id, SnapshotOf(edited),
                     RevisionUse::kKeepBeside));
  if (!rev) return Status::Ok();
  rev->user_id = user_id;
  rev->kind = "autosave";
  rev->title = edited.title;
  return store_.revisions.AddRevision(edited.id, *rev);
}

Status Newsroom::Trash(std::int64_t id) {
  WARTA_ASSIGN_OR_RETURN(Article last, store_.articles.GetArticle(id));
  WARTA_RETURN_IF_ERROR(store_.editorial.TrashArticle(id, clock_.Now()));
  Notify(last);
  return Status::Ok();
}

Status Newsroom::Restore(std::int64_t id) {
  WARTA_RETURN_IF_ERROR(store_.editorial.RestoreArticle(id));
  WARTA_ASSIGN_OR_RETURN(Article back, store_.articles.GetArticle(id));
  Notify(back);
  return Status::Ok();
}

Result<std::vector<Article>> Newsroom::PublishDue() {
  Timestamp now = clock_.Now();
  ArticleQuery q;
  q.status = ArticleStatus::kScheduled;
  q.published_before = now;
  q.order = ArticleQuery::Order::kOldest;
  q.limit = 100;
  q.with_body = true;
  WARTA_ASSIGN_OR_RETURN(std::vector<Article> due,
                         store_.articles.ListArticles(q));
  std::vector<Article> published;
  for (const Article& a : due) {
    Article next = a;
    next.status = ArticleStatus::kPublished;
    WARTA_ASSIGN_OR_RETURN(
        std::optional<Revision> rev,
        EncodeRevision(store_.revisions, a.id, SnapshotOf(next),
                       RevisionUse::kEvent));
    if (rev) {
      rev->kind = "publish";
      rev->note = "scheduled";
      rev->title = a.title;
    }
    WARTA_ASSIGN_OR_RETURN(
        bool won, store_.editorial.PublishScheduled(a.id, a.version, now,
                                                    rev ? &*rev : nullptr));
    if (!won) continue;  // another process did it, or it changed meanwhile
    WARTA_ASSIGN_OR_RETURN(Article done, store_.articles.GetArticle(a.id));
    Notify(done);
    published.push_back(std::move(done));
  }
  return published;
}

Result<Article> Newsroom::ArticleAt(const Revision& revision) {
  WARTA_ASSIGN_OR_RETURN(Article a,
                         store_.articles.GetArticle(revision.article_id));
  WARTA_ASSIGN_OR_RETURN(std::string snapshot,
                         DecodeRevision(store_.revisions, revision));
  WARTA_RETURN_IF_ERROR(ApplySnapshot(snapshot, a, false));
  return a;
}

Result<Article> Newsroom::RestoreRevision(std::int64_t article_id,
                                          std::int64_t revision_id,
                                          std::int64_t version,
                                          std::int64_t user_id) {
  WARTA_ASSIGN_OR_RETURN(Revision rev,
                         store_.revisions.GetRevision(revision_id));
  if (rev.article_id != article_id)
    return Status::NotFound("revision " + std::to_string(revision_id))
        .WithReason("not_found", {{"what", "revision"}});
  WARTA_ASSIGN_OR_RETURN(Article a, store_.articles.GetArticle(article_id));
  if (a.version != version) {
    return Status::Conflict("article " + std::to_string(article_id) +
                            " is at version " + std::to_string(a.version) +
                            ", not " + std::to_string(version))
        .WithReason("version_conflict");
  }
  WARTA_ASSIGN_OR_RETURN(std::string snapshot,
                         DecodeRevision(store_.revisions, rev));
  WARTA_RETURN_IF_ERROR(ApplySnapshot(snapshot, a, true));
  Edit edit;
  edit.user_id = user_id;
  edit.kind = "restore";
  edit.note = "revision " + std::to_string(revision_id);
  return Save(std::move(a), edit);
}

Result<LiveUpdate> Newsroom::AddLiveUpdate(std::int64_t article_id,
                                           std::string_view text,
                                           std::int64_t user_id) {
  std::string body(Trim(text));
  if (body.empty()) {
    return Status::InvalidArgument("body: required")
        .WithField("body")
        .WithReason("required", {{"field", "body"}});
  }
  if (body.size() > kMaxLiveUpdateBytes) {
    const std::string n = std::to_string(kMaxLiveUpdateBytes);
    return Status::InvalidArgument("body: longer than " + n + " bytes")
        .WithField("body")
        .WithReason("too_long_bytes", {{"field", "body"}, {"n", n}});
  }
  if (!IsValidUtf8(body))
    return Status::InvalidArgument("text is not valid UTF-8")
        .WithReason("invalid_utf8");
  WARTA_ASSIGN_OR_RETURN(Article a, store_.articles.GetArticle(article_id));
  if (!a.live_report)
    return Status::InvalidArgument(
               "live_report: the article is not a live report")
        .WithField("live_report")
        .WithReason("not_live_report");
  WARTA_ASSIGN_OR_RETURN(LiveUpdate added, store_.live_updates.AddLiveUpdate(
                                               article_id, body, user_id));
  Notify(a);
  return added;
}

Status Newsroom::DeleteLiveUpdate(std::int64_t article_id,
                                  std::int64_t update_id) {
  WARTA_ASSIGN_OR_RETURN(Article a, store_.articles.GetArticle(article_id));
  WARTA_RETURN_IF_ERROR(
      store_.live_updates.DeleteLiveUpdate(article_id, update_id));
  Notify(a);
  return Status::Ok();
}

Status Newsroom::Delete(std::int64_t id) {
  WARTA_ASSIGN_OR_RETURN(Article last, store_.articles.GetArticle(id));
  WARTA_RETURN_IF_ERROR(store_.articles.DeleteArticle(id));
  Notify(last);
  return Status::Ok();
}

int Newsroom::AddListener(Listener listener) {
  MutexLock lock(&listeners_mu_);
  int id = next_listener_++;
  listeners_.emplace_back(id, std::move(listener));
  return id;
}

void Newsroom::RemoveListener(int id) {
  MutexLock lock(&listeners_mu_);
  std::erase_if(listeners_, [id](const auto& l) { return l.first == id; });
}

void Newsroom::Notify(const Article& a) {
  ReaderLock lock(&listeners_mu_);
  for (const auto& l : listeners_) l.second(a);
}

}  // namespace warta
