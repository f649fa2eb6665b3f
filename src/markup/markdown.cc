#include "markup/markdown.h"

#include <string>

#include "base/utf8.h"
#include "markup/html_renderer.h"

namespace warta::markup {

Result<Rendered> RenderMarkdown(std::string_view markdown,
                                const RenderOptions& options) {
  if (markdown.size() > kMaxMarkdownBytes) {
    return Status::InvalidArgument(
        "markdown is " + std::to_string(markdown.size()) +
        " bytes; the limit is " + std::to_string(kMaxMarkdownBytes));
  }
  if (!IsValidUtf8(markdown)) {
    return Status::InvalidArgument("markdown is not valid UTF-8");
  }
  return RenderCheckedMarkdown(markdown, options);
}

}  // namespace warta::markup
