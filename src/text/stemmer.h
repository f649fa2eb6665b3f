// Stemmer: reduces a folded Indonesian word to its stem ("mengatakan",
// "dikatakan" -> "kata"; "pengungsian" -> "ungsi"; "menteri" stays).
// The Hunspell dictionary (Debian's hunspell-id, read from the system at run
// time) decides first; words it does not know go to Snowball's "indonesian"
// stemmer, and short words, numbers and words Snowball would cut to almost
// nothing stay as they are. Stems are cached per distinct word.
// The only user of Hunspell and libstemmer. Thread-safe.
#ifndef WARTA_TEXT_STEMMER_H_
#define WARTA_TEXT_STEMMER_H_

#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

namespace warta::text {

struct StemmerOptions {
  // Path of the Hunspell dictionary without ".aff"/".dic". When the files
  // are missing the stemmer runs on Snowball alone (has_dictionary false).
  std::string dictionary = "/usr/share/hunspell/id_ID";
  // Distinct words remembered; past this, stems are computed every time.
  size_t cache_limit = 1 << 20;
};

class Stemmer {
 public:
  enum class Source { kDictionary, kSnowball, kUnchanged };

  // Fails only when Snowball has no Indonesian stemmer (a broken install).
  static Result<std::unique_ptr<Stemmer>> Open(const StemmerOptions& options);
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // The stem of a folded word (text::Tokenize's form). `source`, when given,
  // tells which rule decided.
  std::string Stem(std::string_view word, Source* source = nullptr) const;

  bool has_dictionary() const;
  // Distinct words in the cache.
  size_t cache_size() const;

 private:
  struct Impl;
  explicit Stemmer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A process-wide stemmer with the default options, opened on first use.
// Tests and tools share it so the dictionary is loaded once.
const Stemmer& DefaultStemmer();

}  // namespace warta::text

#endif  // WARTA_TEXT_STEMMER_H_
