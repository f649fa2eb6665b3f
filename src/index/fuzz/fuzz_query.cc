// libFuzzer target for the search box's query parser: any bytes must parse
// or fail with InvalidArgument, never crash or hang.
// Built only with clang (see ../CMakeLists.txt); scripts/fuzz runs it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "index/query.h"
#include "text/analyzer.h"
#include "text/stemmer.h"

namespace {

const warta::text::Analyzer& TheAnalyzer() {
  static const auto* stemmer = [] {
    warta::text::StemmerOptions options;  // the Hunspell dictionary if present
    auto s = warta::text::Stemmer::Open(options);
    if (!s.ok()) std::abort();
    return s->release();
  }();
  static const auto* analyzer = new warta::text::Analyzer(*stemmer);
  return *analyzer;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto parsed = warta::index::ParseQuery(in, TheAnalyzer());
  // Refusals are InvalidArgument (HTTP 400), never anything else.
  if (!parsed.ok() &&
      parsed.status().code() != warta::StatusCode::kInvalidArgument) {
    std::fprintf(stderr, "unexpected status: %s\n",
                 parsed.status().ToString().c_str());
    std::abort();
  }
  return 0;
}
