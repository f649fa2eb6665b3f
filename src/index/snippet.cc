#include "index/snippet.h"

#include <algorithm>
#include <vector>

#include "base/strings.h"

namespace warta::index {
namespace {

struct Span {
  std::size_t begin, end;
  std::string term;                      // "" when not matched
  std::size_t cp_begin = 0, cp_end = 0;  // in code points
};

// The words of `text` with the query term each one matched, if any.
std::vector<Span> Spans(const text::Analyzer& analyzer, std::string_view text,
                        const std::unordered_set<std::string>& terms) {
  std::vector<Span> spans;
  std::vector<text::Token> tokens;
  text::Tokenize(text, tokens);
  spans.reserve(tokens.size());
  std::size_t pos = 0, cps = 0;
  for (const text::Token& t : tokens) {
    Span sp{t.begin, t.end, "", 0, 0};
    while (pos < t.begin) cps += ((text[pos++] & 0xC0) != 0x80);
    sp.cp_begin = cps;
    while (pos < t.end) cps += ((text[pos++] & 0xC0) != 0x80);
    sp.cp_end = cps;
    spans.push_back(std::move(sp));
  }
  // Analyze yields hits in token order; map each back to its token.
  std::size_t i = 0;
  analyzer.Analyze(text, {}, [&](const text::TermHit& h) {
    while (i < spans.size() && spans[i].begin < h.token->begin) ++i;
    if (i < spans.size() && spans[i].term.empty() &&
        terms.count(std::string(h.term)))
      spans[i].term = std::string(h.term);
  });
  return spans;
}

void AppendMarked(std::string& out, std::string_view text,
                  const std::vector<Span>& spans, std::size_t first,
                  std::size_t last, std::size_t from, std::size_t to) {
  std::size_t at = from;
  for (std::size_t i = first; i < last; ++i) {
    if (spans[i].term.empty()) continue;
    AppendHtmlEscaped(out, text.substr(at, spans[i].begin - at));
    out += "<mark>";
    AppendHtmlEscaped(
        out, text.substr(spans[i].begin, spans[i].end - spans[i].begin));
    out += "</mark>";
    at = spans[i].end;
  }
  AppendHtmlEscaped(out, text.substr(at, to - at));
}

std::string Collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    if (c == ' ') {
      if (!space && !out.empty()) out += ' ';
      space = true;
    } else {
      out += c;
      space = false;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::string MakeSnippet(const text::Analyzer& analyzer, std::string_view raw,
                        const std::unordered_set<std::string>& terms,
                        std::size_t max_chars) {
  std::string text = Collapse(raw);
  std::vector<Span> spans = Spans(analyzer, text, terms);
  if (spans.empty()) return "";
  // Slide a window of whole words no longer than max_chars; keep the one
  // with the most distinct terms, then the most matches, then the earliest.
  std::size_t best_first = 0, best_last = 0;
  int best_distinct = -1, best_matches = -1;
  std::size_t last = 0;
  std::vector<std::string> seen;
  for (std::size_t first = 0; first < spans.size(); ++first) {
    if (last < first) last = first;
    while (last < spans.size() &&
           spans[last].cp_end - spans[first].cp_begin <= max_chars)
      ++last;
    if (last == first) last = first + 1;  // one overlong word
    seen.clear();
    int matches = 0;
    for (std::size_t i = first; i < last; ++i) {
      if (spans[i].term.empty()) continue;
      ++matches;
      if (std::find(seen.begin(), seen.end(), spans[i].term) == seen.end())
        seen.push_back(spans[i].term);
    }
    int distinct = static_cast<int>(seen.size());
    if (distinct > best_distinct ||
        (distinct == best_distinct && matches > best_matches)) {
      best_distinct = distinct;
      best_matches = matches;
      best_first = first;
      best_last = last;
    }
    if (last == spans.size()) break;
  }
  // Start at the window's first word, or at the text start when close.
  std::size_t from = best_first == 0 ? 0 : spans[best_first].begin;
  std::size_t to = spans[best_last - 1].end;
  if (best_last == spans.size()) to = text.size();
  std::string out;
  if (from > 0) out += "… ";
  AppendMarked(out, text, spans, best_first, best_last, from, to);
  if (to < text.size()) out += " …";
  return out;
}

std::string HighlightAll(const text::Analyzer& analyzer, std::string_view text,
                         const std::unordered_set<std::string>& terms) {
  std::vector<Span> spans = Spans(analyzer, text, terms);
  std::string out;
  AppendMarked(out, text, spans, 0, spans.size(), 0, text.size());
  return out;
}

}  // namespace warta::index
