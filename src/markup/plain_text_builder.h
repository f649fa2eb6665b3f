// Builds Rendered::plaintext: text runs joined by block separators that are
// written lazily, so no separator leads, trails or doubles up.
// Thread-compatible.
#ifndef WARTA_MARKUP_PLAIN_TEXT_BUILDER_H_
#define WARTA_MARKUP_PLAIN_TEXT_BUILDER_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace warta::markup {

// Separators, weakest first.
enum class Separator { kNone, kCell, kLine, kBlock };  // "", "\t", "\n", "\n\n"

class PlainTextBuilder {
 public:
  // Appends `text`, preceded by the pending separator unless nothing has
  // been written yet.
  void Append(std::string_view text);

  // A block ended: asks for at least `sep` before the next text.
  void Request(Separator sep);
  // A block starts: like Request, but yields to a separator set by Force.
  void Open(Separator sep);
  // Sets the pending separator to `sep`, also when weaker (a list item after
  // an earlier item's content is always one line away).
  void Force(Separator sep);

  // Removes trailing '\n' written at or after byte `from` (code blocks).
  void TrimTrailingNewlines(std::size_t from);

  // Drops what was written at or after byte `size` (taken from size()
  // before a block opened): a block that turned out not to be text.
  void Truncate(std::size_t size);

  std::size_t size() const { return text_.size(); }
  std::string Take() { return std::move(text_); }

 private:
  std::string text_;
  Separator pending_ = Separator::kNone;
  bool forced_ = false;
};

}  // namespace warta::markup

#endif  // WARTA_MARKUP_PLAIN_TEXT_BUILDER_H_
