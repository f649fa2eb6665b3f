// Agency feed HTML -> Markdown for the article body. Keeps paragraphs,
// headings, lists, quotes, line breaks, links (http, https, mailto),
// images (http, https), bold, italics and code; drops scripts, styles,
// iframes, forms and every attribute it does not need. Text is escaped so
// that nothing in it becomes Markdown syntax. Lenient about broken HTML.
// Text without any tag is read as plain text: blank lines separate
// paragraphs. Pure functions, thread-safe.
#ifndef WARTA_INGEST_HTML_TO_MARKDOWN_H_
#define WARTA_INGEST_HTML_TO_MARKDOWN_H_

#include <string>
#include <string_view>

namespace warta::ingest {

std::string HtmlToMarkdown(std::string_view html);

// The text of an HTML fragment (tags dropped, entities decoded, white space
// collapsed), e.g. for titles.
std::string HtmlToText(std::string_view html);

}  // namespace warta::ingest

#endif  // WARTA_INGEST_HTML_TO_MARKDOWN_H_
