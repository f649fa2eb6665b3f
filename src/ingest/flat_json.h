// A flat JSON object (strings, lists of strings and nulls by key) read
// without building a document: JSON Lines archives are such objects, and a
// bulk import reads a million of them (parsing each into nlohmann's
// document was ~8% of an import worker's time). Anything else is left to a
// full parser (jsonl_format.cc), which also explains what is wrong. Pure;
// thread-safe.
#ifndef WARTA_INGEST_FLAT_JSON_H_
#define WARTA_INGEST_FLAT_JSON_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace warta::ingest {

struct FlatValue {
  enum class Kind { kNull, kString, kList, kOther };
  Kind kind = Kind::kNull;
  std::string text;               // kString
  std::vector<std::string> list;  // kList
  bool operator==(const FlatValue&) const = default;
};

struct FlatObject {
  std::vector<std::pair<std::string, FlatValue>> members;  // in line order
  // The member named `key`, or nullptr.
  const FlatValue* Find(std::string_view key) const;
};

// `line` when it is one JSON object (RFC 8259) of at most 64 members whose
// values are strings, lists of strings or null, each key once, in valid
// UTF-8, with nothing but white space around it; std::nullopt for anything
// else, including what is not JSON at all. What it returns is what a conforming parser
// reads from the line (flat_json_test.cc checks it against nlohmann's).
std::optional<FlatObject> ParseFlatObject(std::string_view line);

}  // namespace warta::ingest

#endif  // WARTA_INGEST_FLAT_JSON_H_
