#include "index/snippet.h"

#include <algorithm>
#include <vector>

#include "base/strings.h"
#include "base/utf8.h"

namespace warta::index {
namespace {

// Which words of a text yield a query term, analysing only the words that
// hold a term's cue (MatchCue); the others cannot yield one.
// SnippetTest.CueOfEveryTermIsInItsWord checks the rule on every word of
// the shared news corpus.
class Matcher {
 public:
  Matcher(const text::Analyzer& analyzer,
          const std::unordered_set<std::string>& terms)
      : analyzer_(analyzer), terms_(terms.begin(), terms.end()) {
    std::sort(terms_.begin(), terms_.end());
    for (const std::string& t : terms_) cues_.push_back(MatchCue(t));
  }

  // The number of the first of the token's terms that is a query term
  // (terms are numbered in sorted order), or -1.
  int Match(const text::Token& t) {
    bool candidate = false;
    for (const std::string& cue : cues_) {
      if (!cue.empty() && t.word.find(cue) != std::string::npos) {
        candidate = true;
        break;
      }
    }
    if (!candidate) return -1;
    scratch_.clear();
    analyzer_.TermsOfToken(t, scratch_);
    for (const std::string& term : scratch_) {
      auto it = std::lower_bound(terms_.begin(), terms_.end(), term);
      if (it != terms_.end() && *it == term)
        return static_cast<int>(it - terms_.begin());
    }
    return -1;
  }

 private:
  const text::Analyzer& analyzer_;
  std::vector<std::string> terms_;
  std::vector<std::string> cues_;
  std::vector<std::string> scratch_;
};

struct Span {
  std::size_t begin, end;
  int term = -1;                         // the query term matched, or -1
  std::size_t cp_begin = 0, cp_end = 0;  // in code points
};

// The words of `text` with the query term each one matched, if any.
// Span::term numbers the distinct `terms` in sorted order: 0..terms.size()-1.
std::vector<Span> Spans(const text::Analyzer& analyzer, std::string_view text,
                        const std::unordered_set<std::string>& terms) {
  Matcher matcher(analyzer, terms);
  std::vector<Span> spans;
  std::vector<text::Token> tokens;
  text::Tokenize(text, tokens);
  spans.reserve(tokens.size());
  std::size_t pos = 0, cps = 0;
  for (const text::Token& t : tokens) {
    Span sp{t.begin, t.end, matcher.Match(t), 0, 0};
    while (pos < t.begin) cps += ((text[pos++] & 0xC0) != 0x80);
    sp.cp_begin = cps;
    while (pos < t.end) cps += ((text[pos++] & 0xC0) != 0x80);
    sp.cp_end = cps;
    spans.push_back(sp);
  }
  return spans;
}

void AppendMarked(std::string& out, std::string_view text,
                  const std::vector<Span>& spans, std::size_t first,
                  std::size_t last, std::size_t from, std::size_t to) {
  std::size_t at = from;
  for (std::size_t i = first; i < last; ++i) {
    if (spans[i].term < 0) continue;
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
  out.reserve(s.size());
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

std::string MatchCue(std::string_view term) {
  std::size_t pos = 0;
  if (!term.empty()) DecodeUtf8(term, pos);
  std::string_view rest = term.substr(pos);
  return AsciiLower(rest.empty() ? term : rest);
}

std::string MakeSnippet(const text::Analyzer& analyzer, std::string_view raw,
                        const std::unordered_set<std::string>& terms,
                        std::size_t max_chars) {
  std::string text = Collapse(raw);
  std::vector<Span> spans = Spans(analyzer, text, terms);
  if (spans.empty()) return "";
  // Slide a window of whole words no longer than max_chars; keep the one
  // with the most distinct terms, then the most matches, then the earliest.
  // The window [first, last) keeps its counts as it slides.
  std::vector<int> count(terms.size(), 0);
  int distinct = 0, matches = 0;
  auto add = [&](const Span& s) {
    if (s.term < 0) return;
    ++matches;
    if (count[s.term]++ == 0) ++distinct;
  };
  auto remove = [&](const Span& s) {
    if (s.term < 0) return;
    --matches;
    if (--count[s.term] == 0) --distinct;
  };
  std::size_t best_first = 0, best_last = 0;
  int best_distinct = -1, best_matches = -1;
  std::size_t last = 0;
  for (std::size_t first = 0; first < spans.size(); ++first) {
    if (first > 0 && first - 1 < last) remove(spans[first - 1]);
    if (last < first) last = first;
    while (last < spans.size() &&
           spans[last].cp_end - spans[first].cp_begin <= max_chars)
      add(spans[last++]);
    if (last == first) add(spans[last++]);  // one overlong word
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
