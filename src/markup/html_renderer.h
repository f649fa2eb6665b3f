// The md4c-driven half of RenderMarkdown: HtmlRenderer receives md4c's SAX
// callbacks and writes sanitized HTML and plain text. Module-internal; the
// rest of warta uses markup/markdown.h. One HtmlRenderer per document;
// thread-compatible (no shared state).
#ifndef WARTA_MARKUP_HTML_RENDERER_H_
#define WARTA_MARKUP_HTML_RENDERER_H_

#include <md4c.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "markup/markdown.h"
#include "markup/plain_text_builder.h"
#include "markup/url_policy.h"

namespace warta::markup {

// NUL bytes kept after the end of the input handed to md4c.
inline constexpr std::size_t kInputPadding = 64;

// Renders `markdown`, which the caller has checked for size and UTF-8
// validity. Fails (Internal) only when md4c itself fails, i.e. runs out of
// memory.
Result<Rendered> RenderCheckedMarkdown(std::string_view markdown,
                                       const RenderOptions& options);

// Receives one document's md4c events. Whatever order md4c reports spans in,
// the HTML it writes is balanced: a leave without an enter is ignored and
// spans still open at a block boundary are closed there.
class HtmlRenderer {
 public:
  // `input` is the document md4c parses, followed in memory by
  // kInputPadding readable bytes.
  HtmlRenderer(const RenderOptions& options, std::string_view input);
  HtmlRenderer(const HtmlRenderer&) = delete;
  HtmlRenderer& operator=(const HtmlRenderer&) = delete;

  // md4c callbacks; `self` is the HtmlRenderer. They always return 0.
  static int OnEnterBlock(MD_BLOCKTYPE type, void* detail, void* self) {
    static_cast<HtmlRenderer*>(self)->EnterBlock(type, detail);
    return 0;
  }
  static int OnLeaveBlock(MD_BLOCKTYPE type, void* /*detail*/, void* self) {
    static_cast<HtmlRenderer*>(self)->LeaveBlock(type);
    return 0;
  }
  static int OnEnterSpan(MD_SPANTYPE type, void* detail, void* self) {
    static_cast<HtmlRenderer*>(self)->EnterSpan(type, detail);
    return 0;
  }
  static int OnLeaveSpan(MD_SPANTYPE type, void* /*detail*/, void* self) {
    static_cast<HtmlRenderer*>(self)->LeaveSpan(type);
    return 0;
  }
  static int OnText(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size,
                    void* self) {
    auto* renderer = static_cast<HtmlRenderer*>(self);
    renderer->Text(type, renderer->ClipToInput(text, size));
    return 0;
  }

  // The output, once md_parse has returned.
  Rendered Take();

 private:
  // Items seen in an open list, and the plain-text size when it opened.
  struct ListState {
    std::size_t items = 0;
    std::size_t text_start = 0;
  };
  // An inline element md4c has opened; `wrote_tag` is false for refused
  // links and for spans we render as bare text.
  struct OpenSpan {
    MD_SPANTYPE type;
    bool wrote_tag;
  };

  // `text` cut at the end of the input when it points into it.
  std::string_view ClipToInput(const MD_CHAR* text, MD_SIZE size) const;

  // Blocks (html_renderer.cc).
  void EnterBlock(MD_BLOCKTYPE type, void* detail);
  void LeaveBlock(MD_BLOCKTYPE type);
  void EmitLeadInParagraph();

  // Spans and text (html_renderer_inline.cc).
  void EnterSpan(MD_SPANTYPE type, void* detail);
  void LeaveSpan(MD_SPANTYPE type);
  void Text(MD_TEXTTYPE type, std::string_view text);
  void AppendText(std::string_view text);
  // Closes open spans from the innermost down to index `size` (kept), so
  // the HTML stays balanced even if md4c's span events do not.
  void CloseSpansDownTo(std::size_t size);
  bool EnterLink(const MD_SPAN_A_DETAIL& detail);
  void EnterImage(const MD_SPAN_IMG_DETAIL& detail);
  void FinishImage();

  const std::string lead_in_;
  // RenderOptions::search_url (may be unset).
  const std::function<std::string(std::string_view)> search_url_;
  // RenderOptions::link_ref (may be unset).
  const std::function<std::string(std::string_view)> link_ref_;
  const std::string_view input_;
  std::string html_;
  PlainTextBuilder text_;
  std::string scratch_;

  int depth_ = 0;                 // block nesting below the document
  bool seen_block_ = false;       // a top-level block has started
  bool lead_in_pending_ = false;  // the next <p> starts with the lead-in
  std::vector<ListState> lists_;
  unsigned heading_level_ = 2;
  std::size_t code_text_start_ = 0;

  std::vector<OpenSpan> spans_;  // innermost last
  bool after_break_ = false;     // the last text event was a line break
  int image_depth_ = 0;  // images open inside the outermost one's alt text
  std::optional<SafeUrl> image_src_;
  std::string image_title_;
  std::string image_alt_;

  // A top-level paragraph that may hold only an embeddable URL
  // (markup/embed.h): where its <p> starts in html_, and its text so far.
  // embed_start_ is npos when the open paragraph cannot be an embed.
  std::size_t embed_start_ = std::string::npos;
  std::string embed_text_;
  // The plain text's size when that paragraph opened ("Baca juga" lines,
  // markup/read_also.h, are taken out of it again).
  std::size_t embed_text_start_ = 0;
};

}  // namespace warta::markup

#endif  // WARTA_MARKUP_HTML_RENDERER_H_
