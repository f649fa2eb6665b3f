#include "text/stemmer.h"

#include <libstemmer.h>

#include <array>
#include <filesystem>
#include <hunspell/hunspell.hxx>
#include <unordered_map>
#include <vector>

#include "base/log.h"
#include "base/mutex.h"
#include "base/utf8.h"

namespace warta::text {
namespace {

constexpr size_t kShards = 16;
constexpr size_t kMinSnowballChars = 5;  // shorter unknown words stay
constexpr size_t kMinSnowballStem = 4;   // "keu" from "menkeu" is too little

// UTF-8 -> ISO-8859-1 (the hunspell-id dictionary's encoding); false when a
// code point does not fit.
bool ToLatin1(std::string_view s, std::string& out) {
  out.clear();
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = DecodeUtf8(s, pos);
    if (cp > 0xFF) return false;
    out += static_cast<char>(cp);
  }
  return true;
}

std::string FromLatin1(std::string_view s) {
  std::string out;
  for (char c : s) AppendUtf8(out, static_cast<unsigned char>(c));
  return out;
}

bool AllAsciiLetters(std::string_view s) {
  for (char c : s) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

struct Entry {
  std::string stem;
  Stemmer::Source source;
};

// Lets the cache be searched with a string_view, without a copy.
struct Hash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const {
    return std::hash<std::string_view>()(s);
  }
};

}  // namespace

struct Stemmer::Impl {
  mutable Mutex hunspell_mu;
  std::unique_ptr<Hunspell> hunspell PT_GUARDED_BY(hunspell_mu);
  bool latin1 = true;
  sb_stemmer* snowball = nullptr;  // used with snowball_mu held
  mutable Mutex snowball_mu;
  size_t cache_limit = 0;
  struct Shard {
    mutable SharedMutex mu;
    std::unordered_map<std::string, Entry, Hash, std::equal_to<>> map
        GUARDED_BY(mu);
  };
  mutable std::array<Shard, kShards> shards;

  ~Impl() {
    if (snowball) sb_stemmer_delete(snowball);
  }

  Entry Compute(std::string_view word) const {
    if (Utf8Length(word) < 3) return {std::string(word), Source::kUnchanged};
    for (char c : word) {
      if ((c >= '0' && c <= '9') || c == '-' || c == ',')
        return {std::string(word), Source::kUnchanged};
    }
    if (hunspell) {
      std::string w;
      bool fits = latin1 ? ToLatin1(word, w) : (w = std::string(word), true);
      if (fits) {
        std::vector<std::string> stems;
        bool known;
        {
          MutexLock lock(&hunspell_mu);
          stems = hunspell->stem(w);
          known = !stems.empty() || hunspell->spell(w);
        }
        if (!stems.empty()) {
          // A root word stays itself ("mereka" is not "reka").
          for (const std::string& s : stems) {
            if (s == w) return {std::string(word), Source::kDictionary};
          }
          std::string stem = latin1 ? FromLatin1(stems.front()) : stems.front();
          if (Utf8Length(stem) >= 2) return {stem, Source::kDictionary};
        }
        if (known) return {std::string(word), Source::kDictionary};
      }
    }
    if (word.size() < kMinSnowballChars || !AllAsciiLetters(word))
      return {std::string(word), Source::kUnchanged};
    std::string stem;
    {
      MutexLock lock(&snowball_mu);
      const sb_symbol* s = sb_stemmer_stem(
          snowball, reinterpret_cast<const sb_symbol*>(word.data()),
          static_cast<int>(word.size()));
      stem.assign(reinterpret_cast<const char*>(s),
                  static_cast<size_t>(sb_stemmer_length(snowball)));
    }
    if (stem.size() < kMinSnowballStem)
      return {std::string(word), Source::kUnchanged};
    return {stem, stem == word ? Source::kUnchanged : Source::kSnowball};
  }
};

Stemmer::Stemmer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Stemmer::~Stemmer() = default;

Result<std::unique_ptr<Stemmer>> Stemmer::Open(const StemmerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->cache_limit = options.cache_limit;
  impl->snowball = sb_stemmer_new("indonesian", "UTF_8");
  if (!impl->snowball)
    return Status::Internal("libstemmer has no indonesian stemmer");
  std::string aff = options.dictionary + ".aff";
  std::string dic = options.dictionary + ".dic";
  std::error_code ec;
  if (!options.dictionary.empty() && std::filesystem::exists(aff, ec) &&
      std::filesystem::exists(dic, ec)) {
    MutexLock lock(&impl->hunspell_mu);
    impl->hunspell = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
    const std::string& enc = impl->hunspell->get_dict_encoding();
    impl->latin1 = enc != "UTF-8";
  } else if (!options.dictionary.empty()) {
    LogWarning("stemmer: no Hunspell dictionary at " + options.dictionary +
               ".{aff,dic} (Debian package hunspell-id); using Snowball only");
  }
  return std::unique_ptr<Stemmer>(new Stemmer(std::move(impl)));
}

std::string Stemmer::Stem(std::string_view word, Source* source) const {
  auto& shard = impl_->shards[Hash()(word) % kShards];
  {
    ReaderLock lock(&shard.mu);
    auto it = shard.map.find(word);
    if (it != shard.map.end()) {
      if (source) *source = it->second.source;
      return it->second.stem;
    }
  }
  Entry e = impl_->Compute(word);
  if (source) *source = e.source;
  MutexLock lock(&shard.mu);
  if (shard.map.size() < impl_->cache_limit / kShards) {
    shard.map.emplace(std::string(word), e);
  }
  return e.stem;
}

bool Stemmer::has_dictionary() const { return impl_->hunspell != nullptr; }

size_t Stemmer::cache_size() const {
  size_t n = 0;
  for (const auto& s : impl_->shards) {
    ReaderLock lock(&s.mu);
    n += s.map.size();
  }
  return n;
}

const Stemmer& DefaultStemmer() {
  static const Stemmer* stemmer = [] {
    auto s = Stemmer::Open(StemmerOptions{});
    if (!s.ok()) {
      LogError("stemmer: " + s.status().ToString());
      std::abort();
    }
    return s->release();
  }();
  return *stemmer;
}

}  // namespace warta::text
