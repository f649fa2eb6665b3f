#include "text/stemmer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace warta::text {
namespace {

bool HaveDictionary() {
  return std::filesystem::exists("/usr/share/hunspell/id_ID.dic");
}

// Affixed Indonesian forms and the stems a reader expects: prefixes (me-,
// di-, ber-, ter-, pe-, per-, ke-), suffixes (-kan, -i, -an, -nya) and
// circumfixes (pe-an, per-an, ke-an, memper-kan), with the nasal changes
// (meny- for s, men- for t, mem- for p, meng- for k and vowels).
struct Case {
  const char* word;
  const char* stem;
};
constexpr Case kAffixed[] = {
    {"mengatakan", "kata"},
    {"dikatakan", "kata"},
    {"katanya", "kata"},
    {"menteri", "menteri"},
    {"pengungsian", "ungsi"},
    {"mengungsi", "ungsi"},
    {"pengungsi", "ungsi"},
    {"menyuarakan", "suara"},
    {"bersuara", "suara"},
    {"suaranya", "suara"},
    {"berlari", "lari"},
    {"perdamaian", "damai"},
    {"berdamai", "damai"},
    {"kebijakan", "bijak"},
    {"kebijaksanaan", "bijaksana"},
    {"pemerintahan", "perintah"},
    {"pemerintah", "perintah"},
    {"memerintahkan", "perintah"},
    {"diperintahkan", "perintah"},
    {"memperbaiki", "baik"},
    {"diperbaiki", "baik"},
    {"perbaikan", "baik"},
    {"penanganan", "tangan"},
    {"ditangani", "tangan"},
    {"menangani", "tangan"},
    {"keamanan", "aman"},
    {"mengamankan", "aman"},
    {"diamankan", "aman"},
    {"permainan", "main"},
    {"bermain", "main"},
    {"dimainkan", "main"},
    {"pemain", "main"},
    {"pertandingan", "tanding"},
    {"bertanding", "tanding"},
    {"kemenangan", "menang"},
    {"memenangkan", "menang"},
    {"pelatih", "latih"},
    {"melatih", "latih"},
    {"latihan", "latih"},
    {"dilatih", "latih"},
    {"memberitakan", "berita"},
    {"pemberitaan", "berita"},
    {"peperangan", "perang"},
    {"berperang", "perang"},
    {"penduduk", "duduk"},
    {"kedudukan", "duduk"},
    {"menduduki", "duduk"},
    {"makanan", "makan"},
    {"dimakan", "makan"},
    {"memakan", "makan"},
    {"serangan", "serang"},
    {"menyerang", "serang"},
    {"diserang", "serang"},
    {"penyerangan", "serang"},
    {"penyerang", "serang"},
    {"kejadian", "jadi"},
    {"terjadi", "jadi"},
    {"menjadi", "jadi"},
    {"dijadikan", "jadi"},
    {"pembangunan", "bangun"},
    {"dibangun", "bangun"},
    {"membangun", "bangun"},
    {"bangunan", "bangun"},
    {"kepresidenan", "presiden"},
    {"pengusaha", "usaha"},
    {"berusaha", "usaha"},
    {"perusahaan", "usaha"},
    {"pengacara", "acara"},
    {"perjalanan", "jalan"},
    {"berjalan", "jalan"},
    {"menjalankan", "jalan"},
    {"dijalankan", "jalan"},
    {"pelaksanaan", "laksana"},
    {"dilaksanakan", "laksana"},
    {"melaksanakan", "laksana"},
    {"pemilihan", "pilih"},
    {"memilih", "pilih"},
    {"terpilih", "pilih"},
    {"pilihan", "pilih"},
    {"pertemuan", "temu"},
    {"bertemu", "temu"},
    {"menemukan", "temu"},
    {"ditemukan", "temu"},
    {"penemuan", "temu"},
    {"temuan", "temu"},
    {"bekerja", "kerja"},
    {"pekerjaan", "kerja"},
    {"pekerja", "kerja"},
    {"dikerjakan", "kerja"},
    {"kenegaraan", "negara"},
    {"penjualan", "jual"},
    {"menjual", "jual"},
    {"dijual", "jual"},
    {"penjual", "jual"},
    {"pembelian", "beli"},
    {"membeli", "beli"},
    {"dibeli", "beli"},
    {"pembeli", "beli"},
    {"keputusan", "putus"},
    {"memutuskan", "putus"},
    {"diputuskan", "putus"},
    {"penangkapan", "tangkap"},
    {"menangkap", "tangkap"},
    {"ditangkap", "tangkap"},
    {"tertangkap", "tangkap"},
    {"penyelidikan", "selidik"},
    {"menyelidiki", "selidik"},
    {"diselidiki", "selidik"},
    {"penyidikan", "sidik"},
    {"pendidikan", "didik"},
    {"mendidik", "didik"},
    {"pendidik", "didik"},
    {"kesehatan", "sehat"},
    {"menyehatkan", "sehat"},
    {"kebakaran", "bakar"},
    {"terbakar", "bakar"},
    {"membakar", "bakar"},
    {"pembakaran", "bakar"},
    {"kecelakaan", "celaka"},
    {"penerbangan", "terbang"},
    {"diterbangkan", "terbang"},
    {"menerbangkan", "terbang"},
    {"keberangkatan", "berangkat"},
    {"memberangkatkan", "berangkat"},
    {"kedatangan", "datang"},
    {"mendatangkan", "datang"},
    {"pengadilan", "adil"},
    {"keadilan", "adil"},
    {"diadili", "adil"},
    {"persidangan", "sidang"},
    {"bersidang", "sidang"},
    {"menyidangkan", "sidang"},
    {"kekerasan", "keras"},
    {"mengeraskan", "keras"},
    {"peningkatan", "tingkat"},
    {"meningkatkan", "tingkat"},
    {"meningkat", "tingkat"},
    {"ditingkatkan", "tingkat"},
    {"penurunan", "turun"},
    {"menurunkan", "turun"},
    {"diturunkan", "turun"},
    {"kenaikan", "naik"},
    {"menaikkan", "naik"},
    {"dinaikkan", "naik"},
    {"pengumuman", "umum"},
    {"mengumumkan", "umum"},
    {"diumumkan", "umum"},
    {"penjelasan", "jelas"},
    {"menjelaskan", "jelas"},
    {"dijelaskan", "jelas"},
    {"kemerdekaan", "merdeka"},
    {"pembunuhan", "bunuh"},
    {"membunuh", "bunuh"},
    {"dibunuh", "bunuh"},
    {"terbunuh", "bunuh"},
    {"pembunuh", "bunuh"},
    {"pencurian", "curi"},
    {"mencuri", "curi"},
    {"dicuri", "curi"},
    {"pencuri", "curi"},
    {"korupsi", "korupsi"},
    {"koruptor", "koruptor"},
    {"tersangka", "sangka"},
    {"disangka", "sangka"},
    {"persiapan", "siap"},
    {"mempersiapkan", "siap"},
    {"dipersiapkan", "siap"},
    {"bersiap", "siap"},
    {"kepolisian", "polisi"},
    {"perlindungan", "lindung"},
    {"melindungi", "lindung"},
    {"dilindungi", "lindung"},
    {"pelindung", "lindung"},
};

TEST(StemmerTest, DictionaryStemsAffixedForms) {
  ASSERT_TRUE(HaveDictionary())
      << "install Debian's hunspell-id (scripts/install-deps)";
  const Stemmer& s = DefaultStemmer();
  ASSERT_TRUE(s.has_dictionary());
  static_assert(std::size(kAffixed) >= 100);
  int wrong = 0;
  for (const Case& c : kAffixed) {
    std::string got = s.Stem(c.word);
    if (got != c.stem) ++wrong;
    EXPECT_EQ(got, c.stem) << c.word;
  }
  EXPECT_EQ(wrong, 0);
}

TEST(StemmerTest, SnowballAloneMangles) {
  // The reason the dictionary decides first: Snowball by itself cuts these.
  StemmerOptions o;
  o.dictionary = "";
  auto s = Stemmer::Open(o);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE((*s)->has_dictionary());
  EXPECT_EQ((*s)->Stem("menteri"), "teri");
  EXPECT_EQ((*s)->Stem("penanganan"), "angan");
  EXPECT_EQ((*s)->Stem("megawati"), "gawat");
  // Snowball's "ata" for "mengatakan" is shorter than warta accepts.
  EXPECT_EQ((*s)->Stem("mengatakan"), "mengatakan");
  ASSERT_TRUE(HaveDictionary());
  EXPECT_EQ(DefaultStemmer().Stem("mengatakan"), "kata");
  EXPECT_EQ(DefaultStemmer().Stem("menteri"), "menteri");
  EXPECT_EQ(DefaultStemmer().Stem("penanganan"), "tangan");
}

TEST(StemmerTest, SourcesAndUnknownWords) {
  ASSERT_TRUE(HaveDictionary());
  const Stemmer& s = DefaultStemmer();
  Stemmer::Source src;
  EXPECT_EQ(s.Stem("dikatakan", &src), "kata");
  EXPECT_EQ(src, Stemmer::Source::kDictionary);
  // A root word stays itself even when it looks affixed.
  EXPECT_EQ(s.Stem("mereka", &src), "mereka");
  EXPECT_EQ(s.Stem("berita", &src), "berita");
  // Unknown words go to Snowball: new loan words keep their root.
  EXPECT_EQ(s.Stem("diviralkan", &src), "viral");
  EXPECT_EQ(src, Stemmer::Source::kSnowball);
  EXPECT_EQ(s.Stem("diretweet", &src), "retweet");
  // Short words, numbers and abbreviations stay as they are.
  EXPECT_EQ(s.Stem("kpk", &src), "kpk");
  EXPECT_EQ(src, Stemmer::Source::kUnchanged);
  EXPECT_EQ(s.Stem("2017", &src), "2017");
  EXPECT_EQ(s.Stem("50000", &src), "50000");
  EXPECT_EQ(s.Stem("", &src), "");
  // Snowball would leave "keu" of "menkeu": too short, the word stays.
  EXPECT_EQ(s.Stem("menkeu", &src), "menkeu");
  EXPECT_EQ(src, Stemmer::Source::kUnchanged);
}

TEST(StemmerTest, CachesAndIsSafeFromManyThreads) {
  ASSERT_TRUE(HaveDictionary());
  StemmerOptions o;
  auto s = Stemmer::Open(o);
  ASSERT_TRUE(s.ok());
  const Stemmer& st = **s;
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        for (const Case& c : kAffixed) {
          if (st.Stem(c.word) != c.stem) ++wrong[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int w : wrong) EXPECT_EQ(w, 0);
  EXPECT_EQ(st.cache_size(), std::size(kAffixed));
}

TEST(StemmerTest, CacheLimitIsRespected) {
  StemmerOptions o;
  o.cache_limit = 32;  // two per shard
  auto s = Stemmer::Open(o);
  ASSERT_TRUE(s.ok());
  for (const Case& c : kAffixed) EXPECT_EQ((*s)->Stem(c.word), c.stem);
  EXPECT_LE((*s)->cache_size(), 32u);
}

}  // namespace
}  // namespace warta::text
