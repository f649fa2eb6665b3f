// A small, careful XML reader for agency feeds: reads a whole document into
// a tree of elements with resolved namespaces. Strict about structure
// (balanced, properly nested tags; one root element; nothing but comments
// and processing instructions around it), lenient about what feeds get
// wrong in text: HTML named entities (&nbsp;, &eacute;) are decoded, a stray
// '&' is kept as text. UTF-8 input; a declared ISO-8859-1 or windows-1252
// encoding is converted; ill-formed UTF-8 becomes U+FFFD. DTDs are skipped,
// never loaded (no external entities). Pure functions, thread-safe.
#ifndef WARTA_INGEST_XML_READER_H_
#define WARTA_INGEST_XML_READER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace warta::ingest {

inline constexpr std::size_t kMaxXmlBytes = 32u << 20;
inline constexpr int kMaxXmlDepth = 256;

struct XmlElement {
  std::string ns;     // namespace URI, "" for none
  std::string local;  // local name: "encoded" for content:encoded
  std::string qname;  // as written: "content:encoded"
  std::vector<std::pair<std::string, std::string>> attributes;  // as written
  // The element's text before its first child, and the text after it up
  // to its parent's next child (ElementTree's text and tail), so mixed
  // content keeps its order. Entities decoded, CDATA included.
  std::string text;
  std::string tail;
  std::vector<XmlElement> children;
  int line = 1;

  // The first child with this namespace and local name, or nullptr.
  const XmlElement* Child(std::string_view ns, std::string_view local) const;
  // All children with this namespace and local name.
  std::vector<const XmlElement*> Children(std::string_view ns,
                                          std::string_view local) const;
  // An attribute by its written name, or "".
  std::string_view Attribute(std::string_view name) const;
  // The text of this element and all its descendants, in order.
  std::string DeepText() const;
  // The content as markup again (children with their attributes, text
  // escaped), e.g. the XHTML of an Atom <content type="xhtml">.
  std::string InnerXml() const;
};

// Parses a document; InvalidArgument "line N: what is wrong" when it is not
// well-formed.
Result<XmlElement> ParseXml(std::string_view document);

}  // namespace warta::ingest

#endif  // WARTA_INGEST_XML_READER_H_
