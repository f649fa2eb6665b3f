#include "markup/html_renderer.h"

#include <algorithm>
#include <functional>
#include <string>

#include "base/strings.h"
#include "base/utf8.h"
#include "markup/embed.h"
#include "markup/md4c_text.h"
#include "markup/read_also.h"

namespace warta::markup {
namespace {

constexpr unsigned kBaseFlags =
    MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH;
constexpr unsigned kBareUrlFlags =
    MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_PERMISSIVEWWWAUTOLINKS;

// True when `markdown` holds more than kMaxBareUrlCandidates places where a
// bare URL could start ("://" or "www."). md4c 0.4.8 spends time
// proportional to bare URLs times paragraph length on them (fixed upstream
// in 0.5), so 2 MiB of "www.a.co/_" takes minutes.
bool HasTooManyBareUrlCandidates(std::string_view markdown) {
  std::size_t count = 0;
  for (std::size_t i = 0; i + 3 < markdown.size(); ++i) {
    bool www = (markdown[i] == 'w' || markdown[i] == 'W') &&
               StartsWithIgnoreAsciiCase(markdown.substr(i), "www.");
    if (www || markdown.substr(i, 3) == "://") {
      if (++count > kMaxBareUrlCandidates) return true;
    }
  }
  return false;
}

// [A-Za-z0-9_+-]{1,32}
bool IsCodeLanguage(std::string_view lang) {
  if (lang.empty() || lang.size() > 32) return false;
  return std::all_of(lang.begin(), lang.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '-';
  });
}

std::string_view AlignStyle(MD_ALIGN align) {
  switch (align) {
    case MD_ALIGN_LEFT:
      return " style=\"text-align:left\"";
    case MD_ALIGN_CENTER:
      return " style=\"text-align:center\"";
    case MD_ALIGN_RIGHT:
      return " style=\"text-align:right\"";
    default:
      return "";
  }
}

}  // namespace

HtmlRenderer::HtmlRenderer(const RenderOptions& options, std::string_view input)
    : lead_in_(SanitizeUtf8(options.lead_in)),
      search_url_(options.search_url),
      link_ref_(options.link_ref),
      input_(input) {}

std::string_view HtmlRenderer::ClipToInput(const MD_CHAR* text,
                                           MD_SIZE size) const {
  const char* begin = input_.data();
  const char* end = begin + input_.size();
  // Other pointers are md4c's own strings (line breaks, NUL replacements).
  std::less<const char*> before;  // a total order, also across objects
  if (before(text, begin) || !before(text, end + kInputPadding)) {
    return {text, size};
  }
  if (!before(text, end)) return {};
  return {text, std::min<std::size_t>(size, end - text)};
}

Rendered HtmlRenderer::Take() {
  Rendered rendered;
  rendered.html = std::move(html_);
  rendered.plaintext = text_.Take();
  return rendered;
}

void HtmlRenderer::EnterBlock(MD_BLOCKTYPE type, void* detail) {
  CloseSpansDownTo(0);  // inline elements never cross a block boundary
  if (type == MD_BLOCK_DOC) return;
  if (++depth_ == 1 && !seen_block_) {
    seen_block_ = true;
    if (!lead_in_.empty()) {
      if (type == MD_BLOCK_P) {
        lead_in_pending_ = true;
      } else {
        EmitLeadInParagraph();
      }
    }
  }
  switch (type) {
    case MD_BLOCK_QUOTE:
      text_.Open(Separator::kBlock);
      html_ += "<blockquote>\n";
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      text_.Open(Separator::kLine);
      lists_.push_back({0, text_.size()});
      if (type == MD_BLOCK_UL) {
        html_ += "<ul>\n";
      } else {
        unsigned start = static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start;
        html_ += "<ol";
        if (start != 1) html_ += " start=\"" + std::to_string(start) + "\"";
        html_ += ">\n";
      }
      break;
    case MD_BLOCK_LI:
      if (!lists_.empty()) {
        ListState& list = lists_.back();
        if (list.items++ > 0 && text_.size() > list.text_start) {
          text_.Force(Separator::kLine);
        }
      }
      html_ += "<li>";
      break;
    case MD_BLOCK_HR:
      text_.Open(Separator::kBlock);
      html_ += "<hr>\n";
      break;
    case MD_BLOCK_H: {
      unsigned level = static_cast<MD_BLOCK_H_DETAIL*>(detail)->level;
      heading_level_ = std::clamp(level, 2u, 6u);
      text_.Open(Separator::kBlock);
      html_ += "<h" + std::to_string(heading_level_) + ">";
      break;
    }
    case MD_BLOCK_CODE: {
      text_.Open(Separator::kBlock);
      code_text_start_ = text_.size();
      std::string lang =
          DecodeAttribute(static_cast<MD_BLOCK_CODE_DETAIL*>(detail)->lang);
      html_ += "<pre><code";
      if (IsCodeLanguage(lang)) html_ += " class=\"language-" + lang + "\"";
      html_ += ">";
      break;
    }
    case MD_BLOCK_HTML:  // not produced with MD_FLAG_NOHTML; shown as text
    case MD_BLOCK_P:
      text_.Open(Separator::kBlock);
      // A top-level paragraph without the dateline may become an embed.
      embed_start_ = type == MD_BLOCK_P && depth_ == 1 && !lead_in_pending_
                         ? html_.size()
                         : std::string::npos;
      embed_text_.clear();
      embed_text_start_ = text_.size();
      html_ += "<p>";
      if (lead_in_pending_) {
        lead_in_pending_ = false;
        html_ += "<span class=\"dateline\">";
        AppendHtmlEscaped(html_, lead_in_);
        html_ += "</span> ";
      }
      break;
    case MD_BLOCK_TABLE:
      text_.Open(Separator::kBlock);
      html_ += "<table>\n";
      break;
    case MD_BLOCK_THEAD:
      html_ += "<thead>\n";
      break;
    case MD_BLOCK_TBODY:
      html_ += "<tbody>\n";
      break;
    case MD_BLOCK_TR:
      html_ += "<tr>\n";
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      html_ += type == MD_BLOCK_TH ? "<th" : "<td";
      html_ += AlignStyle(static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align);
      html_ += ">";
      break;
    default:
      break;
  }
}

void HtmlRenderer::LeaveBlock(MD_BLOCKTYPE type) {
  CloseSpansDownTo(0);
  if (type == MD_BLOCK_DOC) {
    if (!seen_block_ && !lead_in_.empty()) EmitLeadInParagraph();
    return;
  }
  --depth_;
  switch (type) {
    case MD_BLOCK_QUOTE:
      html_ += "</blockquote>\n";
      text_.Request(Separator::kBlock);
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      if (!lists_.empty()) lists_.pop_back();
      html_ += type == MD_BLOCK_UL ? "</ul>\n" : "</ol>\n";
      text_.Request(Separator::kBlock);
      break;
    case MD_BLOCK_LI:
      html_ += "</li>\n";
      text_.Request(Separator::kLine);
      break;
    case MD_BLOCK_HR:
      text_.Request(Separator::kBlock);
      break;
    case MD_BLOCK_H:
      html_ += "</h" + std::to_string(heading_level_) + ">\n";
      text_.Request(Separator::kBlock);
      break;
    case MD_BLOCK_CODE:
      html_ += "</code></pre>\n";
      text_.TrimTrailingNewlines(code_text_start_);
      text_.Request(Separator::kBlock);
      break;
    case MD_BLOCK_HTML:
    case MD_BLOCK_P:
      if (std::optional<Embed> embed = embed_start_ == std::string::npos
                                           ? std::nullopt
                                           : RecognizeEmbed(embed_text_)) {
        html_.resize(embed_start_);
        html_ += EmbedHtml(*embed);
      } else if (std::optional<ReadAlso> also =
                     embed_start_ == std::string::npos
                         ? std::nullopt
                         : RecognizeReadAlso(embed_text_)) {
        std::string inner = html_.substr(embed_start_ + 3);  // after "<p>"
        bool linked = inner.find("<a href=") != std::string::npos;
        html_.resize(embed_start_);
        std::string search, ref;
        if (!linked && search_url_) search = search_url_(also->title);
        if (!search.empty() && link_ref_) ref = link_ref_(search);
        html_ += ReadAlsoHtml(*also, linked ? inner : std::string_view(),
                              search, ref);
        text_.Truncate(embed_text_start_);
      } else {
        html_ += "</p>\n";
      }
      embed_start_ = std::string::npos;
      text_.Request(Separator::kBlock);
      break;
    case MD_BLOCK_TABLE:
      html_ += "</table>\n";
      text_.Request(Separator::kBlock);
      break;
    case MD_BLOCK_THEAD:
      html_ += "</thead>\n";
      break;
    case MD_BLOCK_TBODY:
      html_ += "</tbody>\n";
      break;
    case MD_BLOCK_TR:
      html_ += "</tr>\n";
      text_.Request(Separator::kLine);
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      html_ += type == MD_BLOCK_TH ? "</th>\n" : "</td>\n";
      text_.Request(Separator::kCell);
      break;
    default:
      break;
  }
}

Result<Rendered> RenderCheckedMarkdown(std::string_view markdown,
                                       const RenderOptions& options) {
  // md4c 0.4.8 reads past the end of its input on some inputs (e.g. "~~"
  // runs near the end) and lets that byte steer parsing. Give it a copy
  // padded with NULs so that the read is in bounds and always sees the same
  // byte; HtmlRenderer clips any text that reaches into the padding.
  std::string padded;
  padded.reserve(markdown.size() + kInputPadding);
  padded.append(markdown);
  padded.append(kInputPadding, '\0');
  std::string_view input(padded.data(), markdown.size());

  HtmlRenderer renderer(options, input);
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = kBaseFlags;
  if (!HasTooManyBareUrlCandidates(input)) parser.flags |= kBareUrlFlags;
  parser.enter_block = &HtmlRenderer::OnEnterBlock;
  parser.leave_block = &HtmlRenderer::OnLeaveBlock;
  parser.enter_span = &HtmlRenderer::OnEnterSpan;
  parser.leave_span = &HtmlRenderer::OnLeaveSpan;
  parser.text = &HtmlRenderer::OnText;
  int rc = md_parse(input.data(), static_cast<MD_SIZE>(input.size()), &parser,
                    &renderer);
  if (rc != 0) {
    return Status::Internal("md4c failed to parse markdown (rc " +
                            std::to_string(rc) + ")");
  }
  return renderer.Take();
}

}  // namespace warta::markup
