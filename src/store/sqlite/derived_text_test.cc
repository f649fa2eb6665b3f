#include "store/sqlite/derived_text.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <random>
#include <string>

namespace warta::sqlite {
namespace {

std::optional<std::string> PackDerivedText(std::string_view body,
                                           std::string_view text) {
  return TextPacker(body).Pack(text);
}

// An article's body as an editor types it, and its html and plain text as
// Newsroom::Render derives them (dateline first, paragraphs).
std::string Body(int paragraphs) {
  std::string body;
  for (int i = 0; i < paragraphs; ++i) {
    body += "Pemerintah daerah membahas anggaran tahun " +
            std::to_string(2000 + i) +
            " bersama warga di balai kota, kata juru bicara \"kami "
            "mendengar semua usulan\" pada Senin (29/9).\n\n";
  }
  return body;
}

std::string Html(const std::string& body) {
  std::string html = "<p>Seoul (KABARIN) - ";
  for (char c : body) {
    if (c == '"') {
      html += "&quot;";
    } else if (c == '\n') {
      html += "</p>\n<p>";
    } else {
      html += c;
    }
  }
  return html + "</p>";
}

TEST(DerivedTextTest, HtmlAndPlainTextPackToAFractionAndBack) {
  const std::string body = Body(12);
  const std::string html = Html(body);
  const std::string plaintext = "Seoul (KABARIN) - " + body;
  for (const std::string& text : {html, plaintext}) {
    auto packed = PackDerivedText(body, text);
    ASSERT_TRUE(packed.has_value());
    // Each paragraph's tags and entities stay literal bytes.
    EXPECT_LT(packed->size(), text.size() / 3) << text.size();
    auto back = UnpackDerivedText(body, *packed);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, text);
  }
}

TEST(DerivedTextTest, ShortOrIncompressibleTextStaysText) {
  EXPECT_FALSE(PackDerivedText("Isi.", "<p>Isi.</p>").has_value());
  std::mt19937 rng(7);
  std::string noise;
  for (int i = 0; i < 4000; ++i) noise += static_cast<char>(rng());
  EXPECT_FALSE(PackDerivedText(Body(3), noise).has_value());
}

TEST(DerivedTextTest, EmptyAndLongBodies) {
  // Nothing to copy from: the text stays text.
  EXPECT_FALSE(PackDerivedText("", Body(5)).has_value());
  // A body of 57 KB (its run table at its largest).
  const std::string body = Body(400);
  ASSERT_GT(body.size(), 40000u);
  const std::string html = Html(body);
  auto packed = PackDerivedText(body, html);
  ASSERT_TRUE(packed.has_value());
  auto back = UnpackDerivedText(body, *packed);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, html);
}

TEST(DerivedTextTest, DamageIsAnErrorNotOtherText) {
  const std::string body = Body(6);
  const std::string html = Html(body);
  auto packed = PackDerivedText(body, html);
  ASSERT_TRUE(packed.has_value());
  EXPECT_FALSE(UnpackDerivedText(body, packed->substr(0, 4)).ok());
  EXPECT_FALSE(
      UnpackDerivedText(body, packed->substr(0, packed->size() - 3)).ok());
  std::string other = *packed;
  other[0] = 2;  // a format this build does not know
  EXPECT_FALSE(UnpackDerivedText(body, other).ok());
  other = *packed;
  other[1] = static_cast<char>(other[1] ^ 1);  // the size's low bits
  EXPECT_FALSE(UnpackDerivedText(body, other).ok());
  // A size past the bound: refused before anything is allocated.
  other = std::string(1, static_cast<char>(kPackedFormat)) +
          "\xff\xff\xff\xff\x7f" + packed->substr(3);
  auto huge = UnpackDerivedText(body, other);
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("size out of bounds"),
            std::string::npos);
  other = *packed;
  other[other.size() / 2 + 5] ^= 0x55;  // the stream
  EXPECT_FALSE(UnpackDerivedText(body, other).ok());
  // A body changed apart from its html: the same stream, another dictionary.
  std::string edited = body;
  for (char& c : edited) c = c == 'a' ? 'o' : c;
  EXPECT_FALSE(UnpackDerivedText(edited, *packed).ok());
}

// Values from a damaged page or a foreign writer: random edits of a packed
// value, and random bytes behind a valid format byte. Each read is an error
// or the original text (a changed text would need a hash collision), and
// never reads outside its inputs (the ASan pass of .ci/run runs this).
TEST(DerivedTextTest, MutatedValuesAreRefusedNotMisread) {
  const std::string body = Body(8);
  const std::string html = Html(body);
  auto packed = PackDerivedText(body, html);
  ASSERT_TRUE(packed.has_value());
  std::mt19937 rng(20261207);
  int refused = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string v = *packed;
    for (int edits = 1 + static_cast<int>(rng() % 4); edits > 0; --edits) {
      const std::size_t at = rng() % v.size();
      switch (rng() % 4) {
        case 0:
          v[at] = static_cast<char>(v[at] ^ (1 << (rng() % 8)));
          break;
        case 1:
          v.resize(std::max<std::size_t>(at, 1));
          break;
        case 2:
          v.insert(at, 1, static_cast<char>(rng()));
          break;
        default:
          v[at] = static_cast<char>(rng());
      }
    }
    auto out = UnpackDerivedText(body, v);
    if (out.ok()) {
      EXPECT_EQ(*out, html) << "round " << round;
    } else {
      ++refused;
    }
  }
  EXPECT_GT(refused, 19000);
  for (int round = 0; round < 5000; ++round) {
    std::string v(1, static_cast<char>(kPackedFormat));
    for (std::size_t n = rng() % 64; n > 0; --n) {
      v.push_back(static_cast<char>(rng()));
    }
    auto out = UnpackDerivedText(body, v);
    EXPECT_FALSE(out.ok() && !out->empty()) << "round " << round;
  }
}

// Packers of different bodies on one thread share its run table: each
// still packs its own texts right.
TEST(DerivedTextTest, InterleavedPackersStayCorrect) {
  const std::string body_a = Body(5);
  std::string body_b;
  for (int i = 0; i < 40; ++i) {
    body_b += "Tim nasional berlatih di stadion " + std::to_string(i) + ". ";
  }
  TextPacker a(body_a);
  TextPacker b(body_b);
  const std::string html_a = Html(body_a);
  const std::string html_b = "<p>" + body_b + "</p>";
  auto pa = a.Pack(html_a);                          // indexes body_a
  auto pb = b.Pack(html_b);                          // indexes body_b over it
  auto pa2 = a.Pack("Seoul (KABARIN) - " + body_a);  // body_b's table
  ASSERT_TRUE(pa && pb);
  EXPECT_EQ(*UnpackDerivedText(body_a, *pa), html_a);
  EXPECT_EQ(*UnpackDerivedText(body_b, *pb), html_b);
  // Mostly nothing packs against the wrong table; without the packer's
  // bounds check its lookups read past body_a (ASan in .ci/run).
  if (pa2) {
    EXPECT_EQ(*UnpackDerivedText(body_a, *pa2), "Seoul (KABARIN) - " + body_a);
  }
}

// The hash is part of every stored value: it must never change.
TEST(DerivedTextTest, TheStoredHashIsFixed) {
  EXPECT_NE(PackedTextHash("a"), PackedTextHash("b"));
  EXPECT_EQ(PackedTextHash("Seoul (KABARIN) - Berita"), 1312402962u);
}

// derived_text(body, value) in SQL: a TEXT (or NULL) value as it is, a
// packed one unpacked, a damaged one an error of the statement.
TEST(DerivedTextTest, TheSqlFunctionReadsEitherForm) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  ASSERT_TRUE(RegisterDerivedText(db).ok());
  const std::string body = Body(4);
  const std::string html = Html(body);
  auto packed = PackDerivedText(body, html);
  ASSERT_TRUE(packed.has_value());
  auto select = [&](const std::string& value, bool blob, std::string* out) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(
        sqlite3_prepare_v2(db, "SELECT derived_text(?, ?)", -1, &st, nullptr),
        SQLITE_OK);
    sqlite3_bind_text(st, 1, body.data(), static_cast<int>(body.size()),
                      SQLITE_TRANSIENT);
    if (blob) {
      sqlite3_bind_blob(st, 2, value.data(), static_cast<int>(value.size()),
                        SQLITE_TRANSIENT);
    } else {
      sqlite3_bind_text(st, 2, value.data(), static_cast<int>(value.size()),
                        SQLITE_TRANSIENT);
    }
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      const auto* text =
          reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      out->assign(text, static_cast<std::size_t>(sqlite3_column_bytes(st, 0)));
    } else {
      out->assign(sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    return rc;
  };
  std::string out;
  EXPECT_EQ(select("<p>Isi.</p>", false, &out), SQLITE_ROW);
  EXPECT_EQ(out, "<p>Isi.</p>");
  EXPECT_EQ(select(*packed, true, &out), SQLITE_ROW);
  EXPECT_EQ(out, html);
  std::string damaged = *packed;
  damaged.resize(damaged.size() - 2);
  EXPECT_NE(select(damaged, true, &out), SQLITE_ROW);
  EXPECT_NE(out.find("packed article text"), std::string::npos) << out;
  sqlite3_close(db);
}

}  // namespace
}  // namespace warta::sqlite
