#include "ingest/flat_json.h"

#include <cstdint>

#include "base/utf8.h"

namespace warta::ingest {
namespace {

// More members than any article line has (jsonl_format.cc reads 14).
constexpr std::size_t kMaxMembers = 64;

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  // Skips white space, then takes `c` if it comes next.
  bool Eat(char c) {
    SkipSpace();
    if (at_ < s_.size() && s_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }
  bool Next(char c) {
    SkipSpace();
    return at_ < s_.size() && s_[at_] == c;
  }
  bool Word(std::string_view w) {
    SkipSpace();
    if (s_.substr(at_, w.size()) != w) return false;
    at_ += w.size();
    return true;
  }
  bool AtEnd() {
    SkipSpace();
    return at_ == s_.size();
  }

  // A string literal, unescaped into `out`; false when there is none or it
  // is not well formed (a control character, an unknown escape, a lone
  // surrogate).
  bool String(std::string& out) {
    if (!Eat('"')) return false;
    out.clear();
    std::size_t run = at_;
    while (at_ < s_.size()) {
      const auto c = static_cast<unsigned char>(s_[at_]);
      if (c == '"') {
        out.append(s_.data() + run, at_ - run);
        ++at_;
        return true;
      }
      if (c < 0x20) return false;
      if (c != '\\') {
        ++at_;
        continue;
      }
      out.append(s_.data() + run, at_ - run);
      if (++at_ >= s_.size()) return false;
      switch (s_[at_++]) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          char32_t cp;
          if (!Hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {  // a pair's first half
            char32_t low;
            if (s_.substr(at_, 2) != "\\u") return false;
            at_ += 2;
            if (!Hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
          }
          AppendUtf8(out, cp);
          break;
        }
        default:
          return false;
      }
      run = at_;
    }
    return false;  // unterminated
  }

 private:
  void SkipSpace() {
    while (at_ < s_.size() && (s_[at_] == ' ' || s_[at_] == '\t' ||
                               s_[at_] == '\n' || s_[at_] == '\r')) {
      ++at_;
    }
  }
  bool Hex4(char32_t& cp) {
    if (at_ + 4 > s_.size()) return false;
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = s_[at_++];
      int v;
      if (h >= '0' && h <= '9') {
        v = h - '0';
      } else if (h >= 'a' && h <= 'f') {
        v = h - 'a' + 10;
      } else if (h >= 'A' && h <= 'F') {
        v = h - 'A' + 10;
      } else {
        return false;
      }
      cp = cp * 16 + static_cast<char32_t>(v);
    }
    return true;
  }

  std::string_view s_;
  std::size_t at_ = 0;
};

}  // namespace

const FlatValue* FlatObject::Find(std::string_view key) const {
  for (const auto& [name, value] : members) {
    if (name == key) return &value;
  }
  return nullptr;
}

std::optional<FlatObject> ParseFlatObject(std::string_view line) {
  // Everything outside strings must be ASCII, so the whole line is valid
  // UTF-8 exactly when every string in it is (as the full parser demands).
  if (!IsValidUtf8(line)) return std::nullopt;
  Reader r(line);
  FlatObject object;
  if (!r.Eat('{')) return std::nullopt;
  if (!r.Eat('}')) {
    do {
      std::string key;
      if (!r.String(key) || !r.Eat(':')) return std::nullopt;
      // A repeated key: which value counts is the full parser's call. The
      // check is linear, so an object of many members (an 8 MiB line may
      // hold a million) goes to the full parser too.
      if (object.members.size() == kMaxMembers || object.Find(key))
        return std::nullopt;
      FlatValue value;
      if (r.Next('"')) {
        value.kind = FlatValue::Kind::kString;
        if (!r.String(value.text)) return std::nullopt;
      } else if (r.Eat('[')) {
        value.kind = FlatValue::Kind::kList;
        if (!r.Eat(']')) {
          do {
            std::string item;
            if (!r.String(item)) return std::nullopt;
            value.list.push_back(std::move(item));
          } while (r.Eat(','));
          if (!r.Eat(']')) return std::nullopt;
        }
      } else if (r.Word("null")) {
        value.kind = FlatValue::Kind::kNull;
      } else {
        return std::nullopt;  // a number, true, false, an object: not flat
      }
      object.members.emplace_back(std::move(key), std::move(value));
    } while (r.Eat(','));
    if (!r.Eat('}')) return std::nullopt;
  }
  if (!r.AtEnd()) return std::nullopt;
  return object;
}

}  // namespace warta::ingest
