// HtmlRenderer's inline half: spans, text, links and images.
#include <algorithm>
#include <optional>
#include <string>

#include "base/strings.h"
#include "markup/entities.h"
#include "markup/html_renderer.h"
#include "markup/md4c_text.h"
#include "markup/url_policy.h"

namespace warta::markup {

void HtmlRenderer::EnterSpan(MD_SPANTYPE type, void* detail) {
  if (image_depth_ > 0) {  // alt text: no markup inside
    if (type == MD_SPAN_IMG) ++image_depth_;
    return;
  }
  // Only a link (the URL autolinked) may be in a paragraph that embeds.
  if (type != MD_SPAN_A) embed_start_ = std::string::npos;
  bool wrote_tag = true;
  switch (type) {
    case MD_SPAN_EM:
      html_ += "<em>";
      break;
    case MD_SPAN_STRONG:
      html_ += "<strong>";
      break;
    case MD_SPAN_DEL:
      html_ += "<del>";
      break;
    case MD_SPAN_CODE:
      html_ += "<code>";
      break;
    case MD_SPAN_A:
      wrote_tag = EnterLink(*static_cast<MD_SPAN_A_DETAIL*>(detail));
      break;
    case MD_SPAN_IMG:
      EnterImage(*static_cast<MD_SPAN_IMG_DETAIL*>(detail));
      wrote_tag = false;
      break;
    default:  // extensions we do not enable: their text shows as is
      wrote_tag = false;
      break;
  }
  spans_.push_back({type, wrote_tag});
}

void HtmlRenderer::LeaveSpan(MD_SPANTYPE type) {
  if (image_depth_ > 1) {
    if (type == MD_SPAN_IMG) --image_depth_;
    return;
  }
  if (image_depth_ == 1 && type != MD_SPAN_IMG) return;
  for (std::size_t i = spans_.size(); i-- > 0;) {
    if (spans_[i].type == type) {
      CloseSpansDownTo(i);
      return;
    }
  }
  // A leave without its enter: nothing of ours is open, so nothing to close.
}

void HtmlRenderer::CloseSpansDownTo(std::size_t size) {
  while (spans_.size() > size) {
    OpenSpan span = spans_.back();
    spans_.pop_back();
    if (span.type == MD_SPAN_IMG) {
      FinishImage();
      continue;
    }
    if (!span.wrote_tag) continue;
    switch (span.type) {
      case MD_SPAN_EM:
        html_ += "</em>";
        break;
      case MD_SPAN_STRONG:
        html_ += "</strong>";
        break;
      case MD_SPAN_DEL:
        html_ += "</del>";
        break;
      case MD_SPAN_CODE:
        html_ += "</code>";
        break;
      case MD_SPAN_A:
        html_ += "</a>";
        break;
      default:
        break;
    }
  }
}

void HtmlRenderer::Text(MD_TEXTTYPE type, std::string_view text) {
  bool after_break = after_break_;
  after_break_ = type == MD_TEXT_BR || type == MD_TEXT_SOFTBR;
  switch (type) {
    case MD_TEXT_NULLCHAR:
      AppendText(kReplacementChar);
      break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
      embed_start_ = std::string::npos;  // an embed's URL is one line
      if (image_depth_ > 0) {
        image_alt_ += ' ';
        text_.Append(" ");
      } else {
        html_ += type == MD_TEXT_BR ? "<br>\n" : "\n";
        text_.Append("\n");
      }
      break;
    case MD_TEXT_ENTITY: {
      std::string decoded;
      AppendDecodedEntity(decoded, text);
      AppendText(decoded);
      break;
    }
    case MD_TEXT_NORMAL:
      // md4c 0.4.8 repeats the line break as the first byte of the next
      // text after a www autolink holding a URL autolink
      // ("www.a.id(http://b.id/)\nx"); normal text never starts a line.
      if (after_break && !text.empty() && text.front() == '\n') {
        text.remove_prefix(1);
      }
      AppendText(text);
      break;
    default:  // code, (unexpected) raw HTML: all plain text to us
      AppendText(text);
      break;
  }
}

void HtmlRenderer::AppendText(std::string_view text) {
  text = WithoutBadControls(text, scratch_);
  if (image_depth_ > 0) {
    image_alt_.append(text);
  } else {
    AppendHtmlEscaped(html_, text);
  }
  if (embed_start_ != std::string::npos) {
    if (embed_text_.size() + text.size() > 512) {
      embed_start_ = std::string::npos;
    } else {
      embed_text_.append(text);
    }
  }
  text_.Append(text);
}

void HtmlRenderer::EmitLeadInParagraph() {
  html_ += "<p><span class=\"dateline\">";
  AppendHtmlEscaped(html_, lead_in_);
  html_ += "</span></p>\n";
}

bool HtmlRenderer::EnterLink(const MD_SPAN_A_DETAIL& detail) {
  bool inside_link =
      std::any_of(spans_.begin(), spans_.end(), [](const OpenSpan& span) {
        return span.type == MD_SPAN_A && span.wrote_tag;
      });
  if (inside_link) return false;
  std::optional<SafeUrl> url =
      SanitizeUrl(DecodeAttribute(detail.href), UrlUse::kLink);
  if (!url) return false;
  html_ += "<a href=\"";
  AppendHtmlEscaped(html_, url->url);
  html_ += '"';
  if (link_ref_) {
    std::string ref = link_ref_(url->url);
    if (!ref.empty()) {
      html_ += " data-ref=\"";
      AppendHtmlEscaped(html_, ref);
      html_ += '"';
    }
  }
  std::string title = DecodeAttribute(detail.title);
  if (!title.empty()) {
    html_ += " title=\"";
    AppendHtmlEscaped(html_, WithoutBadControls(title, scratch_));
    html_ += '"';
  }
  if (url->external) html_ += " rel=\"noopener noreferrer nofollow\"";
  html_ += '>';
  return true;
}

void HtmlRenderer::EnterImage(const MD_SPAN_IMG_DETAIL& detail) {
  image_depth_ = 1;
  image_src_ = SanitizeUrl(DecodeAttribute(detail.src), UrlUse::kImage);
  image_title_ = DecodeAttribute(detail.title);
  image_alt_.clear();
}

void HtmlRenderer::FinishImage() {
  image_depth_ = 0;
  if (!image_src_) {  // refused source: the alt text stands in
    AppendHtmlEscaped(html_, image_alt_);
    return;
  }
  html_ += "<img src=\"";
  AppendHtmlEscaped(html_, image_src_->url);
  html_ += "\" alt=\"";
  AppendHtmlEscaped(html_, image_alt_);
  html_ += '"';
  if (!image_title_.empty()) {
    html_ += " title=\"";
    AppendHtmlEscaped(html_, WithoutBadControls(image_title_, scratch_));
    html_ += '"';
  }
  html_ += " loading=\"lazy\" decoding=\"async\">";
}

}  // namespace warta::markup
