#include "index/doc.h"

namespace warta::index {
namespace {

constexpr int kLeadWords = 40;

// Byte offset just after the first `words` space-separated words.
size_t LeadEnd(const std::string& text, int words) {
  int seen = 0;
  bool in_word = false;
  for (size_t i = 0; i < text.size(); ++i) {
    bool space = text[i] == ' ' || text[i] == '\n' || text[i] == '\t';
    if (!space && !in_word) {
      if (seen == words) return i;
      ++seen;
    }
    in_word = !space;
  }
  return text.size();
}

}  // namespace

IndexDoc DocFromArticle(const Article& a, std::int64_t cluster_id) {
  IndexDoc d;
  d.article_id = a.id;
  d.published_at = a.published_at.value_or(a.updated_at);
  d.category_id = a.category ? a.category->id : 0;
  d.cluster_id = cluster_id;
  for (const Tag& t : a.tags) d.tag_ids.push_back(t.id);
  for (const Author& au : a.authors) d.author_ids.push_back(au.id);
  d.title = a.title;
  if (!a.custom_excerpt.empty()) {
    d.excerpt = a.custom_excerpt;
    d.body = a.plaintext;
  } else {
    size_t end = LeadEnd(a.plaintext, kLeadWords);
    d.excerpt = a.plaintext.substr(0, end);
    d.body = a.plaintext.substr(end);
  }
  // Tag and category names are searched with the lead: a word found only
  // in a tag finds the article (snippets come from the text, not from here).
  for (const Tag& t : a.tags) d.excerpt += "\n" + t.name;
  if (a.category) d.excerpt += "\n" + a.category->name;
  return d;
}

}  // namespace warta::index
