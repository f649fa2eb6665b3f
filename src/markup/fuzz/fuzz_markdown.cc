// libFuzzer entry for RenderMarkdown and EscapeMarkdownText. Built only with
// clang (see ../CMakeLists.txt):
//   CXX=clang++ cmake -S . -B build-fuzz -G Ninja
//   ninja -C build-fuzz markup_fuzz
//   ./build-fuzz/src/markup/markup_fuzz -max_len=4096 corpus/
// A crash, sanitizer report or failed check aborts; keep each found input as
// a regression case in stress_test.cc.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/strings.h"
#include "markup/markdown.h"
#include "markup/safe_html_test_util.h"

namespace {

void CheckHtml(std::string_view html) {
  std::string problem = warta::markup::test_util::CheckSafeHtml(html);
  if (!problem.empty()) {
    std::fprintf(stderr, "unsafe HTML: %s\n", problem.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  warta::markup::RenderOptions options;
  if (size > 0 && (data[0] & 1) != 0) options.lead_in = "Jakarta (KABARIN) -";
  // As the newsroom renders: "Baca juga" search links, and references of
  // links to the site's pages (Urls::Search and Urls::LinkRef in shape).
  if (size > 0 && (data[0] & 2) != 0) {
    options.search_url = [](std::string_view q) {
      return "/cari?q=" + warta::UrlEncode(q);
    };
    options.link_ref = [](std::string_view href) -> std::string {
      if (href.substr(0, 8) != "/berita/") return "";
      return "article:" + warta::UrlEncode(href.substr(8));
    };
  }

  auto rendered = warta::markup::RenderMarkdown(input, options);
  if (rendered.ok()) CheckHtml(rendered->html);

  std::string escaped = warta::markup::EscapeMarkdownText(input);
  auto again = warta::markup::RenderMarkdown(escaped);
  if (again.ok()) CheckHtml(again->html);
  // Escaping keeps valid UTF-8 valid, so only the size limit may refuse it.
  if (rendered.ok() && !again.ok() &&
      escaped.size() <= warta::markup::kMaxMarkdownBytes) {
    std::abort();
  }
  return 0;
}
