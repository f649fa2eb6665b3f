// The YAML subset of Markdown front matter: "key: value" lines, single- or
// double-quoted strings, flow lists "[a, "b c"]", block lists ("key:" then
// "  - item" lines), '#' comments. Pure; thread-safe.
#ifndef WARTA_INGEST_FRONT_MATTER_H_
#define WARTA_INGEST_FRONT_MATTER_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace warta::ingest {

struct FrontMatterValue {
  std::string key;
  std::vector<std::string> items;  // one item for a scalar
  bool is_list = false;
  int line = 0;  // line of the key within the file (1-based)
};

struct MarkdownDocument {
  std::vector<FrontMatterValue> fields;  // in file order
  std::string body;                      // after the closing "---"
  int body_line = 1;                     // first line of the body
};

// Splits "---\nfront matter\n---\nbody". Without a leading "---" line the
// whole text is the body. Errors say "line N: ...".
Result<MarkdownDocument> ParseFrontMatter(std::string_view text);

}  // namespace warta::ingest

#endif  // WARTA_INGEST_FRONT_MATTER_H_
