#include "ingest/flat_json.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace warta::ingest {
namespace {

using nlohmann::json;

TEST(FlatJsonTest, ReadsStringsListsAndNulls) {
  auto o = ParseFlatObject(
      " {\"title\": \"Banjir \\\"besar\\\"\\n\\u00e9\\ud83d\\udcf0\\/\", "
      "\"tags\": [\"a\", \"b\"], \"x\": null, \"e\": [], \"k\\u0041\": \"\"} ");
  ASSERT_TRUE(o.has_value());
  ASSERT_EQ(o->members.size(), 5u);
  EXPECT_EQ(o->Find("title")->text,
            "Banjir \"besar\"\n\xC3\xA9\xF0\x9F\x93\xB0/");
  EXPECT_EQ(o->Find("tags")->list, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(o->Find("x")->kind, FlatValue::Kind::kNull);
  EXPECT_EQ(o->Find("e")->kind, FlatValue::Kind::kList);
  EXPECT_EQ(o->Find("kA")->kind, FlatValue::Kind::kString);
  EXPECT_EQ(o->Find("missing"), nullptr);
  EXPECT_TRUE(ParseFlatObject("{}").has_value());
}

TEST(FlatJsonTest, LeavesEverythingElseToTheFullParser) {
  for (const char* line : {
           "",
           "[]",
           "\"x\"",
           "{",
           "{\"a\":}",
           "{\"a\" \"b\"}",
           "{\"a\":\"b\",}",
           "{\"a\":\"b\"} x",
           "{\"a\":1}",
           "{\"a\":true}",
           "{\"a\":{}}",
           "{\"a\":[1]}",
           "{\"a\":[\"b\",]}",
           "{\"a\":\"b\",\"a\":\"c\"}",   // a repeated key
           "{\"a\":\"\\x\"}",             // an unknown escape
           "{\"a\":\"\\ud800\"}",         // a lone surrogate
           "{\"a\":\"\\udc00\\ud800\"}",  // halves the wrong way
           "{\"a\":\"\\u12\"}",
           "{\"a\":\"tab\there\"}",
           "{\"a\":\"\xC3\"}",           // invalid UTF-8
           "\xEF\xBB\xBF{\"a\":\"b\"}",  // a byte order mark
           "{\"a\":nul}",
           "{\"a\":nullx}",
           "{\"a\":\"b\"",
       }) {
    EXPECT_FALSE(ParseFlatObject(line).has_value()) << line;
  }
  // Many members: the repeated-key check is linear, so the full parser
  // (a map) takes them.
  std::string many = "{";
  for (int i = 0; i < 65; ++i)
    many += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":null";
  EXPECT_FALSE(ParseFlatObject(many + "}").has_value());
  many.erase(many.rfind(','));
  EXPECT_TRUE(ParseFlatObject(many + "}").has_value());  // 64 members
}

// What nlohmann reads from a line, as a flat object (nullopt when it is
// not one).
std::optional<std::map<std::string, FlatValue>> ByNlohmann(
    const std::string& line) {
  json j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  std::map<std::string, FlatValue> out;
  for (const auto& [key, v] : j.items()) {
    FlatValue value;
    if (v.is_string()) {
      value.kind = FlatValue::Kind::kString;
      value.text = v.get<std::string>();
    } else if (v.is_array()) {
      value.kind = FlatValue::Kind::kList;
      for (const json& item : v) {
        if (!item.is_string()) return std::nullopt;
        value.list.push_back(item.get<std::string>());
      }
    } else if (!v.is_null()) {
      return std::nullopt;
    }
    out[key] = value;
  }
  return out;
}

// Lines built from pieces and then damaged at random: whatever
// ParseFlatObject accepts, nlohmann accepts too, with the same members.
TEST(FlatJsonTest, AgreesWithNlohmann) {
  const std::vector<std::string> keys = {"\"title\"", "\"body\"",
                                         "\"t\\u0061g\"", "\"\"", "\"a b\""};
  const std::vector<std::string> values = {
      "\"Seoul (KABARIN) - \\\"kutip\\\"\"",
      "\"\\u00e9\\ud83d\\udcf0\"",
      "\"\xE2\x80\x9C"
      "kata\xE2\x80\x9D\"",
      "\"baris\\nbaru\\t\\/\\\\\"",
      "[\"a\", \"b\"]",
      "[]",
      "null",
      "\"\"",
      "1",
      "true",
      "{\"x\":\"y\"}",
      "\"\\u0000\""};
  const std::string noise = "{}[]\",:\\ u\xC3\xFFn1\t";
  std::uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  int accepted = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string line = next() % 5 == 0 ? " {" : "{";
    const std::uint32_t members = next() % 4;
    for (std::uint32_t m = 0; m < members; ++m) {
      if (m > 0) line += next() % 2 ? ", " : ",";
      line += keys[next() % keys.size()];
      line += next() % 2 ? ": " : ":";
      line += values[next() % values.size()];
    }
    line += "}";
    for (std::uint32_t d = next() % 3; d > 0 && !line.empty(); --d) {
      const std::size_t at = next() % line.size();
      switch (next() % 3) {
        case 0:
          line.erase(at, 1);
          break;
        case 1:
          line.insert(at, 1, noise[next() % noise.size()]);
          break;
        default:
          line[at] = noise[next() % noise.size()];
      }
    }
    std::optional<FlatObject> flat = ParseFlatObject(line);
    if (!flat) continue;
    ++accepted;
    auto want = ByNlohmann(line);
    ASSERT_TRUE(want.has_value()) << line;
    std::map<std::string, FlatValue> got(flat->members.begin(),
                                         flat->members.end());
    ASSERT_EQ(got.size(), flat->members.size()) << line;
    EXPECT_EQ(got, *want) << line;
  }
  EXPECT_GT(accepted, 2000);  // the comparison ran on many lines
}

}  // namespace
}  // namespace warta::ingest
