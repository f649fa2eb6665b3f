#include "index/snippet.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "base/strings.h"
#include "ingest/file_reader.h"

namespace warta::index {
namespace {

// The snippet as it was made before the cheap matcher: every word of the
// text analysed, every window counted afresh. Kept as the specification the
// fast path must equal.
std::string ReferenceSnippet(const text::Analyzer& analyzer,
                             std::string_view raw,
                             const std::unordered_set<std::string>& terms,
                             std::size_t max_chars) {
  std::string text;
  bool space = false;
  for (char c : raw) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    if (c == ' ') {
      if (!space && !text.empty()) text += ' ';
      space = true;
    } else {
      text += c;
      space = false;
    }
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  struct Span {
    std::size_t begin, end;
    std::string term;
    std::size_t cp_begin, cp_end;
  };
  std::vector<Span> spans;
  std::vector<text::Token> tokens;
  text::Tokenize(text, tokens);
  std::size_t pos = 0, cps = 0;
  for (const text::Token& t : tokens) {
    Span sp{t.begin, t.end, "", 0, 0};
    while (pos < t.begin) cps += ((text[pos++] & 0xC0) != 0x80);
    sp.cp_begin = cps;
    while (pos < t.end) cps += ((text[pos++] & 0xC0) != 0x80);
    sp.cp_end = cps;
    spans.push_back(sp);
  }
  std::size_t i = 0;
  analyzer.Analyze(text, {}, [&](const text::TermHit& h) {
    while (i < spans.size() && spans[i].begin < h.token->begin) ++i;
    if (i < spans.size() && spans[i].term.empty() &&
        terms.count(std::string(h.term)))
      spans[i].term = std::string(h.term);
  });
  if (spans.empty()) return "";
  std::size_t best_first = 0, best_last = 0;
  int best_distinct = -1, best_matches = -1;
  std::size_t last = 0;
  for (std::size_t first = 0; first < spans.size(); ++first) {
    if (last < first) last = first;
    while (last < spans.size() &&
           spans[last].cp_end - spans[first].cp_begin <= max_chars)
      ++last;
    if (last == first) last = first + 1;
    std::vector<std::string> seen;
    int matches = 0;
    for (std::size_t k = first; k < last; ++k) {
      if (spans[k].term.empty()) continue;
      ++matches;
      if (std::find(seen.begin(), seen.end(), spans[k].term) == seen.end())
        seen.push_back(spans[k].term);
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
  std::size_t from = best_first == 0 ? 0 : spans[best_first].begin;
  std::size_t to = spans[best_last - 1].end;
  if (best_last == spans.size()) to = text.size();
  std::string out;
  if (from > 0) out += "… ";
  std::size_t at = from;
  for (std::size_t k = best_first; k < best_last; ++k) {
    if (spans[k].term.empty()) continue;
    AppendHtmlEscaped(out,
                      std::string_view(text).substr(at, spans[k].begin - at));
    out += "<mark>";
    AppendHtmlEscaped(out, std::string_view(text).substr(
                               spans[k].begin, spans[k].end - spans[k].begin));
    out += "</mark>";
    at = spans[k].end;
  }
  AppendHtmlEscaped(out, std::string_view(text).substr(at, to - at));
  if (to < text.size()) out += " …";
  return out;
}

// Titles and bodies of the shared news corpus, or empty when it is absent.
std::vector<std::string> CorpusTexts() {
  std::vector<std::string> out;
  auto reader = ingest::LineReader::Open(std::string(WARTA_SOURCE_DIR) +
                                         "/../shared/corpus/id-news.jsonl.gz");
  if (!reader.ok()) return out;
  std::string line;
  while (true) {
    auto more = (*reader)->Next(line);
    if (!more.ok() || !*more) break;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) continue;
    out.push_back(j.value("title", ""));
    out.push_back(j.value("body", ""));
  }
  return out;
}

class SnippetTest : public ::testing::Test {
 protected:
  // A long text of filler sentences (no query word) of about `chars`.
  static std::string Filler(std::size_t chars) {
    std::string s;
    while (s.size() < chars) s += "Hujan turun sejak pagi di kota itu. ";
    return s;
  }
  text::Analyzer analyzer_{text::DefaultStemmer()};
};

TEST_F(SnippetTest, FindsAMatchOnlyAtTheEndOfALongText) {
  std::unordered_set<std::string> terms = {"suara"};
  std::string text = Filler(20000) + "Akhirnya warga menyuarakan protes.";
  std::string s = MakeSnippet(analyzer_, text, terms);
  EXPECT_EQ(s.rfind("… ", 0), 0u) << s;
  EXPECT_NE(s.find("Akhirnya warga <mark>menyuarakan</mark>"),
            std::string::npos)
      << s;
  EXPECT_EQ(s, ReferenceSnippet(analyzer_, text, terms, 220));
}

TEST_F(SnippetTest, WithoutAMatchShowsTheStartOfTheText) {
  std::unordered_set<std::string> terms = {"tambang"};
  std::string text = "Kota <lama> & sunyi. " + Filler(1000);
  std::string s = MakeSnippet(analyzer_, text, terms);
  EXPECT_EQ(s.rfind("Kota &lt;lama&gt; &amp; sunyi. Hujan", 0), 0u) << s;
  EXPECT_EQ(s.find("<mark>"), std::string::npos) << s;
  EXPECT_EQ(s.substr(s.size() - 4), " …") << s;
  EXPECT_EQ(MakeSnippet(analyzer_, "", terms), "");
  EXPECT_EQ(MakeSnippet(analyzer_, "...", terms), "");
}

TEST_F(SnippetTest, PrefersTheWindowWithMoreDistinctTerms) {
  // "banjir" three times early; "banjir" and "jakarta" once each, later.
  std::unordered_set<std::string> terms = {"banjir", "jakarta"};
  std::string text = "Banjir, banjir dan banjir lagi. " + Filler(600) +
                     "Banjir juga merendam Jakarta Utara. " + Filler(600);
  std::string s = MakeSnippet(analyzer_, text, terms, 80);
  EXPECT_NE(s.find("<mark>Banjir</mark> juga merendam <mark>Jakarta</mark>"),
            std::string::npos)
      << s;
  EXPECT_EQ(s, ReferenceSnippet(analyzer_, text, terms, 80));
  // With one term only, the window with the most matches wins.
  std::string one = MakeSnippet(analyzer_, text, {"banjir"}, 80);
  EXPECT_EQ(one.rfind("<mark>Banjir</mark>, <mark>banjir</mark> dan "
                      "<mark>banjir</mark>",
                      0),
            0u)
      << one;
}

TEST_F(SnippetTest, MarksStemmedFormsAndHyphenatedWords) {
  // Prefixes that replace the stem's first letter (meny- for s, mem- for p,
  // men- for t), suffixes, and reduplication.
  std::unordered_set<std::string> terms = {"suara", "pukul", "tulis", "isu"};
  std::string s = MakeSnippet(
      analyzer_, "Mereka menyuarakan, memukul, menuliskan; isu-isu itu.", terms,
      220);
  EXPECT_EQ(s,
            "Mereka <mark>menyuarakan</mark>, <mark>memukul</mark>, "
            "<mark>menuliskan</mark>; "
            "<mark>isu-isu</mark> itu.");
  EXPECT_EQ(MatchCue("suara"), "uara");
  EXPECT_EQ(MatchCue("a"), "a");
  EXPECT_EQ(MatchCue("éra"), "ra");
}

// The rule the matcher stands on: every term a word yields keeps its cue in
// the word. Checked on every word of the shared news corpus (about 1M).
TEST_F(SnippetTest, CueOfEveryTermIsInItsWord) {
  std::vector<std::string> texts = CorpusTexts();
  if (texts.empty()) {
    if (std::getenv("CI")) FAIL() << "../shared/corpus is missing and CI=true";
    GTEST_SKIP() << "../shared/corpus not found beside the checkout";
  }
  std::vector<text::Token> tokens;
  std::vector<std::string> terms;
  std::size_t words = 0, misses = 0;
  for (const std::string& t : texts) {
    tokens.clear();
    text::Tokenize(t, tokens);
    for (const text::Token& tok : tokens) {
      ++words;
      terms.clear();
      analyzer_.TermsOfToken(tok, terms);
      for (const std::string& term : terms) {
        if (tok.word.find(MatchCue(term)) == std::string::npos) {
          if (++misses <= 10)
            ADD_FAILURE() << tok.word << " -> " << term << " lacks "
                          << MatchCue(term);
        }
      }
    }
  }
  EXPECT_GT(words, 900000u);
  EXPECT_EQ(misses, 0u);
}

// The fast path equals the reference on corpus articles, with terms taken
// from anywhere in the text (its last words too) and from other articles.
TEST_F(SnippetTest, EqualsTheReferenceOnTheCorpus) {
  std::vector<std::string> texts = CorpusTexts();
  if (texts.empty()) {
    if (std::getenv("CI")) FAIL() << "../shared/corpus is missing and CI=true";
    GTEST_SKIP() << "../shared/corpus not found beside the checkout";
  }
  std::mt19937 rng(10);
  std::vector<text::Token> tokens;
  int compared = 0;
  for (std::size_t i = 1; i < texts.size(); i += 2 * 3) {  // every 3rd body
    const std::string& body = texts[i];
    tokens.clear();
    text::Tokenize(body, tokens);
    if (tokens.size() < 10) continue;
    auto term_at = [&](std::size_t k) {
      return analyzer_.TermOf(tokens[std::min(k, tokens.size() - 1)].word);
    };
    std::unordered_set<std::string> terms = {
        term_at(tokens.size() - 1), term_at(rng() % tokens.size()),
        term_at(rng() % tokens.size()),
        analyzer_.TermOf(text::FoldWord("menyuarakan"))};
    terms.erase("");
    for (std::size_t max_chars : {220u, 60u}) {
      ASSERT_EQ(MakeSnippet(analyzer_, body, terms, max_chars),
                ReferenceSnippet(analyzer_, body, terms, max_chars))
          << "text " << i;
      ++compared;
    }
    const std::string& title = texts[i - 1];
    ASSERT_EQ(HighlightAll(analyzer_, title, terms),
              ReferenceSnippet(analyzer_, title, terms, 1u << 30))
        << "title " << i - 1;
  }
  EXPECT_GT(compared, 2000);
}

}  // namespace
}  // namespace warta::index
