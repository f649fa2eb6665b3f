// Markdown -> sanitized HTML fragment + plain text. The only user of md4c.
//
// Authors' Markdown is outside input: raw HTML is shown as text, link and
// image URLs are limited to safe schemes, and every piece of text and every
// attribute value is escaped. The output holds only the tags and attributes
// this module writes itself.
//
// All functions are pure and thread-safe.
#ifndef WARTA_MARKUP_MARKDOWN_H_
#define WARTA_MARKUP_MARKDOWN_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.h"

namespace warta::markup {

// Inputs larger than this are refused.
inline constexpr std::size_t kMaxMarkdownBytes = 2 * 1024 * 1024;

// Bare URLs ("https://..." and "www....") are linked only while the input
// has at most this many places where one could start; beyond that only
// <autolinks> and [text](url) links are (md4c 0.4.8 is quadratic there).
inline constexpr std::size_t kMaxBareUrlCandidates = 256;

struct RenderOptions {
  // Text placed at the very start of the first paragraph, as
  // <span class="dateline">LEAD_IN</span> followed by a space, e.g.
  // "Seoul (KABARIN) -". Escaped. If the document does not start with a
  // paragraph, a paragraph holding only the lead-in is emitted first.
  // Empty: nothing.
  std::string lead_in;
};

struct Rendered {
  // Sanitized HTML fragment; one block element per line group, each block
  // closed by "\n".
  std::string html;
  // Text only: blocks separated by "\n\n" (list items and table rows by "\n",
  // table cells by "\t"), no markup, no lead-in, entities decoded. Soft and
  // hard line breaks are "\n"; code is included, as are image alt texts and
  // link texts (not URLs).
  std::string plaintext;
  int word_count = 0;  // left 0; the caller counts words
};

// Renders CommonMark + GFM tables, strikethrough and URL/www autolinks (see
// kMaxBareUrlCandidates), with raw HTML shown as text. Headings are shifted so
// that nothing renders as h1
// ("#" and "##" -> h2, "###" -> h3, ... "######" -> h6). Links keep only
// http(s), mailto and relative URLs and images only http(s) and relative
// ones; a refused link shows its text, a refused image its alt text.
// Fails with InvalidArgument only on input that is not valid UTF-8 or is
// larger than kMaxMarkdownBytes.
Result<Rendered> RenderMarkdown(std::string_view markdown,
                                const RenderOptions& options = {});

// Escapes plain text so that RenderMarkdown shows it literally as paragraph
// text: RenderMarkdown(EscapeMarkdownText(x)).plaintext == x for text whose
// line breaks are "\n" and that has no blank-line runs, leading or trailing
// blank lines, or NUL bytes. A blank line still separates paragraphs. Only
// what could start markup is escaped: \ ` * _ [ ] < | ~ anywhere, an
// entity-like '&', and # > - + = or an "1." / "1)" list marker at line
// start; whitespace at either end of a line becomes a character reference.
// Bare URLs stay bare and are still linked.
std::string EscapeMarkdownText(std::string_view text);

}  // namespace warta::markup

#endif  // WARTA_MARKUP_MARKDOWN_H_
