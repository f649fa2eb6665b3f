#include "index/query.h"

#include "base/strings.h"
#include "base/utf8.h"
#include "text/tokenizer.h"

namespace warta::index {
namespace {

bool IsQuote(char32_t cp) { return cp == '"' || cp == 0x201C || cp == 0x201D; }

// Adds the clauses of an unquoted or quoted piece of the query.
void AddPiece(std::string_view piece, bool quoted, bool at_end,
              const text::Analyzer& analyzer, ParsedQuery& out) {
  struct Hit {
    std::string folded;
    std::string term;
    int position;
    size_t end;
    bool stopword;
  };
  std::vector<Hit> hits;
  std::vector<text::Token> tokens;
  text::Tokenize(piece, tokens);
  for (const text::Token& t : tokens) out.words.push_back(t.word);
  text::AnalyzeOptions ao;
  ao.keep_stopwords = true;
  analyzer.Analyze(piece, ao, [&](const text::TermHit& h) {
    hits.push_back(Hit{h.token->word, std::string(h.term), h.position,
                       h.token->end, h.stopword});
  });
  if (hits.empty()) return;
  // A phrase checks the order of its content words; stopwords in it only
  // keep their place (the index has no positions for them).
  int content = 0;
  for (const Hit& h : hits) content += !h.stopword;
  if (quoted && content > 1) {
    QueryClause c;
    c.phrase = true;
    int first = -1;
    for (const Hit& h : hits) {
      if (h.stopword) continue;
      if (first < 0) first = h.position;
      c.words.push_back(QueryWord{h.folded, h.term, h.position - first, false});
    }
    out.clauses.push_back(std::move(c));
    return;
  }
  for (const Hit& h : hits) {
    QueryClause c;
    c.words.push_back(QueryWord{h.folded, h.term, 0, h.stopword});
    c.optional = h.stopword;
    out.clauses.push_back(std::move(c));
  }
  // The last word typed, right at the end of the query: a prefix too.
  const Hit& last = hits.back();
  if (!quoted && at_end && !last.stopword && last.end == piece.size() &&
      last.folded.find('-') == std::string::npos &&
      Utf8Length(last.folded) >= 2 && &last == &hits.back() &&
      tokens.back().end == piece.size()) {
    out.clauses.back().prefix = true;
  }
}

}  // namespace

Result<ParsedQuery> ParseQuery(std::string_view query,
                               const text::Analyzer& analyzer) {
  if (!IsValidUtf8(query))
    return Status::InvalidArgument("the query is not valid UTF-8");
  std::string_view q = Trim(query);
  if (q.empty()) return Status::InvalidArgument("the query is empty");
  if (Utf8Length(q) > kMaxQueryChars) {
    return Status::InvalidArgument("the query is longer than " +
                                   std::to_string(kMaxQueryChars) +
                                   " characters");
  }
  ParsedQuery out;
  out.text = std::string(q);
  // Split at quotation marks: even pieces are bare, odd ones quoted.
  std::vector<std::pair<std::string_view, bool>> pieces;
  size_t pos = 0, start = 0;
  bool quoted = false;
  while (pos < q.size()) {
    size_t at = pos;
    char32_t cp = DecodeUtf8(q, pos);
    if (cp < 0x20 || cp == 0x7F) {
      return Status::InvalidArgument("the query contains control characters");
    }
    if (IsQuote(cp)) {
      pieces.emplace_back(q.substr(start, at - start), quoted);
      quoted = !quoted;
      start = pos;
    }
  }
  if (quoted) {
    return Status::InvalidArgument(
        "the query has an opening quotation mark without its closing one");
  }
  pieces.emplace_back(q.substr(start), false);
  for (size_t i = 0; i < pieces.size(); ++i) {
    AddPiece(pieces[i].first, pieces[i].second, i + 1 == pieces.size(),
             analyzer, out);
  }
  // Only stopwords ("masih yakin bisa"): then they are the query.
  bool all_optional = true;
  for (const QueryClause& c : out.clauses) all_optional &= c.optional;
  if (all_optional) {
    for (QueryClause& c : out.clauses) c.optional = false;
  }
  if (static_cast<int>(out.words.size()) > kMaxQueryWords) {
    return Status::InvalidArgument("the query has more than " +
                                   std::to_string(kMaxQueryWords) + " words");
  }
  return out;
}

}  // namespace warta::index
