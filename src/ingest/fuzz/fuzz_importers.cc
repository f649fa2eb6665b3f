// libFuzzer target for the importers' parsers: every outside byte sequence
// must parse or fail with a Status, never crash, hang or leak.
//   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
//         -DCMAKE_C_COMPILER=clang && ninja -C build-fuzz ingest_fuzz
//   ./build-fuzz/src/ingest/ingest_fuzz -max_total_time=60
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/dateline.h"
#include "ingest/feed_parser.h"
#include "ingest/front_matter.h"
#include "ingest/html_to_markdown.h"
#include "ingest/jsonl_format.h"
#include "ingest/markdown_format.h"
#include "ingest/text_format.h"
#include "ingest/wire_feeds.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  warta::ingest::ImportDefaults defaults;
  (void)warta::ingest::ParseTextArticle(in);
  (void)warta::ingest::ParseFrontMatter(in);
  (void)warta::ingest::ParseMarkdownArticle(in, "fuzz", defaults);
  (void)warta::ingest::ParseJsonLine(in, defaults);
  (void)warta::ingest::ParseDateline(in);
  (void)warta::ingest::SplitDatelineField(in);
  // Wire ingestion: agency feeds, their HTML, dates and feeds.json.
  (void)warta::ingest::ParseFeed(in, 7 * 3600);
  (void)warta::ingest::HtmlToMarkdown(in);
  (void)warta::ingest::HtmlToText(in);
  (void)warta::ingest::ParseFeedDate(in, 0);
  (void)warta::ingest::ParseWireFeeds(in);
  return 0;
}
