// Datelines: "Seoul (KABARIN) - " opening a news story's first paragraph.
// Pure functions, thread-safe.
#ifndef WARTA_INGEST_DATELINE_H_
#define WARTA_INGEST_DATELINE_H_

#include <optional>
#include <string>
#include <string_view>

namespace warta::ingest {

struct Dateline {
  std::string city;    // "Seoul"
  std::string outlet;  // "KABARIN"
  std::size_t length;  // bytes of the paragraph the dateline takes, with the
                       // dash and the spaces after it
};

// Recognises "City (OUTLET) - ", with '-', '–' (en dash), '—' (em dash) or
// "--", at the start of `paragraph`. The city is 1-5 words that start with a
// capital letter and hold no sentence punctuation; the outlet is 1-40 bytes.
std::optional<Dateline> ParseDateline(std::string_view paragraph);

// "Seoul (KABARIN)" or "Seoul" -> city and outlet (outlet may be empty).
Dateline SplitDatelineField(std::string_view field);

}  // namespace warta::ingest

#endif  // WARTA_INGEST_DATELINE_H_
