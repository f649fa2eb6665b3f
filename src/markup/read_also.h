// "Baca juga" lines: a paragraph of the body that points the reader to
// another story ("Baca juga: Banjir Rendam Kemang", "[Baca Juga: ...]" as
// portals print it, "Simak juga: [Judul](/berita/slug)" as an editor writes
// it) becomes a related-link block, <aside class="read-also">, instead of a
// paragraph of the story: a link to the story when the line holds one, else
// a link to the site's search for the title (its URL comes from the caller,
// RenderOptions::search_url: markup knows no routes). Its text is not the
// story's,
// so it stays out of the plain text (excerpt, search, reading time).
// Pure functions, thread-safe.
#ifndef WARTA_MARKUP_READ_ALSO_H_
#define WARTA_MARKUP_READ_ALSO_H_

#include <optional>
#include <string>
#include <string_view>

namespace warta::markup {

struct ReadAlso {
  std::string label;  // as written: "Baca juga", "Baca Juga", "Simak juga"
  std::string title;  // the rest of the line, brackets and spaces trimmed
};

// Recognizes a paragraph's text: optional "[", "Baca juga" or "Simak juga"
// (any case), ":", a title of 1-300 bytes, optional "]". nullopt otherwise.
std::optional<ReadAlso> RecognizeReadAlso(std::string_view text);

// The block for a recognized line. `linked_html` is the paragraph's
// rendered inner HTML when it holds a link (kept as written, already
// sanitized); empty when it holds none: the title then links to
// `search_url` (the site's search for the title, e.g. "/cari?q=TITLE"),
// or stands without a link when that is empty too. `search_ref`, when not
// empty, is that link's stable reference (RenderOptions::link_ref), written
// as its data-ref.
std::string ReadAlsoHtml(const ReadAlso& also, std::string_view linked_html,
                         std::string_view search_url,
                         std::string_view search_ref = {});

}  // namespace warta::markup

#endif  // WARTA_MARKUP_READ_ALSO_H_
