// RSS and Atom documents -> FeedEntry lists.
#include "ingest/feed_parser.h"

#include "base/strings.h"
#include "ingest/html_to_markdown.h"
#include "ingest/xml_reader.h"

namespace warta::ingest {
namespace {

constexpr std::string_view kAtom = "http://www.w3.org/2005/Atom";
constexpr std::string_view kContent =
    "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kDc = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kMedia = "http://search.yahoo.com/mrss/";
constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kRss10 = "http://purl.org/rss/1.0/";

std::string TextOf(const XmlElement* e) {
  return e ? std::string(Trim(e->DeepText())) : std::string();
}

bool IsImage(std::string_view type, std::string_view url) {
  if (type.starts_with("image/")) return true;
  std::string u = AsciiLower(url);
  return type.empty() &&
         (u.ends_with(".jpg") || u.ends_with(".jpeg") || u.ends_with(".png") ||
          u.ends_with(".webp") || u.ends_with(".gif"));
}

// An item of RSS 0.9x/2.0 (ns "") or RSS 1.0 (ns kRss10).
FeedEntry RssItem(const XmlElement& item, std::string_view ns, int offset) {
  FeedEntry e;
  e.title = HtmlToText(TextOf(item.Child(ns, "title")));
  e.link = TextOf(item.Child(ns, "link"));
  std::string guid = TextOf(item.Child(ns, "guid"));
  if (guid.empty()) guid = std::string(Trim(item.Attribute("rdf:about")));
  e.key = !guid.empty() ? guid : !e.link.empty() ? e.link : e.title;
  if (e.link.empty() && guid.starts_with("http")) e.link = guid;
  std::string description = TextOf(item.Child(ns, "description"));
  std::string encoded = TextOf(item.Child(kContent, "encoded"));
  if (!encoded.empty()) {
    e.html = encoded;
    e.summary = description;
  } else {
    e.html = description;
  }
  for (const XmlElement* a : item.Children(kDc, "creator")) {
    std::string name = TextOf(a);
    if (!name.empty()) e.authors.push_back(name);
  }
  if (e.authors.empty()) {
    // RSS 2.0 <author> is "email (Name)"; keep the name.
    std::string a = TextOf(item.Child(ns, "author"));
    size_t open = a.find('('), close = a.rfind(')');
    if (open != std::string::npos && close != std::string::npos && close > open)
      a = a.substr(open + 1, close - open - 1);
    if (!Trim(a).empty() && a.find('@') == std::string::npos)
      e.authors.emplace_back(Trim(a));
  }
  for (const XmlElement* c : item.Children(ns, "category")) {
    std::string name = HtmlToText(TextOf(c));
    if (!name.empty()) e.categories.push_back(name);
  }
  for (const XmlElement* c : item.Children(kDc, "subject")) {
    std::string name = TextOf(c);
    if (!name.empty()) e.categories.push_back(name);
  }
  for (const XmlElement* enc : item.Children(ns, "enclosure")) {
    if (IsImage(enc->Attribute("type"), enc->Attribute("url"))) {
      e.image = std::string(enc->Attribute("url"));
      break;
    }
  }
  if (e.image.empty()) {
    for (std::string_view name : {"content", "thumbnail"}) {
      for (const XmlElement* m : item.Children(kMedia, name)) {
        std::string_view medium = m->Attribute("medium");
        if (medium == "image" || name == "thumbnail" ||
            IsImage(m->Attribute("type"), m->Attribute("url"))) {
          e.image = std::string(m->Attribute("url"));
          break;
        }
      }
      if (!e.image.empty()) break;
    }
  }
  std::string date = TextOf(item.Child(ns, "pubDate"));
  if (date.empty()) date = TextOf(item.Child(kDc, "date"));
  e.published = ParseFeedDate(date, offset);
  return e;
}

FeedEntry AtomEntry(const XmlElement& entry, int offset) {
  FeedEntry e;
  auto text_construct = [](const XmlElement* el) {
    if (!el) return std::string();
    std::string_view type = el->Attribute("type");
    // type="text" is plain text; html is escaped HTML; xhtml is inline
    // markup inside one <div>, written back as HTML.
    if (type == "xhtml") {
      const XmlElement* div = el->Child("http://www.w3.org/1999/xhtml", "div");
      return std::string(Trim(div ? div->InnerXml() : el->InnerXml()));
    }
    std::string t = TextOf(el);
    return type == "html" ? t : HtmlEscape(t);
  };
  const XmlElement* title = entry.Child(kAtom, "title");
  e.title = title && title->Attribute("type") != "text" &&
                    !title->Attribute("type").empty()
                ? HtmlToText(TextOf(title))
                : TextOf(title);
  for (const XmlElement* l : entry.Children(kAtom, "link")) {
    std::string_view rel = l->Attribute("rel");
    if (rel.empty() || rel == "alternate") {
      e.link = std::string(l->Attribute("href"));
      break;
    }
  }
  for (const XmlElement* l : entry.Children(kAtom, "link")) {
    if (l->Attribute("rel") == "enclosure" &&
        IsImage(l->Attribute("type"), l->Attribute("href"))) {
      e.image = std::string(l->Attribute("href"));
      break;
    }
  }
  std::string id = TextOf(entry.Child(kAtom, "id"));
  e.key = !id.empty() ? id : !e.link.empty() ? e.link : e.title;
  std::string content = text_construct(entry.Child(kAtom, "content"));
  std::string summary = text_construct(entry.Child(kAtom, "summary"));
  e.html = content.empty() ? summary : content;
  if (!content.empty()) e.summary = summary;
  for (const XmlElement* a : entry.Children(kAtom, "author")) {
    std::string name = TextOf(a->Child(kAtom, "name"));
    if (!name.empty()) e.authors.push_back(name);
  }
  for (const XmlElement* c : entry.Children(kAtom, "category")) {
    std::string label(c->Attribute("label"));
    if (label.empty()) label = std::string(c->Attribute("term"));
    if (!Trim(label).empty()) e.categories.emplace_back(Trim(label));
  }
  e.published = ParseFeedDate(TextOf(entry.Child(kAtom, "published")), offset);
  e.updated = ParseFeedDate(TextOf(entry.Child(kAtom, "updated")), offset);
  if (!e.published) e.published = e.updated;
  return e;
}

}  // namespace

Result<ParsedFeed> ParseFeed(std::string_view document, int offset) {
  WARTA_ASSIGN_OR_RETURN(XmlElement root, ParseXml(document));
  ParsedFeed feed;
  if (root.ns.empty() && root.local == "rss") {
    std::string version(root.Attribute("version"));
    feed.format = "rss " + (version.empty() ? std::string("2.0") : version);
    const XmlElement* channel = root.Child("", "channel");
    if (!channel)
      return Status::InvalidArgument("line " + std::to_string(root.line) +
                                     ": <rss> has no <channel>");
    feed.title = HtmlToText(TextOf(channel->Child("", "title")));
    feed.link = TextOf(channel->Child("", "link"));
    for (const XmlElement* item : channel->Children("", "item"))
      feed.entries.push_back(RssItem(*item, "", offset));
  } else if (root.ns == kRdf && root.local == "RDF") {
    feed.format = "rss 1.0";
    const XmlElement* channel = root.Child(kRss10, "channel");
    if (channel) {
      feed.title = TextOf(channel->Child(kRss10, "title"));
      feed.link = TextOf(channel->Child(kRss10, "link"));
    }
    for (const XmlElement* item : root.Children(kRss10, "item"))
      feed.entries.push_back(RssItem(*item, kRss10, offset));
  } else if (root.ns == kAtom && root.local == "feed") {
    feed.format = "atom 1.0";
    feed.title = TextOf(root.Child(kAtom, "title"));
    for (const XmlElement* l : root.Children(kAtom, "link")) {
      std::string_view rel = l->Attribute("rel");
      if (rel.empty() || rel == "alternate") feed.link = l->Attribute("href");
    }
    for (const XmlElement* entry : root.Children(kAtom, "entry"))
      feed.entries.push_back(AtomEntry(*entry, offset));
  } else {
    return Status::InvalidArgument("line " + std::to_string(root.line) + ": <" +
                                   root.qname +
                                   "> is neither an RSS nor an Atom feed");
  }
  for (const FeedEntry& e : feed.entries) {
    if (e.title.empty() && e.html.empty()) {
      return Status::InvalidArgument("feed entry \"" + e.key +
                                     "\" has neither a title nor content");
    }
  }
  return feed;
}

}  // namespace warta::ingest
