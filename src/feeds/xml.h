// XML text helpers shared by the feed and sitemap writers: escaping for
// element text and attribute values, CDATA sections. Output is always
// well-formed XML 1.0: ill-formed UTF-8 becomes U+FFFD and characters XML
// forbids (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF) are
// dropped. Pure functions, thread-safe.
#ifndef WARTA_FEEDS_XML_H_
#define WARTA_FEEDS_XML_H_

#include <string>
#include <string_view>

namespace warta::feeds {

// Appends `text` with &, <, >, " and ' escaped.
void AppendXmlEscaped(std::string& out, std::string_view text);
std::string XmlEscape(std::string_view text);

// Appends "<![CDATA[text]]>"; a "]]>" inside is split across two sections.
void AppendCdata(std::string& out, std::string_view text);

// Appends "<name>escaped text</name>".
void AppendElement(std::string& out, std::string_view name,
                   std::string_view text);

// Makes root-relative URLs in href="/..." and src="/..." attributes of a
// sanitized HTML fragment absolute by prefixing `origin`
// ("https://kabarin.id"). Scheme-relative ("//host") URLs are left alone.
std::string AbsolutizeHtml(std::string_view html, std::string_view origin);

}  // namespace warta::feeds

#endif  // WARTA_FEEDS_XML_H_
