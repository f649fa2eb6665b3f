#include "text/analyzer.h"

#include "text/data_files.h"
#include "text/stopwords.h"

namespace warta::text {
namespace {

std::vector<std::string_view> SplitWords(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t next = s.find(sep, pos);
    if (next == std::string_view::npos) next = s.size();
    if (next > pos) out.push_back(s.substr(pos, next - pos));
    pos = next + 1;
  }
  return out;
}

std::string_view Strip(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Expansion word sequences by their first word, for "Korea Utara" -> korut.
using Reverse = std::unordered_map<
    std::string, std::vector<std::pair<std::string, std::vector<std::string>>>>;

const Reverse& ReverseAbbreviations() {
  static const Reverse* r = [] {
    auto* out = new Reverse();
    for (const auto& [abbr, words] : Abbreviations()) {
      if (words.size() < 2) continue;
      (*out)[words.front()].push_back({abbr, words});
    }
    return out;
  }();
  return *r;
}

// True when only spaces separate two tokens (no punctuation).
bool Adjacent(std::string_view text, const Token& a, const Token& b) {
  for (size_t i = a.end; i < b.begin; ++i) {
    if (text[i] != ' ') return false;
  }
  return true;
}

}  // namespace

const std::unordered_map<std::string, std::vector<std::string>>&
Abbreviations() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string, std::vector<std::string>>();
    std::string_view data = DataFile("abbreviations-id.txt");
    for (std::string_view line : SplitWords(data, '\n')) {
      line = Strip(line);
      if (line.empty() || line[0] == '#') continue;
      size_t eq = line.find('=');
      if (eq == std::string_view::npos) continue;
      std::string abbr(Strip(line.substr(0, eq)));
      std::vector<std::string> words;
      for (std::string_view w : SplitWords(Strip(line.substr(eq + 1)), ' '))
        words.emplace_back(w);
      if (!abbr.empty() && !words.empty()) (*t)[abbr] = std::move(words);
    }
    return t;
  }();
  return *table;
}

Analyzer::Analyzer(const Stemmer& stemmer) : stemmer_(stemmer) {}

std::string Analyzer::TermOf(std::string_view word) const {
  if (word.empty() || IsStopword(word)) return "";
  if (Abbreviations().count(std::string(word))) return std::string(word);
  if (word.find('-') == std::string_view::npos) return stemmer_.Stem(word);
  std::vector<Part> terms;
  Token t;
  t.word = std::string(word);
  TokenTerms(t, terms);
  for (const Part& p : terms) {
    if (!p.stop) return p.term;
  }
  return "";
}

void Analyzer::TermsOfToken(const Token& token,
                            std::vector<std::string>& out) const {
  std::vector<Part> parts;
  TokenTerms(token, parts);
  for (Part& p : parts) {
    if (!p.stop) out.push_back(std::move(p.term));
  }
}

void Analyzer::TokenTerms(const Token& t, std::vector<Part>& out) const {
  const std::string& w = t.word;
  if (IsStopword(w)) {
    out.push_back(Part{w, true});
    return;
  }
  if (Abbreviations().count(w)) {
    out.push_back(Part{w, false});
    return;
  }
  if (w.find('-') == std::string::npos) {
    out.push_back(Part{stemmer_.Stem(w), false});
    return;
  }
  std::vector<std::string_view> parts = SplitWords(w, '-');
  if (parts.empty()) return;
  std::vector<Part> stems;
  for (std::string_view p : parts) {
    if (IsStopword(p)) {
      stems.push_back(Part{std::string(p), true});
    } else {
      stems.push_back(Part{stemmer_.Stem(p), false});
    }
  }
  // Reduplication: every part has the same stem ("isu-isu",
  // "bermain-main", "tembak-menembak") -> one term.
  bool same = true;
  for (const Part& s : stems) same = same && s.term == stems.front().term;
  if (same) {
    out.push_back(stems.front());
    return;
  }
  for (Part& s : stems) out.push_back(std::move(s));
}

int Analyzer::Analyze(std::string_view text, const AnalyzeOptions& options,
                      const std::function<void(const TermHit&)>& fn,
                      int first_position) const {
  std::vector<Token> tokens;
  Tokenize(text, tokens);
  int pos = first_position;
  std::vector<Part> terms;
  const auto& abbreviations = Abbreviations();
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (options.expand_abbreviations) {
      // "Korea Utara" -> also "korut" at the position of "korea".
      auto rit = ReverseAbbreviations().find(t.word);
      if (rit != ReverseAbbreviations().end()) {
        for (const auto& [abbr, words] : rit->second) {
          if (i + words.size() > tokens.size()) continue;
          bool match = true;
          for (size_t k = 1; k < words.size() && match; ++k)
            match = tokens[i + k].word == words[k];
          if (match) fn(TermHit{abbr, pos, &t});
        }
      }
      // "Korut" -> also "korea" "utara" from its position on.
      auto ait = abbreviations.find(t.word);
      if (ait != abbreviations.end()) {
        fn(TermHit{t.word, pos, &t});
        int p = pos;
        for (const std::string& word : ait->second) {
          std::string term = TermOf(word);
          if (!term.empty()) fn(TermHit{term, p, &t});
          ++p;
        }
        ++pos;
        continue;
      }
    }
    terms.clear();
    TokenTerms(t, terms);
    for (const Part& p : terms) {
      if (!p.stop) {
        fn(TermHit{p.term, pos, &t, false});
      } else if (options.keep_stopwords) {
        fn(TermHit{p.term, pos, &t, true});
      }
      ++pos;
    }
  }
  return pos - first_position;
}

std::vector<std::string> Analyzer::Terms(std::string_view text,
                                         const AnalyzeOptions& options) const {
  std::vector<std::string> out;
  Analyze(text, options, [&](const TermHit& h) { out.emplace_back(h.term); });
  return out;
}

std::vector<std::string> Analyzer::Names(std::string_view text) const {
  std::vector<Token> tokens;
  Tokenize(text, tokens);
  std::vector<std::string> out;
  size_t i = 0;
  while (i < tokens.size()) {
    if (!tokens[i].capitalized) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < tokens.size() && tokens[j].capitalized &&
           !tokens[j].sentence_start &&
           Adjacent(text, tokens[j - 1], tokens[j]))
      ++j;
    // Leading stopwords ("Di Jakarta") are not part of the name.
    size_t b = i;
    while (b < j && IsStopword(tokens[b].word)) ++b;
    size_t n = j - b;
    bool opens_sentence = tokens[i].sentence_start;
    if (n >= 2 || (n == 1 && (b > i || !opens_sentence))) {
      std::string name;
      for (size_t k = b; k < j; ++k) {
        if (!name.empty()) name += ' ';
        name += tokens[k].word;
      }
      if (name.size() >= 2) out.push_back(std::move(name));
    }
    i = j;
  }
  return out;
}

}  // namespace warta::text
