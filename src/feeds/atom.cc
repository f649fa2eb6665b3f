// Atom 1.0 (RFC 4287).
#include "base/time.h"
#include "feeds/feed.h"
#include "feeds/xml.h"

namespace warta::feeds {
namespace {

void AppendLink(std::string& out, std::string_view rel, std::string_view type,
                std::string_view href) {
  out += "<link rel=\"";
  out += rel;
  out += '"';
  if (!type.empty()) {
    out += " type=\"";
    out += type;
    out += '"';
  }
  out += " href=\"";
  AppendXmlEscaped(out, href);
  out += "\"/>\n";
}

}  // namespace

std::string RenderAtom(const FeedChannel& ch,
                       const std::vector<FeedItem>& items) {
  std::string out;
  out.reserve(4096 + items.size() * 4096);
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed "
      "xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"";
  AppendXmlEscaped(out, ch.language);
  out += "\">\n";
  AppendElement(out, "id", ch.self_url);
  out += "\n<title type=\"text\">";
  AppendXmlEscaped(out, ch.title);
  out += "</title>\n";
  if (!ch.description.empty()) {
    AppendElement(out, "subtitle", ch.description);
    out += '\n';
  }
  AppendElement(out, "updated", FormatIso8601Utc(ch.updated));
  out += '\n';
  AppendLink(out, "self", "application/atom+xml", ch.self_url);
  AppendLink(out, "alternate", "text/html", ch.home_url);
  out += "<generator>warta</generator>\n";
  if (!ch.icon_url.empty()) {
    AppendElement(out, "icon", ch.icon_url);
    out += '\n';
  }
  // Atom needs an author on the feed when an entry has none.
  out += "<author><name>";
  AppendXmlEscaped(out, ch.title);
  out += "</name></author>\n";
  for (const FeedItem& it : items) {
    out += "<entry>\n";
    AppendElement(out, "id", it.id);
    out += "\n<title type=\"text\">";
    AppendXmlEscaped(out, it.title);
    out += "</title>\n";
    AppendLink(out, "alternate", "text/html", it.url);
    AppendElement(out, "published", FormatIso8601Utc(it.published));
    out += '\n';
    AppendElement(out, "updated", FormatIso8601Utc(it.updated));
    out += '\n';
    for (const std::string& a : it.authors) {
      out += "<author><name>";
      AppendXmlEscaped(out, a);
      out += "</name></author>\n";
    }
    for (const std::string& c : it.categories) {
      out += "<category term=\"";
      AppendXmlEscaped(out, c);
      out += "\"/>\n";
    }
    if (!it.image.empty()) AppendLink(out, "enclosure", "", it.image);
    if (!it.source_url.empty()) AppendLink(out, "via", "", it.source_url);
    out += "<summary type=\"text\">";
    AppendXmlEscaped(out, it.summary);
    out += "</summary>\n<content type=\"html\">";
    AppendXmlEscaped(out, it.content_html);
    out += "</content>\n</entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace warta::feeds
