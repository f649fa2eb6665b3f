#include "ingest/html_to_markdown.h"

#include <vector>

#include "base/strings.h"
#include "markup/entities.h"

namespace warta::ingest {
namespace {

struct Token {
  enum Kind { kText, kOpen, kClose } kind = kText;
  std::string name;  // lower-case tag name
  std::string text;  // decoded text
  std::string href, src, alt;
  bool self_closing = false;
};

void DecodeInto(std::string& out, std::string_view raw) {
  markup::AppendDecodedText(out, raw);
}

// The value of attribute `name` in a tag's attribute text, decoded.
std::string AttrValue(std::string_view attrs, std::string_view name) {
  std::string lower = AsciiLower(attrs);
  size_t at = 0;
  while ((at = lower.find(name, at)) != std::string::npos) {
    bool start =
        at == 0 || std::isspace(static_cast<unsigned char>(lower[at - 1]));
    size_t p = at + name.size();
    while (p < lower.size() &&
           std::isspace(static_cast<unsigned char>(lower[p])))
      ++p;
    if (!start || p >= lower.size() || lower[p] != '=') {
      at += name.size();
      continue;
    }
    ++p;
    while (p < lower.size() &&
           std::isspace(static_cast<unsigned char>(lower[p])))
      ++p;
    size_t end;
    std::string_view raw;
    if (p < attrs.size() && (attrs[p] == '"' || attrs[p] == '\'')) {
      end = attrs.find(attrs[p], p + 1);
      if (end == std::string_view::npos) end = attrs.size();
      raw = attrs.substr(p + 1, end - p - 1);
    } else {
      end = attrs.find_first_of(" \t\r\n>", p);
      if (end == std::string_view::npos) end = attrs.size();
      raw = attrs.substr(p, end - p);
    }
    std::string out;
    DecodeInto(out, raw);
    return std::string(Trim(out));
  }
  return "";
}

std::vector<Token> Tokenize(std::string_view html) {
  std::vector<Token> out;
  size_t i = 0;
  std::string skip_until;  // inside script/style: the closing tag
  while (i < html.size()) {
    size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) lt = html.size();
    if (lt > i && skip_until.empty()) {
      Token t;
      DecodeInto(t.text, html.substr(i, lt - i));
      out.push_back(std::move(t));
    }
    if (lt >= html.size()) break;
    if (html.substr(lt).starts_with("<!--")) {
      size_t end = html.find("-->", lt + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    size_t gt = html.find('>', lt);
    if (gt == std::string_view::npos) {
      if (skip_until.empty()) {
        Token t;
        DecodeInto(t.text, html.substr(lt));
        out.push_back(std::move(t));
      }
      break;
    }
    std::string_view tag = html.substr(lt + 1, gt - lt - 1);
    i = gt + 1;
    Token t;
    t.kind = Token::kOpen;
    if (!tag.empty() && tag[0] == '/') {
      t.kind = Token::kClose;
      tag.remove_prefix(1);
    }
    size_t name_end = 0;
    while (name_end < tag.size() &&
           (std::isalnum(static_cast<unsigned char>(tag[name_end])))) {
      ++name_end;
    }
    if (name_end == 0) {  // "<" followed by no name: text, or <!DOCTYPE>
      if (skip_until.empty() && tag.empty()) {
        Token text;
        text.text = "<>";
        out.push_back(std::move(text));
      }
      continue;
    }
    t.name = AsciiLower(tag.substr(0, name_end));
    if (!skip_until.empty()) {
      if (t.kind == Token::kClose && t.name == skip_until) skip_until.clear();
      continue;
    }
    if (t.kind == Token::kOpen &&
        (t.name == "script" || t.name == "style" || t.name == "iframe" ||
         t.name == "noscript" || t.name == "object" || t.name == "template" ||
         t.name == "select" || t.name == "textarea")) {
      if (!tag.ends_with("/")) skip_until = t.name;
      continue;
    }
    std::string_view attrs = tag.substr(name_end);
    t.self_closing = attrs.ends_with("/");
    if (t.name == "a") t.href = AttrValue(attrs, "href");
    if (t.name == "img") {
      t.src = AttrValue(attrs, "src");
      t.alt = AttrValue(attrs, "alt");
    }
    out.push_back(std::move(t));
  }
  return out;
}

bool IsBlock(const std::string& n) {
  static const char* kBlocks[] = {
      "p",      "div",        "section", "article", "header", "footer",
      "figure", "figcaption", "h1",      "h2",      "h3",     "h4",
      "h5",     "h6",         "ul",      "ol",      "li",     "blockquote",
      "pre",    "hr",         "table",   "tr",      "main",   "aside",
      "dl",     "dt",         "dd",      "address", "center", "caption"};
  for (const char* b : kBlocks)
    if (n == b) return true;
  return false;
}

// Escapes every ASCII punctuation that could start Markdown syntax inline.
void AppendEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '~':
      case '&':
      case '#':
      case '!':
        out += '\\';
        [[fallthrough]];
      default:
        out += c;
    }
  }
}

bool SafeUrl(std::string_view url, bool image) {
  std::string lower = AsciiLower(Trim(url));
  if (lower.empty()) return false;
  if (lower.starts_with("https://") || lower.starts_with("http://"))
    return true;
  return !image && lower.starts_with("mailto:");
}

// Percent-encodes what would end a Markdown link destination.
std::string LinkUrl(std::string_view url) {
  std::string out;
  for (char c : Trim(url)) {
    if (c == ' ' || c == '(' || c == ')' || c == '<' || c == '>' || c == '\\' ||
        c == '"' || static_cast<unsigned char>(c) < 0x20) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

class Writer {
 public:
  std::string Finish() {
    Flush();
    while (!out_.empty() && out_.back() == '\n') out_.pop_back();
    return out_.empty() ? out_ : out_ + "\n";
  }

  void Text(std::string_view text, bool pre) {
    if (pre) {
      line_ += text;
      return;
    }
    for (char c : text) {
      bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
      if (space) {
        pending_space_ = !line_.empty();
        continue;
      }
      if (pending_space_) {
        line_ += ' ';
        pending_space_ = false;
      }
      AppendEscaped(line_, std::string_view(&c, 1));
    }
  }
  // Raw Markdown syntax at the current position.
  void Syntax(std::string_view s) {
    if (pending_space_ && !line_.empty()) line_ += ' ';
    pending_space_ = false;
    line_ += s;
  }
  void Break() {
    if (!line_.empty()) line_ += "\\\n";
    pending_space_ = false;
  }
  size_t Mark() {
    if (pending_space_ && !line_.empty()) line_ += ' ';
    pending_space_ = false;
    return line_.size();
  }
  // Wraps line_[mark..] as a link; drops the link when its text is empty.
  void Link(size_t mark, const std::string& url) {
    if (mark > line_.size()) return;
    std::string inner = line_.substr(mark);
    while (inner.ends_with("\\\n")) inner.resize(inner.size() - 2);
    if (Trim(inner).empty()) return;
    line_.resize(mark);
    line_ += "[" + inner + "](" + LinkUrl(url) + ")";
  }
  void Wrap(size_t mark, std::string_view delim) {
    if (mark > line_.size()) return;
    std::string inner = line_.substr(mark);
    if (Trim(inner).empty() || inner.front() == ' ' || inner.back() == ' ')
      return;
    line_.resize(mark);
    line_ += std::string(delim) + inner + std::string(delim);
  }
  void SetPrefix(std::string prefix) { prefix_ = std::move(prefix); }
  // Like SetPrefix, but keeps a list or heading marker still waiting for
  // its text (<li><p>text</p></li>).
  void SetPrefixUnlessPending(std::string prefix) {
    if (prefix_.size() <= prefix.size()) prefix_ = std::move(prefix);
  }
  void SetCode(bool code) { code_ = code; }

  // Ends the current block.
  void Flush() {
    pending_space_ = false;
    std::string text(code_ ? std::string_view(line_) : Trim(line_));
    line_.clear();
    if (text.empty()) return;  // a pending list or heading marker stays
    if (code_) {
      out_ += "```\n" + text + (text.ends_with("\n") ? "" : "\n") + "```\n\n";
      prefix_.clear();
      return;
    }
    // Each line must not start a list, heading rule or numbered list.
    std::string block;
    for (std::string_view l : Split(text, '\n')) {
      std::string ln(l);
      if (!ln.empty() && (ln[0] == '-' || ln[0] == '+' || ln[0] == '=')) {
        ln.insert(0, "\\");
      } else {
        size_t d = 0;
        while (d < ln.size() && std::isdigit(static_cast<unsigned char>(ln[d])))
          ++d;
        if (d > 0 && d < ln.size() && (ln[d] == '.' || ln[d] == ')'))
          ln.insert(d, "\\");
      }
      if (!block.empty()) {
        block += '\n';
        // Continuation lines of a quote keep the marker.
        if (prefix_.starts_with(">"))
          block += "> ";
        else if (!prefix_.empty())
          block += std::string(prefix_.size(), ' ');
      }
      block += ln;
    }
    out_ += prefix_ + block + "\n\n";
    prefix_.clear();
  }

 private:
  std::string out_;
  std::string line_;
  std::string prefix_;
  bool pending_space_ = false;
  bool code_ = false;
};

}  // namespace

std::string HtmlToMarkdown(std::string_view html) {
  if (html.find('<') == std::string_view::npos) {
    // Plain text: paragraphs by blank lines.
    std::string decoded;
    DecodeInto(decoded, html);
    Writer w;
    std::string para;
    for (std::string_view line : Split(decoded, '\n')) {
      if (Trim(line).empty()) {
        w.Text(para, false);
        w.Flush();
        para.clear();
      } else {
        para += std::string(line) + " ";
      }
    }
    w.Text(para, false);
    return w.Finish();
  }
  Writer w;
  struct Open {
    std::string name;
    size_t mark = 0;
    std::string href;
  };
  std::vector<Open> inline_stack;
  std::vector<std::pair<bool, int>> lists;  // ordered?, counter
  int quote_depth = 0;
  bool pre = false;
  for (const Token& t : Tokenize(html)) {
    if (t.kind == Token::kText) {
      w.Text(t.text, pre);
      continue;
    }
    const std::string& n = t.name;
    if (t.kind == Token::kOpen) {
      if (n == "br") {
        w.Break();
      } else if (n == "img") {
        if (SafeUrl(t.src, true)) {
          size_t mark = w.Mark();
          (void)mark;
          std::string alt;
          AppendEscaped(alt, t.alt);
          w.Syntax("![" + alt + "](" + LinkUrl(t.src) + ")");
        }
      } else if (n == "a" || n == "strong" || n == "b" || n == "em" ||
                 n == "i" || n == "code") {
        inline_stack.push_back({n, w.Mark(), t.href});
      } else if (IsBlock(n)) {
        w.Flush();
        inline_stack.clear();
        if (n == "ul" || n == "ol") lists.push_back({n == "ol", 0});
        if (n == "blockquote") ++quote_depth;
        std::string quote;
        for (int q = 0; q < quote_depth; ++q) quote += "> ";
        if (n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6') {
          int level = std::max(2, n[1] - '0');
          w.SetPrefix(quote + std::string(level, '#') + " ");
        } else if (n == "li") {
          std::string marker = "- ";
          if (!lists.empty() && lists.back().first)
            marker = std::to_string(++lists.back().second) + ". ";
          w.SetPrefix(quote + marker);
        } else if (n == "pre") {
          pre = true;
          w.SetCode(true);
        } else if (n == "hr") {
          // A rule is a paragraph break here.
        } else {
          w.SetPrefixUnlessPending(quote);
        }
      }
      continue;
    }
    // Closing tags.
    if (n == "a" || n == "strong" || n == "b" || n == "em" || n == "i" ||
        n == "code") {
      for (size_t k = inline_stack.size(); k-- > 0;) {
        if (inline_stack[k].name != n) continue;
        Open o = inline_stack[k];
        inline_stack.resize(k);
        if (n == "a") {
          if (SafeUrl(o.href, false)) w.Link(o.mark, o.href);
        } else if (n == "strong" || n == "b") {
          w.Wrap(o.mark, "**");
        } else if (n == "em" || n == "i") {
          w.Wrap(o.mark, "*");
        }
        break;
      }
    } else if (IsBlock(n)) {
      w.Flush();
      inline_stack.clear();
      if ((n == "ul" || n == "ol") && !lists.empty()) lists.pop_back();
      if (n == "blockquote" && quote_depth > 0) --quote_depth;
      if (n == "pre") {
        pre = false;
        w.SetCode(false);
      }
      std::string quote;
      for (int q = 0; q < quote_depth; ++q) quote += "> ";
      w.SetPrefix(quote);
    }
  }
  return w.Finish();
}

std::string HtmlToText(std::string_view html) {
  std::string out;
  bool space = false;
  for (const Token& t : Tokenize(html)) {
    if (t.kind != Token::kText) {
      if (t.name == "br" || IsBlock(t.name)) space = !out.empty();
      continue;
    }
    for (char c : t.text) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

}  // namespace warta::ingest
