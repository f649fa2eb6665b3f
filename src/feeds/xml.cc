#include "feeds/xml.h"

#include "base/utf8.h"

namespace warta::feeds {
namespace {

bool AllowedInXml(char32_t cp) {
  if (cp < 0x20) return cp == 0x9 || cp == 0xA || cp == 0xD;
  if (cp >= 0xD800 && cp <= 0xDFFF) return false;
  return cp != 0xFFFE && cp != 0xFFFF;
}

// Appends `text` as valid XML characters, escaping with `escape`.
template <typename Escape>
void AppendClean(std::string& out, std::string_view text, Escape&& escape) {
  size_t pos = 0;
  while (pos < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      ++pos;
      if (!AllowedInXml(c)) continue;
      if (!escape(out, static_cast<char>(c))) out += static_cast<char>(c);
      continue;
    }
    size_t start = pos;
    char32_t cp = DecodeUtf8(text, pos);
    if (!AllowedInXml(cp)) continue;
    if (cp == 0xFFFD &&
        !(pos - start == 3 && text.substr(start, 3) == "\xEF\xBF\xBD")) {
      AppendUtf8(out, 0xFFFD);  // an ill-formed sequence
      continue;
    }
    out.append(text.substr(start, pos - start));
  }
}

}  // namespace

void AppendXmlEscaped(std::string& out, std::string_view text) {
  AppendClean(out, text, [](std::string& o, char c) {
    switch (c) {
      case '&':
        o += "&amp;";
        return true;
      case '<':
        o += "&lt;";
        return true;
      case '>':
        o += "&gt;";
        return true;
      case '"':
        o += "&quot;";
        return true;
      case '\'':
        o += "&apos;";
        return true;
      default:
        return false;
    }
  });
}

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  AppendXmlEscaped(out, text);
  return out;
}

void AppendCdata(std::string& out, std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  AppendClean(clean, text, [](std::string&, char) { return false; });
  out += "<![CDATA[";
  size_t from = 0;
  while (true) {
    size_t end = clean.find("]]>", from);
    if (end == std::string::npos) break;
    // "]]" closes this section, ">" opens the next one.
    out.append(clean, from, end + 2 - from);
    out += "]]><![CDATA[";
    from = end + 2;
  }
  out.append(clean, from, std::string::npos);
  out += "]]>";
}

void AppendElement(std::string& out, std::string_view name,
                   std::string_view text) {
  out += '<';
  out += name;
  out += '>';
  AppendXmlEscaped(out, text);
  out += "</";
  out += name;
  out += '>';
}

std::string AbsolutizeHtml(std::string_view html, std::string_view origin) {
  std::string out;
  out.reserve(html.size() + 64);
  size_t pos = 0;
  while (pos < html.size()) {
    size_t href = html.find("href=\"/", pos);
    size_t src = html.find("src=\"/", pos);
    size_t at = std::min(href, src);
    if (at == std::string_view::npos) break;
    size_t slash = html.find('"', at) + 1;
    // Only attribute names (preceded by a space), never text like "xhref=".
    bool attr = at > 0 && html[at - 1] == ' ';
    bool scheme_relative = slash + 1 < html.size() && html[slash + 1] == '/';
    out.append(html.substr(pos, slash - pos));
    if (attr && !scheme_relative) out.append(origin);
    pos = slash;
  }
  out.append(html.substr(pos));
  return out;
}

}  // namespace warta::feeds
