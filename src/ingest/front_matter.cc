#include "ingest/front_matter.h"

#include "base/strings.h"

namespace warta::ingest {
namespace {

Status LineError(int line, std::string_view what) {
  return Status::InvalidArgument("line " + std::to_string(line) + ": " +
                                 std::string(what));
}

// Reads a quoted string starting at s[0] (a quote); sets `consumed`.
Result<std::string> ReadQuoted(std::string_view s, size_t& consumed, int line) {
  char q = s[0];
  std::string out;
  for (size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (q == '"' && c == '\\' && i + 1 < s.size()) {
      char n = s[++i];
      switch (n) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        default:
          out += '\\';
          out += n;
      }
      continue;
    }
    if (q == '\'' && c == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {
      out += '\'';  // '' is an escaped quote in single-quoted YAML
      ++i;
      continue;
    }
    if (c == q) {
      consumed = i + 1;
      return out;
    }
    out += c;
  }
  return LineError(line, "unterminated quoted string");
}

// A scalar: quoted, or plain up to a " #" comment.
Result<std::string> ReadScalar(std::string_view s, int line) {
  s = Trim(s);
  if (s.empty()) return std::string();
  if (s[0] == '"' || s[0] == '\'') {
    size_t used = 0;
    WARTA_ASSIGN_OR_RETURN(std::string v, ReadQuoted(s, used, line));
    std::string_view rest = Trim(s.substr(used));
    if (!rest.empty() && rest[0] != '#')
      return LineError(line, "text after a quoted string");
    return v;
  }
  size_t hash = s.find(" #");
  if (hash != std::string_view::npos) s = Trim(s.substr(0, hash));
  return std::string(s);
}

Result<std::vector<std::string>> ReadFlowList(std::string_view s, int line) {
  // s starts with '['.
  std::vector<std::string> items;
  size_t i = 1;
  std::string current;
  while (i < s.size()) {
    char c = s[i];
    if (c == '"' || c == '\'') {
      size_t used = 0;
      WARTA_ASSIGN_OR_RETURN(std::string v,
                             ReadQuoted(s.substr(i), used, line));
      current += v;
      i += used;
      continue;
    }
    if (c == ',' || c == ']') {
      std::string item(Trim(current));
      if (!item.empty()) items.push_back(item);
      current.clear();
      if (c == ']') {
        std::string_view rest = Trim(s.substr(i + 1));
        if (!rest.empty() && rest[0] != '#')
          return LineError(line, "text after a list");
        return items;
      }
      ++i;
      continue;
    }
    current += c;
    ++i;
  }
  return LineError(line, "list without a closing ']'");
}

}  // namespace

Result<MarkdownDocument> ParseFrontMatter(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  MarkdownDocument doc;
  std::vector<std::string_view> lines = Split(text, '\n');
  auto clean = [](std::string_view l) {
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    return l;
  };
  if (lines.empty() || Trim(clean(lines[0])) != "---") {
    doc.body = std::string(text);
    return doc;
  }
  size_t i = 1;
  bool closed = false;
  for (; i < lines.size(); ++i) {
    int line_no = static_cast<int>(i) + 1;
    std::string_view l = clean(lines[i]);
    if (Trim(l) == "---" || Trim(l) == "...") {
      closed = true;
      ++i;
      break;
    }
    std::string_view t = Trim(l);
    if (t.empty() || t[0] == '#') continue;
    if (t[0] == '-') {
      if (doc.fields.empty() || !doc.fields.back().is_list ||
          (l.size() > 0 && l[0] != ' ' && l[0] != '-')) {
        return LineError(line_no, "a list item without a key above it");
      }
      WARTA_ASSIGN_OR_RETURN(std::string item,
                             ReadScalar(t.substr(1), line_no));
      if (!item.empty()) doc.fields.back().items.push_back(item);
      continue;
    }
    if (l[0] == ' ' || l[0] == '\t') {
      return LineError(
          line_no, "unexpected indentation (nested values are not supported)");
    }
    size_t colon = t.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      return LineError(line_no, "expected \"key: value\"");
    }
    FrontMatterValue f;
    f.key = AsciiLower(Trim(t.substr(0, colon)));
    f.line = line_no;
    for (char c : f.key) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
            c == '-'))
        return LineError(line_no, "bad key \"" + f.key + "\"");
    }
    for (const auto& other : doc.fields) {
      if (other.key == f.key)
        return LineError(line_no, "duplicate key \"" + f.key + "\"");
    }
    std::string_view value = Trim(t.substr(colon + 1));
    if (value.empty()) {
      f.is_list = true;  // a block list may follow; else an empty value
    } else if (value[0] == '[') {
      f.is_list = true;
      WARTA_ASSIGN_OR_RETURN(f.items, ReadFlowList(value, line_no));
    } else {
      WARTA_ASSIGN_OR_RETURN(std::string v, ReadScalar(value, line_no));
      f.items.push_back(std::move(v));
    }
    doc.fields.push_back(std::move(f));
  }
  if (!closed)
    return LineError(1, "front matter opened with --- is never closed");
  doc.body_line = static_cast<int>(i) + 1;
  for (size_t j = i; j < lines.size(); ++j) {
    doc.body += lines[j];
    if (j + 1 < lines.size()) doc.body += '\n';
  }
  return doc;
}

}  // namespace warta::ingest
