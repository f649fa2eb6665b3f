#include "ingest/xml_reader.h"

#include <map>

#include "base/strings.h"
#include "base/utf8.h"
#include "markup/entities.h"

namespace warta::ingest {
namespace {

bool IsNameStart(unsigned char c) {
  return std::isalpha(c) || c == '_' || c == ':' || c >= 0x80;
}
bool IsNameChar(unsigned char c) {
  return IsNameStart(c) || std::isdigit(c) || c == '-' || c == '.';
}
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Windows-1252's 0x80-0x9F; the rest of the byte range is Latin-1.
constexpr char16_t kCp1252[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

std::string FromSingleByte(std::string_view in) {
  std::string out;
  out.reserve(in.size() + in.size() / 8);
  for (unsigned char c : in) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0xA0) {
      AppendUtf8(out, kCp1252[c - 0x80]);
    } else {
      AppendUtf8(out, c);
    }
  }
  return out;
}

// The encoding named in an XML declaration, lower-cased, or "".
std::string DeclaredEncoding(std::string_view doc) {
  if (!doc.starts_with("<?xml")) return "";
  size_t end = doc.find("?>");
  std::string_view decl = doc.substr(0, end);
  size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return "";
  size_t q = decl.find_first_of("\"'", at);
  if (q == std::string_view::npos) return "";
  size_t close = decl.find(decl[q], q + 1);
  if (close == std::string_view::npos) return "";
  return AsciiLower(decl.substr(q + 1, close - q - 1));
}

class Parser {
 public:
  explicit Parser(std::string_view doc) : s_(doc) {}

  Result<XmlElement> Document() {
    WARTA_RETURN_IF_ERROR(SkipMisc());
    if (pos_ >= s_.size() || s_[pos_] != '<')
      return Error("not an XML document (no root element)");
    XmlElement root;
    WARTA_RETURN_IF_ERROR(Element(root, 0));
    WARTA_RETURN_IF_ERROR(SkipMisc());
    if (pos_ < s_.size()) return Error("content after the root element");
    return root;
  }

 private:
  Status Error(std::string_view what) const {
    return Status::InvalidArgument("line " + std::to_string(line_) + ": " +
                                   std::string(what));
  }
  void Advance(size_t n) {
    for (size_t i = 0; i < n && pos_ < s_.size(); ++i, ++pos_)
      if (s_[pos_] == '\n') ++line_;
  }
  bool At(std::string_view lit) const {
    return s_.substr(pos_).starts_with(lit);
  }
  // Moves past `end`; error when it never comes.
  Status SkipPast(std::string_view end, std::string_view what) {
    size_t at = s_.find(end, pos_);
    if (at == std::string_view::npos)
      return Error("unterminated " + std::string(what));
    Advance(at + end.size() - pos_);
    return Status::Ok();
  }
  void SkipSpace() {
    while (pos_ < s_.size() && IsSpace(s_[pos_])) Advance(1);
  }

  // Comments, processing instructions, the DOCTYPE and white space.
  Status SkipMisc() {
    while (true) {
      SkipSpace();
      if (At("<?")) {
        WARTA_RETURN_IF_ERROR(SkipPast("?>", "processing instruction"));
      } else if (At("<!--")) {
        WARTA_RETURN_IF_ERROR(SkipPast("-->", "comment"));
      } else if (At("<!DOCTYPE") || At("<!doctype")) {
        // Skipped with its internal subset; entities declared there are
        // not expanded.
        int depth = 0;
        while (pos_ < s_.size()) {
          char c = s_[pos_];
          Advance(1);
          if (c == '[') ++depth;
          if (c == ']') --depth;
          if (c == '>' && depth <= 0) break;
        }
      } else {
        return Status::Ok();
      }
    }
  }

  std::string_view Name() {
    size_t start = pos_;
    if (pos_ < s_.size() && IsNameStart(s_[pos_])) {
      while (pos_ < s_.size() && IsNameChar(s_[pos_])) ++pos_;
    }
    return s_.substr(start, pos_ - start);
  }

  // Decodes entity and character references in `raw` into `out`.
  static void Decode(std::string& out, std::string_view raw) {
    markup::AppendDecodedText(out, raw);
  }

  Status Element(XmlElement& el, int depth) {
    if (depth > kMaxXmlDepth) return Error("elements nested too deeply");
    el.line = line_;
    Advance(1);  // '<'
    std::string_view name = Name();
    if (name.empty()) return Error("expected an element name after '<'");
    el.qname = std::string(name);
    // Attributes.
    bool empty = false;
    while (true) {
      SkipSpace();
      if (pos_ >= s_.size())
        return Error("unterminated tag <" + el.qname + ">");
      if (At("/>")) {
        Advance(2);
        empty = true;
        break;
      }
      if (s_[pos_] == '>') {
        Advance(1);
        break;
      }
      std::string_view an = Name();
      if (an.empty()) return Error("bad character in tag <" + el.qname + ">");
      SkipSpace();
      if (pos_ >= s_.size() || s_[pos_] != '=')
        return Error("attribute " + std::string(an) + " has no value");
      Advance(1);
      SkipSpace();
      if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\''))
        return Error("attribute " + std::string(an) + " value is not quoted");
      char q = s_[pos_];
      size_t close = s_.find(q, pos_ + 1);
      if (close == std::string_view::npos)
        return Error("unterminated attribute " + std::string(an));
      std::string value;
      Decode(value, s_.substr(pos_ + 1, close - pos_ - 1));
      Advance(close + 1 - pos_);
      el.attributes.emplace_back(std::string(an), std::move(value));
    }
    // Namespaces declared here, then this element's own.
    std::map<std::string, std::string> scope =
        scopes_.empty() ? std::map<std::string, std::string>{} : scopes_.back();
    for (const auto& [k, v] : el.attributes) {
      if (k == "xmlns") scope[""] = v;
      if (k.starts_with("xmlns:")) scope[k.substr(6)] = v;
    }
    size_t colon = el.qname.find(':');
    std::string prefix =
        colon == std::string::npos ? "" : el.qname.substr(0, colon);
    el.local =
        colon == std::string::npos ? el.qname : el.qname.substr(colon + 1);
    auto it = scope.find(prefix);
    if (it != scope.end()) el.ns = it->second;
    if (empty) return Status::Ok();
    scopes_.push_back(std::move(scope));
    Status s = Content(el, depth);
    scopes_.pop_back();
    return s;
  }

  Status Content(XmlElement& el, int depth) {
    // Text goes to el.text until the first child, then to the last child's
    // tail.
    auto sink = [&el]() -> std::string& {
      return el.children.empty() ? el.text : el.children.back().tail;
    };
    while (true) {
      size_t lt = s_.find('<', pos_);
      if (lt == std::string_view::npos)
        return Error("element <" + el.qname + "> is never closed");
      Decode(sink(), s_.substr(pos_, lt - pos_));
      Advance(lt - pos_);
      if (At("</")) {
        Advance(2);
        std::string_view end = Name();
        SkipSpace();
        if (pos_ >= s_.size() || s_[pos_] != '>' || end != el.qname) {
          return Error("expected </" + el.qname + ">, found </" +
                       std::string(end) + ">");
        }
        Advance(1);
        return Status::Ok();
      }
      if (At("<![CDATA[")) {
        Advance(9);
        size_t end = s_.find("]]>", pos_);
        if (end == std::string_view::npos) return Error("unterminated CDATA");
        sink().append(s_.substr(pos_, end - pos_));
        Advance(end + 3 - pos_);
      } else if (At("<!--")) {
        WARTA_RETURN_IF_ERROR(SkipPast("-->", "comment"));
      } else if (At("<?")) {
        WARTA_RETURN_IF_ERROR(SkipPast("?>", "processing instruction"));
      } else if (At("<!")) {
        return Error("unexpected markup declaration inside <" + el.qname + ">");
      } else {
        el.children.emplace_back();
        WARTA_RETURN_IF_ERROR(Element(el.children.back(), depth + 1));
      }
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  int line_ = 1;
  std::vector<std::map<std::string, std::string>> scopes_;
};

}  // namespace

const XmlElement* XmlElement::Child(std::string_view ns,
                                    std::string_view local) const {
  for (const XmlElement& c : children)
    if (c.ns == ns && c.local == local) return &c;
  return nullptr;
}

std::vector<const XmlElement*> XmlElement::Children(
    std::string_view ns, std::string_view local) const {
  std::vector<const XmlElement*> out;
  for (const XmlElement& c : children)
    if (c.ns == ns && c.local == local) out.push_back(&c);
  return out;
}

std::string_view XmlElement::Attribute(std::string_view name) const {
  for (const auto& [k, v] : attributes)
    if (k == name) return v;
  return {};
}

std::string XmlElement::DeepText() const {
  std::string out = text;
  for (const XmlElement& c : children) {
    out += c.DeepText();
    out += c.tail;
  }
  return out;
}

std::string XmlElement::InnerXml() const {
  std::string out = HtmlEscape(text);
  for (const XmlElement& c : children) {
    out += '<' + c.local;
    for (const auto& [k, v] : c.attributes) {
      if (k == "xmlns" || k.starts_with("xmlns:")) continue;
      out += ' ' + k + "=\"" + HtmlEscape(v) + '"';
    }
    out += '>';
    out += c.InnerXml();
    out += "</" + c.local + '>';
    out += HtmlEscape(c.tail);
  }
  return out;
}

Result<XmlElement> ParseXml(std::string_view document) {
  if (document.size() > kMaxXmlBytes)
    return Status::ResourceExhausted("document larger than 32 MiB");
  if (document.starts_with("\xEF\xBB\xBF")) document.remove_prefix(3);
  std::string converted;
  std::string enc = DeclaredEncoding(document);
  if (enc == "iso-8859-1" || enc == "latin1" || enc == "windows-1252" ||
      enc == "cp1252" || enc == "us-ascii") {
    converted = FromSingleByte(document);
  } else if (!enc.empty() && enc != "utf-8" && enc != "utf8") {
    return Status::InvalidArgument("unsupported encoding \"" + enc + "\"");
  } else if (!IsValidUtf8(document)) {
    converted = SanitizeUtf8(document);
  } else {
    return Parser(document).Document();
  }
  return Parser(converted).Document();
}

}  // namespace warta::ingest
