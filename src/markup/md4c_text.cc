#include "markup/md4c_text.h"

#include <algorithm>

#include "markup/entities.h"

namespace warta::markup {
namespace {

bool IsBadControl(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

}  // namespace

std::string_view WithoutBadControls(std::string_view text,
                                    std::string& buffer) {
  if (std::none_of(text.begin(), text.end(),
                   [](char c) { return IsBadControl(c); })) {
    return text;
  }
  buffer.clear();
  for (char c : text) {
    if (IsBadControl(c)) {
      buffer.append(kReplacementChar);
    } else {
      buffer += c;
    }
  }
  return buffer;
}

std::string DecodeAttribute(const MD_ATTRIBUTE& attr) {
  std::string out;
  if (attr.text == nullptr || attr.size == 0) return out;
  for (int i = 0; attr.substr_offsets[i] < attr.size; ++i) {
    MD_OFFSET begin = attr.substr_offsets[i];
    std::string_view part(attr.text + begin,
                          attr.substr_offsets[i + 1] - begin);
    switch (attr.substr_types[i]) {
      case MD_TEXT_ENTITY:
        AppendDecodedEntity(out, part);
        break;
      case MD_TEXT_NULLCHAR:
        out.append(kReplacementChar);
        break;
      default:
        out.append(part);
    }
  }
  return out;
}

}  // namespace warta::markup
