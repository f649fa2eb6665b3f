// Test support: many distinct articles (random words of our own, names and
// tags) for index tests. Header-only; not for production code.
#ifndef WARTA_INDEX_TEST_DOCS_H_
#define WARTA_INDEX_TEST_DOCS_H_

#include <iterator>
#include <random>
#include <string>

#include "index/doc.h"

namespace warta::index::testing {

// Words of our own to make many distinct articles from.
inline const char* const kWords[] = {
    "banjir",    "sungai",       "warga",    "mengungsi",   "hujan",
    "deras",     "pemerintah",   "menteri",  "anggaran",    "pendidikan",
    "sekolah",   "guru",         "murid",    "jakarta",     "bandung",
    "surabaya",  "pertandingan", "sepak",    "bola",        "gol",
    "pelatih",   "kompetisi",    "ekonomi",  "inflasi",     "harga",
    "beras",     "pasar",        "petani",   "panen",       "pupuk",
    "kesehatan", "rumah",        "sakit",    "dokter",      "vaksin",
    "teknologi", "aplikasi",     "internet", "jaringan",    "listrik",
    "pelabuhan", "kapal",        "nelayan",  "ikan",        "laut",
    "gunung",    "letusan",      "abu",      "penerbangan", "bandara"};
inline const char* const kNames[] = {
    "Budi Santoso", "Siti Rahma", "Joko Widodo", "Sri Mulyani", "Andi Wijaya"};

inline std::string Sentence(std::mt19937& rng, int words) {
  std::string s;
  std::uniform_int_distribution<int> pick(0, std::size(kWords) - 1);
  for (int i = 0; i < words; ++i) {
    if (i) s += ' ';
    s += kWords[pick(rng)];
  }
  return s + ".";
}

inline IndexDoc MakeDoc(std::mt19937& rng, std::int64_t id) {
  IndexDoc d;
  d.article_id = id;
  d.published_at = 1700000000 + id * 60;
  d.category_id = 1 + id % 4;
  d.cluster_id = id % 17 == 0 ? id - 1 : 0;
  d.tag_ids = {id % 5, 10 + id % 3};
  d.author_ids = {100 + id % 2};
  d.title = Sentence(rng, 6);
  d.excerpt = Sentence(rng, 20) + " Kata " + kNames[id % 5] + " kemarin.";
  d.body = Sentence(rng, 60) + " " + kNames[(id + 1) % 5] + " menyatakan " +
           Sentence(rng, 40);
  return d;
}

}  // namespace warta::index::testing

#endif  // WARTA_INDEX_TEST_DOCS_H_
