// RSS 2.0 (https://www.rssboard.org/rss-specification) with the content,
// Dublin Core and Atom namespaces.
#include "base/time.h"
#include "feeds/feed.h"
#include "feeds/xml.h"

namespace warta::feeds {

std::string RenderRss(const FeedChannel& ch,
                      const std::vector<FeedItem>& items) {
  std::string out;
  out.reserve(4096 + items.size() * 4096);
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" "
      "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
      "xmlns:media=\"http://search.yahoo.com/mrss/\" "
      "xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n";
  AppendElement(out, "title", ch.title);
  out += '\n';
  AppendElement(out, "link", ch.home_url);
  out += '\n';
  AppendElement(out, "description",
                ch.description.empty() ? ch.title : ch.description);
  out += "\n<atom:link href=\"";
  AppendXmlEscaped(out, ch.self_url);
  out += "\" rel=\"self\" type=\"application/rss+xml\"/>\n";
  AppendElement(out, "language", ch.language);
  out += '\n';
  AppendElement(out, "lastBuildDate", FormatHttpDate(ch.updated));
  out += '\n';
  out += "<generator>warta</generator>\n";
  if (!ch.icon_url.empty()) {
    out += "<image>";
    AppendElement(out, "url", ch.icon_url);
    AppendElement(out, "title", ch.title);
    AppendElement(out, "link", ch.home_url);
    out += "</image>\n";
  }
  for (const FeedItem& it : items) {
    out += "<item>\n";
    AppendElement(out, "title", it.title);
    out += '\n';
    AppendElement(out, "link", it.url);
    out += "\n<guid isPermaLink=\"true\">";
    AppendXmlEscaped(out, it.id);
    out += "</guid>\n";
    AppendElement(out, "pubDate", FormatHttpDate(it.published));
    out += '\n';
    for (const std::string& a : it.authors) {
      AppendElement(out, "dc:creator", a);
      out += '\n';
    }
    for (const std::string& c : it.categories) {
      AppendElement(out, "category", c);
      out += '\n';
    }
    AppendElement(out, "description", it.summary);
    out += "\n<content:encoded>";
    AppendCdata(out, it.content_html);
    out += "</content:encoded>\n";
    if (!it.image.empty()) {
      // RSS 2.0 enclosures need a length; 0 is the accepted "unknown".
      out += "<enclosure url=\"";
      AppendXmlEscaped(out, it.image);
      out += "\" length=\"0\" type=\"";
      out += it.image.ends_with(".png")    ? "image/png"
             : it.image.ends_with(".webp") ? "image/webp"
             : it.image.ends_with(".gif")  ? "image/gif"
                                           : "image/jpeg";
      out += "\"/>\n";
      if (!it.image_credit.empty()) {
        // Media RSS: the photo with its credit ("Foto: ..." on the page).
        out += "<media:content url=\"";
        AppendXmlEscaped(out, it.image);
        out += "\" medium=\"image\"><media:credit>";
        AppendXmlEscaped(out, it.image_credit);
        out += "</media:credit></media:content>\n";
      }
    }
    if (!it.source.empty() && !it.source_url.empty()) {
      out += "<source url=\"";
      AppendXmlEscaped(out, it.source_url);
      out += "\">";
      AppendXmlEscaped(out, it.source);
      out += "</source>\n";
    }
    out += "</item>\n";
  }
  out += "</channel>\n</rss>\n";
  return out;
}

}  // namespace warta::feeds
