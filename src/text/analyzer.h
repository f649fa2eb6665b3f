// Analyzer: text -> search terms, the same way for documents and queries.
// Tokenize (text/tokenizer.h), fold reduplication ("isu-isu", "bermain-main"
// -> one term; "sayur-mayur", "Al-Qaeda" -> two), drop stopwords (they still
// take a position, so phrases keep their shape), stem (text/stemmer.h).
// Words of the abbreviation table (data/abbreviations-id.txt) are not
// stemmed; with expand_abbreviations (used when indexing) "Korut" also
// yields "korea utara" and "Korea Utara" also yields "korut" at the same
// positions, so either form finds both. Thread-safe.
#ifndef WARTA_TEXT_ANALYZER_H_
#define WARTA_TEXT_ANALYZER_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/stemmer.h"
#include "text/tokenizer.h"

namespace warta::text {

struct AnalyzeOptions {
  bool expand_abbreviations = false;  // documents: true; queries: false
  // Stopwords as terms of their own (unstemmed, TermHit::stopword set)
  // instead of only taking a position. Search indexes them so headlines
  // made mostly of them ("masih yakin bisa") stay findable.
  bool keep_stopwords = false;
};

// One term of the output: the stem, its position (counting every word,
// stopwords included) and the token it came from.
struct TermHit {
  std::string_view term;
  int position = 0;
  const Token* token = nullptr;
  bool stopword = false;
};

class Analyzer {
 public:
  // `stemmer` must outlive the analyzer.
  explicit Analyzer(const Stemmer& stemmer);

  // Calls `fn` for every term of `text` in order; returns the number of
  // positions used (the text's length in words). Positions start at
  // `first_position`.
  int Analyze(std::string_view text, const AnalyzeOptions& options,
              const std::function<void(const TermHit&)>& fn,
              int first_position = 0) const;

  // The terms of `text` in order (no positions): convenience for tests.
  std::vector<std::string> Terms(std::string_view text,
                                 const AnalyzeOptions& options = {}) const;

  // The term of one folded word (stemmed, reduplication folded), or "" for a
  // stopword. For hyphenated words that are not reduplication, the term of
  // the first part.
  std::string TermOf(std::string_view folded_word) const;

  // The terms one token yields as Analyze gives them without options
  // (stopwords left out), appended to `out` in order: one, or more for a
  // hyphenated word that is not reduplication.
  void TermsOfToken(const Token& token, std::vector<std::string>& out) const;

  // Names in `text`: runs of capitalized words that do not open a sentence
  // (or of two or more capitalized words anywhere), folded and joined by a
  // space: "Presiden Joko Widodo bertemu Kim Jong Un" -> "presiden joko
  // widodo", "kim jong un" (the first is a sentence-opening run of three).
  std::vector<std::string> Names(std::string_view text) const;

  const Stemmer& stemmer() const { return stemmer_; }

 private:
  // Terms of one token: 1, or more for hyphenated parts. Stopwords come
  // as themselves with `stop` set.
  struct Part {
    std::string term;
    bool stop = false;
  };
  void TokenTerms(const Token& t, std::vector<Part>& out) const;

  const Stemmer& stemmer_;
};

// The abbreviation table: "korut" -> {"korea", "utara"}.
const std::unordered_map<std::string, std::vector<std::string>>&
Abbreviations();

}  // namespace warta::text

#endif  // WARTA_TEXT_ANALYZER_H_
