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
#include <functional>
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
  // The site's search URL for a query, as the caller's URL service builds
  // it (Urls::Search: "/cari?q=..."): where a "Baca juga" line without a
  // link points (markup/read_also.h). Unset: such a line shows its title
  // without a link.
  std::function<std::string(std::string_view query)> search_url;
  // The stable reference of a link to one of the site's own pages, as the
  // caller's URL service reads it (Urls::LinkRef: "article:SLUG"), or ""
  // for any other link. A link with one is written
  // <a href="URL" data-ref="REF">, so that whoever shows the stored HTML
  // points it at the routes of that day (Urls::ResolveLinks) instead of
  // those of the day it was saved. Unset: no references.
  std::function<std::string(std::string_view href)> link_ref;
};

struct Rendered {
  // Sanitized HTML fragment; a "\n" follows each block-level tag.
  std::string html;
  // Text only: blocks separated by "\n\n" (list items and table rows by "\n",
  // table cells by "\t"), no markup, no lead-in, entities decoded. Soft and
  // hard line breaks are "\n"; code is included, as are image alt texts and
  // link texts (not URLs).
  std::string plaintext;
  int word_count = 0;  // left 0; the caller counts words
};

// Renders CommonMark + GFM tables, strikethrough and bare URL/www autolinks
// (see kMaxBareUrlCandidates), with raw HTML shown as text. Nothing renders
// as h1: "#" and "##" give h2, "###" h3, ... "######" h6. Links keep only
// http(s), mailto and relative URLs, images only http(s) and relative ones;
// a refused link shows its text, a refused image its alt text; http(s) links
// get rel="noopener noreferrer nofollow". Fails with InvalidArgument only on
// input that is not valid UTF-8 or is larger than kMaxMarkdownBytes.
Result<Rendered> RenderMarkdown(std::string_view markdown,
                                const RenderOptions& options = {});

// Escapes plain text so that RenderMarkdown shows it literally as paragraph
// text: RenderMarkdown(EscapeMarkdownText(x)).plaintext == x for text whose
// line breaks are "\n", with no control characters but tab, no lines of
// only blanks other than single paragraph-separating empty lines, and no
// leading or trailing line break. A blank line still separates paragraphs;
// "\r\n" and "\r" become "\n". Only what could start markup is escaped:
// \ ` * _ [ ] < | ~ anywhere, '&' where it would start a character
// reference, and # > - + = or a "1." / "1)" list marker at line start. Blanks
// at either end of a line are kept with a character reference (&#32;).
// Bare URLs stay bare, so RenderMarkdown still links them (up to the first
// escaped character).
std::string EscapeMarkdownText(std::string_view text);

}  // namespace warta::markup

#endif  // WARTA_MARKUP_MARKDOWN_H_
