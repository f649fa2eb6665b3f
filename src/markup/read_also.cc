#include "markup/read_also.h"

#include "base/strings.h"

namespace warta::markup {
namespace {

constexpr std::size_t kMaxTitle = 300;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n'; }

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<ReadAlso> RecognizeReadAlso(std::string_view text) {
  text = TrimSpaces(text);
  bool bracket = !text.empty() && text.front() == '[';
  if (bracket) {
    if (text.back() != ']') return std::nullopt;
    text = TrimSpaces(text.substr(1, text.size() - 2));
  }
  std::string_view label;
  for (std::string_view l : {"baca juga", "simak juga"}) {
    if (text.size() > l.size() &&
        EqualsIgnoreAsciiCase(text.substr(0, l.size()), l)) {
      label = text.substr(0, l.size());
      break;
    }
  }
  if (label.empty()) return std::nullopt;
  std::string_view rest = TrimSpaces(text.substr(label.size()));
  if (rest.empty() || rest.front() != ':') return std::nullopt;
  std::string_view title = TrimSpaces(rest.substr(1));
  if (title.empty() || title.size() > kMaxTitle) return std::nullopt;
  return ReadAlso{std::string(label), std::string(title)};
}

std::string ReadAlsoHtml(const ReadAlso& also, std::string_view linked_html,
                         std::string_view search_url,
                         std::string_view search_ref) {
  std::string html = "<aside class=\"read-also\">";
  if (!linked_html.empty()) {
    html.append(linked_html);
  } else {
    html += "<span class=\"read-also-label\">";
    AppendHtmlEscaped(html, also.label);
    html += ":</span> ";
    if (search_url.empty()) {
      AppendHtmlEscaped(html, also.title);
    } else {
      html += "<a href=\"";
      AppendHtmlEscaped(html, search_url);
      html += '"';
      if (!search_ref.empty()) {
        html += " data-ref=\"";
        AppendHtmlEscaped(html, search_ref);
        html += '"';
      }
      html += '>';
      AppendHtmlEscaped(html, also.title);
      html += "</a>";
    }
  }
  html += "</aside>\n";
  return html;
}

}  // namespace warta::markup
