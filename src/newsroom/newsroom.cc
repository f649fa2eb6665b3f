#include "newsroom/newsroom.h"

#include "base/strings.h"
#include "base/utf8.h"
#include "content/reading_time.h"
#include "content/slug.h"
#include "markup/markdown.h"
#include "text/words.h"

namespace warta {

Newsroom::Newsroom(Store& store, const Clock& clock, std::string default_outlet)
    : store_(store),
      clock_(clock),
      default_outlet_(std::move(default_outlet)) {}

Status Newsroom::Validate(const Article& a) const {
  if (Trim(a.title).empty())
    return Status::InvalidArgument("title: must not be empty");
  if (a.title.size() > kMaxTitleBytes) {
    return Status::InvalidArgument("title: longer than " +
                                   std::to_string(kMaxTitleBytes) + " bytes");
  }
  if (a.body.size() > kMaxBodyBytes) {
    return Status::InvalidArgument("body: larger than 1 MiB");
  }
  for (const std::string* f :
       {&a.title, &a.body, &a.custom_excerpt, &a.dateline_city,
        &a.dateline_outlet, &a.source}) {
    if (!IsValidUtf8(*f))
      return Status::InvalidArgument("text is not valid UTF-8");
  }
  if (!a.slug.empty() && !IsValidSlug(a.slug)) {
    return Status::InvalidArgument(
        "slug: \"" + a.slug +
        "\" must be lower-case letters, digits and hyphens");
  }
  if (a.status == ArticleStatus::kScheduled && !a.published_at) {
    return Status::InvalidArgument(
        "published_at: a scheduled article needs a time");
  }
  if (a.custom_excerpt.size() > 1000) {
    return Status::InvalidArgument("custom_excerpt: longer than 1000 bytes");
  }
  if (a.dateline_city.size() > 100 || a.dateline_outlet.size() > 100 ||
      a.source.size() > 200) {
    return Status::InvalidArgument("dateline or source: too long");
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

Status Newsroom::Prepare(Article& a) const {
  markup::RenderOptions options;
  options.lead_in = DatelineOf(a);
  WARTA_ASSIGN_OR_RETURN(markup::Rendered r,
                         markup::RenderMarkdown(a.body, options));
  a.html = std::move(r.html);
  a.plaintext = std::move(r.plaintext);
  a.word_count = text::CountWords(a.plaintext);
  a.reading_time = ReadingTimeMinutes(a.word_count);
  if (a.slug.empty()) {
    a.slug = Slugify(a.title);
    if (a.slug.empty()) a.slug = "artikel";
  }
  if (a.status == ArticleStatus::kPublished && !a.published_at) {
    a.published_at = clock_.Now();
  }
  return Status::Ok();
}

Result<Article> Newsroom::Save(Article article) {
  WARTA_RETURN_IF_ERROR(Validate(article));
  WARTA_RETURN_IF_ERROR(Prepare(article));
  WARTA_ASSIGN_OR_RETURN(Article saved, store_.SaveArticle(article));
  Notify(saved);
  return saved;
}

Status Newsroom::Delete(std::int64_t id) {
  WARTA_ASSIGN_OR_RETURN(Article last, store_.GetArticle(id));
  WARTA_RETURN_IF_ERROR(store_.DeleteArticle(id));
  Notify(last);
  return Status::Ok();
}

void Newsroom::AddListener(Listener listener) {
  listeners_.push_back(std::move(listener));
}

void Newsroom::Notify(const Article& a) {
  for (const auto& l : listeners_) l(a);
}

}  // namespace warta
