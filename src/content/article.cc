#include "content/article.h"

#include "base/strings.h"
#include "base/utf8.h"

namespace warta {

std::string_view ArticleStatusName(ArticleStatus s) {
  switch (s) {
    case ArticleStatus::kDraft:
      return "draft";
    case ArticleStatus::kScheduled:
      return "scheduled";
    case ArticleStatus::kPublished:
      return "published";
  }
  return "draft";
}

Result<ArticleStatus> ParseArticleStatus(std::string_view name) {
  std::string n = AsciiLower(Trim(name));
  if (n == "draft") return ArticleStatus::kDraft;
  if (n == "scheduled") return ArticleStatus::kScheduled;
  if (n == "published") return ArticleStatus::kPublished;
  return Status::InvalidArgument("unknown status \"" + std::string(name) +
                                 "\" (use draft, scheduled or published)");
}

std::optional<Timestamp> Article::ShownUpdate(int grace_seconds) const {
  if (!modified_at || !published_at) return std::nullopt;
  if (*modified_at <= *published_at + grace_seconds) return std::nullopt;
  return modified_at;
}

std::string Article::SeoDescription() const {
  if (!meta_description.empty()) return meta_description;
  return Excerpt(kMaxMetaDescriptionChars);
}

std::string Article::Excerpt(std::size_t max_chars) const {
  return MakeExcerpt(custom_excerpt.empty() ? plaintext : custom_excerpt,
                     max_chars);
}

std::string MakeExcerpt(std::string_view text, std::size_t max_chars) {
  // First paragraph only, whitespace collapsed.
  std::string flat;
  flat.reserve(std::min(text.size(), max_chars * 4 + 8));
  bool space = false;
  for (char c : Trim(text)) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = true;
      continue;
    }
    if (space && !flat.empty()) flat += ' ';
    space = false;
    flat += c;
    if (flat.size() > max_chars * 4 + 4) break;  // bytes bound; cut below
  }
  if (Utf8Length(flat) <= max_chars) return flat;
  // Cut at the last space within max_chars code points and add an ellipsis.
  size_t pos = 0, chars = 0, last_space = std::string::npos;
  while (pos < flat.size() && chars < max_chars) {
    if (flat[pos] == ' ') last_space = pos;
    DecodeUtf8(flat, pos);
    ++chars;
  }
  size_t cut = pos;
  if (pos < flat.size() && flat[pos] != ' ' &&
      last_space != std::string::npos && last_space > pos / 2) {
    cut = last_space;
  }
  std::string out = flat.substr(0, cut);
  while (!out.empty() && (out.back() == ',' || out.back() == ' ' ||
                          out.back() == ';' || out.back() == ':'))
    out.pop_back();
  out += "…";
  return out;
}

}  // namespace warta
