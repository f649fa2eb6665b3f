#include "text/stopwords.h"

#include <string>
#include <unordered_set>

#include "text/data_files.h"

namespace warta::text {
namespace {

// Words of the stopwords-iso list that name things readers search for in
// news: numbers ("dua tewas"), time ("tahun baru", "bulan"), and news nouns,
// verbs and adjectives ("kasus", "naik", "tinggi").
constexpr std::string_view kKeep[] = {
    "satu",    "dua",        "tiga",      "empat",   "lima",      "pertama",
    "kedua",   "kelima",     "tahun",     "bulan",   "hari",      "waktu",
    "masa",    "akhir",      "awal",      "dini",    "kasus",     "masalah",
    "naik",    "baru",       "besar",     "kecil",   "tinggi",    "panjang",
    "tempat",  "umum",       "rasa",      "cara",    "jumlah",    "bapak",
    "ibu",     "bung",       "keluar",    "datang",  "bekerja",   "penting",
    "jawaban", "pertanyaan", "persoalan", "keadaan", "keinginan", "kemungkinan",
    "lama",    "siap",       "tiba",      "balik",   "pukul",     "mirip",
};

const std::unordered_set<std::string_view>& Words() {
  static const auto* words = [] {
    auto* set = new std::unordered_set<std::string_view>();
    std::unordered_set<std::string_view> keep(std::begin(kKeep),
                                              std::end(kKeep));
    std::string_view data = DataFile("stopwords-id.txt");
    size_t pos = 0;
    while (pos < data.size()) {
      size_t nl = data.find('\n', pos);
      if (nl == std::string_view::npos) nl = data.size();
      std::string_view line = data.substr(pos, nl - pos);
      pos = nl + 1;
      if (line.empty() || line[0] == '#') continue;
      if (!keep.count(line)) set->insert(line);
    }
    return set;
  }();
  return *words;
}

}  // namespace

bool IsStopword(std::string_view folded_word) {
  return Words().count(folded_word) > 0;
}

int StopwordCount() { return static_cast<int>(Words().size()); }

}  // namespace warta::text
