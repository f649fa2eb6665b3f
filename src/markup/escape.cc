// EscapeMarkdownText (declared in markup/markdown.h).
#include <cstddef>
#include <string>
#include <string_view>

#include "markup/markdown.h"

namespace warta::markup {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
bool IsHexDigit(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// True when `s` starts with what md4c reads as a character reference:
// &name; (name [A-Za-z][A-Za-z0-9]{1,47}), &#digits; (1-7) or &#xhex; (1-6).
bool StartsWithEntity(std::string_view s) {
  if (s.size() < 3 || s[0] != '&') return false;
  std::size_t i = 1;
  std::size_t min = 1, max = 0;
  bool (*accept)(char) = nullptr;
  if (IsAlpha(s[1])) {
    i = 2;
    min = 1;
    max = 47;
    accept = IsAlnum;
  } else if (s[1] == '#') {
    bool hex = s.size() > 2 && (s[2] == 'x' || s[2] == 'X');
    i = hex ? 3 : 2;
    min = 1;
    max = hex ? 6 : 7;
    accept = hex ? IsHexDigit : IsDigit;
  } else {
    return false;
  }
  std::size_t start = i;
  while (i < s.size() && i - start < max && accept(s[i])) ++i;
  std::size_t count = i - start;
  return count >= min && i < s.size() && s[i] == ';';
}

// Length of a "1." / "1)" ordered-list marker at the start of `line` that
// md4c would accept (1-9 digits, then '.' or ')', then blank or line end);
// the index of the '.' or ')' is returned, or npos.
std::size_t OrderedMarkerPunct(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && i < 10 && IsDigit(line[i])) ++i;
  if (i == 0 || i > 9 || i >= line.size()) return std::string_view::npos;
  if (line[i] != '.' && line[i] != ')') return std::string_view::npos;
  if (i + 1 < line.size() && !IsBlank(line[i + 1])) {
    return std::string_view::npos;
  }
  return i;
}

void AppendBlankReference(std::string& out, char c) {
  out += c == '\t' ? "&#9;" : "&#32;";
}

void EscapeLine(std::string_view line, std::string& out) {
  std::size_t first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos) return;  // blank: a paragraph break
  std::size_t last = line.find_last_not_of(" \t");

  std::size_t i = 0;
  if (first > 0) {
    // Leading blanks would be dropped (or start a code block); a reference
    // keeps them, and the line then cannot start a block marker.
    AppendBlankReference(out, line[0]);
    out.append(line.substr(1, first - 1));
    i = first;
  } else {
    switch (line[0]) {
      case '#':
      case '>':
      case '-':
      case '+':
      case '=':
        out += '\\';
        break;
      default: {
        std::size_t punct = OrderedMarkerPunct(line);
        if (punct != std::string_view::npos) {
          out.append(line.substr(0, punct));
          out += '\\';
          i = punct;
        }
      }
    }
  }

  // Runs of characters that need no escape are appended whole (every
  // imported plain-text paragraph passes through here).
  std::size_t run = i;
  for (; i <= last; ++i) {
    switch (line[i]) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '|':
      case '~':
        break;
      case '&':
        if (StartsWithEntity(line.substr(i))) break;
        continue;
      default:
        continue;
    }
    out.append(line.data() + run, i - run);
    out += '\\';
    run = i;  // the character itself starts the next run
  }
  out.append(line.data() + run, last + 1 - run);

  // Trailing blanks would be dropped or make a hard break; keep them the
  // same way as leading ones.
  if (last + 1 < line.size()) {
    out.append(line.substr(last + 1, line.size() - last - 2));
    AppendBlankReference(out, line.back());
  }
}

}  // namespace

std::string EscapeMarkdownText(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8 + 8);
  std::size_t start = 0;
  while (true) {
    // CommonMark ends lines at "\n", "\r\n" and a lone "\r".
    std::size_t end = text.find_first_of("\r\n", start);
    EscapeLine(text.substr(start, end == std::string_view::npos
                                      ? std::string_view::npos
                                      : end - start),
               out);
    if (end == std::string_view::npos) break;
    out += '\n';
    start = end + 1;
    if (text[end] == '\r' && start < text.size() && text[start] == '\n') {
      ++start;
    }
  }
  return out;
}

}  // namespace warta::markup
