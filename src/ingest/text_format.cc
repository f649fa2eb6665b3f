#include "ingest/text_format.h"

#include <vector>

#include "base/strings.h"
#include "base/utf8.h"
#include "content/slug.h"
#include "ingest/dateline.h"
#include "markup/markdown.h"

namespace warta::ingest {
namespace {

enum class LineKind {
  kBlank,
  kText,
  kReadingTime,  // "waktu baca 2 menit"
  kSource,       // "Sumber: X"
  kReporter,     // "Pewarta: X" / "Penulis: X"
  kEditor,       // "Editor: X"
  kTags,         // "Tag: a, b" / "Tags: a, b"
  kReadAlso,     // "Baca juga: ...": its own paragraph, which the renderer
                 // makes a related-link block (markup/read_also.h)
  kEnd,          // chrome after the body: "Bagikan", "Mungkin Kamu Suka"
};

// The value after "Label:" when `line` starts with one of `labels`.
std::optional<std::string_view> Labelled(
    std::string_view line, std::initializer_list<std::string_view> labels) {
  for (std::string_view label : labels) {
    if (StartsWithIgnoreAsciiCase(line, label)) {
      std::string_view rest = Trim(line.substr(label.size()));
      if (!rest.empty() && rest[0] == ':') return Trim(rest.substr(1));
    }
  }
  return std::nullopt;
}

bool IsReadingTime(std::string_view line) {
  // "waktu baca 2 menit", "Waktu baca: 3 menit".
  if (!StartsWithIgnoreAsciiCase(line, "waktu baca")) return false;
  std::string_view rest = Trim(line.substr(10));
  if (!rest.empty() && rest[0] == ':') rest = Trim(rest.substr(1));
  size_t digits = 0;
  while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9')
    ++digits;
  return digits > 0 &&
         EqualsIgnoreAsciiCase(Trim(rest.substr(digits)), "menit");
}

LineKind Classify(std::string_view line) {
  if (line.empty()) return LineKind::kBlank;
  if (IsReadingTime(line)) return LineKind::kReadingTime;
  if (Labelled(line, {"Sumber"})) return LineKind::kSource;
  if (Labelled(line, {"Pewarta", "Penulis", "Reporter"}))
    return LineKind::kReporter;
  if (Labelled(line, {"Editor", "Penyunting"})) return LineKind::kEditor;
  if (Labelled(line, {"Tags", "Tag"})) return LineKind::kTags;
  std::string lower = AsciiLower(line);
  if (lower.rfind("baca juga", 0) == 0 || lower.rfind("simak juga", 0) == 0)
    return LineKind::kReadAlso;
  for (std::string_view end :
       {"bagikan", "bagikan artikel ini", "share", "mungkin kamu suka",
        "mungkin anda suka", "berita terkait", "artikel terkait",
        "baca berikutnya", "komentar"}) {
    if (lower == end) return LineKind::kEnd;
  }
  return LineKind::kText;
}

std::vector<std::string> SplitNames(std::string_view list) {
  std::vector<std::string> out;
  for (std::string_view part : Split(list, ',')) {
    // "Rina dan Budi" / "Rina & Budi" also separate names.
    std::string_view p = Trim(part);
    if (!p.empty()) out.emplace_back(p);
  }
  return out;
}

}  // namespace

Result<ParsedArticle> ParseTextArticle(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  ParsedArticle out;
  std::vector<std::string> paragraphs;
  std::string current;
  int line_no = 0;
  int title_line = 0;
  bool ended = false;
  auto flush = [&] {
    if (!current.empty()) paragraphs.push_back(std::move(current));
    current.clear();
  };
  for (std::string_view raw : Split(text, '\n')) {
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    if (!IsValidUtf8(raw)) {
      return Status::InvalidArgument("line " + std::to_string(line_no) +
                                     ": not valid UTF-8");
    }
    std::string_view line = Trim(raw);
    LineKind kind = Classify(line);
    if (title_line == 0) {
      if (kind == LineKind::kBlank) continue;
      if (kind != LineKind::kText) {
        return Status::InvalidArgument("line " + std::to_string(line_no) +
                                       ": expected the title, found \"" +
                                       std::string(Utf8Prefix(line, 60)) +
                                       "\"");
      }
      out.title = std::string(line);
      title_line = line_no;
      out.line = line_no;
      continue;
    }
    switch (kind) {
      case LineKind::kBlank:
        flush();
        break;
      case LineKind::kText:
        if (ended) break;  // related headlines and other chrome after the body
        if (!current.empty()) current += ' ';
        current += line;
        break;
      case LineKind::kReadingTime:
        flush();
        break;
      case LineKind::kReadAlso:
        flush();
        if (ended) break;
        current = std::string(line);
        flush();
        break;
      case LineKind::kSource:
        flush();
        out.source = std::string(*Labelled(line, {"Sumber"}));
        break;
      case LineKind::kReporter:
        flush();
        out.authors =
            SplitNames(*Labelled(line, {"Pewarta", "Penulis", "Reporter"}));
        break;
      case LineKind::kEditor:
        flush();
        out.editor = std::string(*Labelled(line, {"Editor", "Penyunting"}));
        break;
      case LineKind::kTags:
        flush();
        out.tags = SplitNames(*Labelled(line, {"Tags", "Tag"}));
        break;
      case LineKind::kEnd:
        flush();
        ended = true;
        break;
    }
  }
  flush();
  if (title_line == 0)
    return Status::InvalidArgument("line 1: the file is empty");
  if (out.title.size() > 300) {
    return Status::InvalidArgument("line " + std::to_string(title_line) +
                                   ": the title is longer than 300 bytes");
  }
  if (paragraphs.empty()) {
    return Status::InvalidArgument("line " + std::to_string(title_line) +
                                   ": no body paragraphs after the title");
  }
  if (auto d = ParseDateline(paragraphs[0])) {
    out.dateline_city = d->city;
    out.dateline_outlet = d->outlet;
    paragraphs[0].erase(0, d->length);
    if (Trim(paragraphs[0]).empty()) paragraphs.erase(paragraphs.begin());
    if (paragraphs.empty()) {
      return Status::InvalidArgument("line " + std::to_string(title_line) +
                                     ": the body holds only a dateline");
    }
  }
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    if (i) out.body += "\n\n";
    out.body += markup::EscapeMarkdownText(paragraphs[i]);
  }
  out.import_key = "text:" + Slugify(out.title);
  return out;
}

}  // namespace warta::ingest
