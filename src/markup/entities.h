// Decoding of HTML character references as md4c reports them.
// Pure functions, thread-safe.
#ifndef WARTA_MARKUP_ENTITIES_H_
#define WARTA_MARKUP_ENTITIES_H_

#include <string>
#include <string_view>

namespace warta::markup {

// Appends the UTF-8 text of one character reference ("&amp;", "&#8220;",
// "&#x201C;") to `out`. Numeric references follow HTML: 0, surrogates and
// values above U+10FFFF give U+FFFD, 0x80-0x9F map through Windows-1252, and
// other C0 controls except tab, LF and CR give U+FFFD. Named references
// cover HTML 4 plus HTML5's names for ASCII punctuation; an unknown name is
// appended verbatim (so it shows literally once escaped).
void AppendDecodedEntity(std::string& out, std::string_view entity);

// Appends `raw` text (XML or HTML character data) to `out` with its
// character references decoded as above; a '&' that starts no reference of
// at most 32 letters, digits or '#' before its ';' stays as text. Linear in
// the size of `raw`.
void AppendDecodedText(std::string& out, std::string_view raw);

}  // namespace warta::markup

#endif  // WARTA_MARKUP_ENTITIES_H_
