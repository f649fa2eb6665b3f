#include "ingest/text_format.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace warta::ingest {
namespace {

// Our own article in the seed's layout, with every kind of chrome line.
constexpr char kArticle[] =
    "\xEF\xBB\xBF"
    "Pelabuhan Tanjung Perak perpanjang jam layanan bongkar muat\r\n"
    "\r\n"
    "waktu baca 3 menit\r\n"
    "\r\n"
    "Surabaya (WARTA) - Pelabuhan Tanjung Perak memperpanjang jam layanan "
    "bongkar muat mulai pekan depan.\r\n"
    "\r\n"
    "Baca juga: Antrean truk di Surabaya mengular\r\n"
    "\r\n"
    "“Kami ingin antrean kapal berkurang,” ujar Kepala Operasional, Sari "
    "Dewanti.\r\n"
    "\r\n"
    "1. Layanan malam dibuka pukul 22.00 WIB.\r\n"
    "\r\n"
    "Sumber: ANTARA\r\n"
    "Pewarta: Rina Wulandari, Budi Santoso\r\n"
    "Editor: Agus Salim\r\n"
    "\r\n"
    "Bagikan\r\n"
    "\r\n"
    "Mungkin Kamu Suka\r\n"
    "\r\n"
    "Judul artikel lain yang tidak boleh masuk\r\n";

TEST(ParseTextArticleTest, ReadsTheSeedLayout) {
  auto a = ParseTextArticle(kArticle);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->title,
            "Pelabuhan Tanjung Perak perpanjang jam layanan bongkar muat");
  EXPECT_EQ(a->dateline_city, "Surabaya");
  EXPECT_EQ(a->dateline_outlet, "WARTA");
  EXPECT_EQ(a->source, "ANTARA");
  EXPECT_EQ(a->editor, "Agus Salim");
  ASSERT_EQ(a->authors.size(), 2u);
  EXPECT_EQ(a->authors[1], "Budi Santoso");
  EXPECT_EQ(a->import_key,
            "text:pelabuhan-tanjung-perak-perpanjang-jam-layanan-bongkar-muat");
  // Body: the paragraphs, the dateline removed, list marker escaped.
  EXPECT_EQ(a->body.rfind("Pelabuhan Tanjung Perak memperpanjang", 0), 0u)
      << a->body;
  EXPECT_NE(a->body.find("“Kami ingin antrean kapal berkurang,”"),
            std::string::npos);
  EXPECT_NE(a->body.find("1\\. Layanan malam"), std::string::npos) << a->body;
  // "Baca juga" stays a paragraph of its own (rendered as a related link).
  EXPECT_NE(a->body.find("\n\nBaca juga: Antrean truk di Surabaya "
                         "mengular\n\n"),
            std::string::npos)
      << a->body;
  for (const char* chrome :
       {"waktu baca", "Sumber", "Pewarta", "Editor", "Bagikan",
        "Mungkin Kamu Suka", "tidak boleh masuk"}) {
    EXPECT_EQ(a->body.find(chrome), std::string::npos) << chrome;
  }
}

TEST(ParseTextArticleTest, JoinsWrappedLinesAndWorksWithoutDateline) {
  auto a =
      ParseTextArticle("Judul\n\nBaris satu\nbaris dua.\n\nParagraf dua.\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->body, "Baris satu baris dua.\n\nParagraf dua.");
  EXPECT_TRUE(a->dateline_city.empty());
  EXPECT_TRUE(a->source.empty());
}

TEST(ParseTextArticleTest, ClearErrorsWithLineNumbers) {
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"", "line 1: the file is empty"},
      {"\n\n  \n", "line 1: the file is empty"},
      {"Judul saja\n", "line 1: no body paragraphs after the title"},
      {"\nJudul\n\nBagikan\n", "line 2: no body paragraphs after the title"},
      {"waktu baca 2 menit\nJudul\n", "line 1: expected the title"},
      {"Judul\n\nJakarta (WARTA) - \n",
       "line 1: the body holds only a dateline"},
      {"Judul\n\nbad \xC3\x28 byte\n", "line 3: not valid UTF-8"},
  };
  for (const Case& c : cases) {
    auto a = ParseTextArticle(c.text);
    ASSERT_FALSE(a.ok()) << c.text;
    EXPECT_EQ(a.status().message().rfind(c.message, 0), 0u)
        << "got: " << a.status().message();
  }
}

// The seed page itself, when ../shared is beside the checkout.
TEST(ParseTextArticleTest, ReadsTheSharedSeed) {
  std::ifstream in(std::string(WARTA_SOURCE_DIR) +
                   "/../shared/seed/000_46dba73b1170418d.txt");
  if (!in) {
    if (std::getenv("CI")) FAIL() << "../shared/seed is missing and CI=true";
    GTEST_SKIP() << "../shared/seed not found beside the checkout; skipping";
  }
  std::stringstream ss;
  ss << in.rdbuf();
  auto a = ParseTextArticle(ss.str());
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->dateline_city, "Seoul");
  EXPECT_EQ(a->dateline_outlet, "KABARIN");
  EXPECT_EQ(a->source, "Sputnik-OANA");
  for (const char* chrome : {"waktu baca", "Sumber:", "Bagikan",
                             "Mungkin Kamu Suka", "Seoul (KABARIN)"}) {
    EXPECT_EQ(a->body.find(chrome), std::string::npos) << chrome;
  }
  EXPECT_EQ(a->body.rfind("Hubungan Korea Utara", 0), 0u);
}

}  // namespace
}  // namespace warta::ingest
