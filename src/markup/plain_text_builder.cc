#include "markup/plain_text_builder.h"

namespace warta::markup {

void PlainTextBuilder::Append(std::string_view text) {
  if (text.empty()) return;
  if (!text_.empty()) {
    switch (pending_) {
      case Separator::kNone:
        break;
      case Separator::kCell:
        text_ += '\t';
        break;
      case Separator::kLine:
        text_ += '\n';
        break;
      case Separator::kBlock:
        text_ += "\n\n";
        break;
    }
  }
  pending_ = Separator::kNone;
  forced_ = false;
  text_.append(text);
}

void PlainTextBuilder::Request(Separator sep) {
  if (sep > pending_) pending_ = sep;
  forced_ = false;
}

void PlainTextBuilder::Open(Separator sep) {
  if (!forced_ && sep > pending_) pending_ = sep;
}

void PlainTextBuilder::Force(Separator sep) {
  pending_ = sep;
  forced_ = true;
}

void PlainTextBuilder::TrimTrailingNewlines(std::size_t from) {
  while (text_.size() > from && text_.back() == '\n') text_.pop_back();
}

void PlainTextBuilder::Truncate(std::size_t size) {
  if (size < text_.size()) text_.resize(size);
}

}  // namespace warta::markup
