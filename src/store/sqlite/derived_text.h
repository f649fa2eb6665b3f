// An article's html and plain text as the SQLite store keeps them: each
// derived from the body (Newsroom::Render), so nearly every run of it is a
// run of the body. The row stores each as a delta against the body: runs of
// the body by position and length, and the bytes between them (180 bytes for
// both instead of 4,475, on 20,000 bench articles). The articles table
// falls from 8.2 KB an article (one 8 KiB page each) to 2.9 KB (dbstat), and
// a 1M import writes 21-25% fewer bytes
// (docs/benchmarks.md, "The body once"). PostgreSQL compresses long values
// itself (TOAST) and stores them as text.
//
// A packed value is a BLOB: byte 0 the format (kPackedFormat), a varint of
// the unpacked size, 4 bytes of its hash (PackedTextHash, little-endian),
// then the ops: a literal (varint length, bytes), then any number of a copy
// of the body (varint length >= 1, varint position) and a literal. A TEXT
// value is the text itself (rows written before migration 069, and values
// too short to gain). Every connection has the SQL function
// derived_text(body, value) that gives the text of either
// (RegisterDerivedText), so SQL reads the text without knowing.
#ifndef WARTA_STORE_SQLITE_DERIVED_TEXT_H_
#define WARTA_STORE_SQLITE_DERIVED_TEXT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

struct sqlite3;

namespace warta::sqlite {

inline constexpr unsigned char kPackedFormat = 1;
// The longest text a packed value may unpack to: a damaged size field must
// not make a reader allocate gigabytes. Article bodies are bounded far below
// it by the newsroom.
inline constexpr std::size_t kMaxUnpackedSize = 64u << 20;

// Packs texts against one body: its runs are indexed once (every 4th
// position's next 8 bytes, hashed) for all the texts packed against it.
class TextPacker {
 public:
  explicit TextPacker(std::string_view body) : body_(body) {}
  TextPacker(const TextPacker&) = delete;
  TextPacker& operator=(const TextPacker&) = delete;

  // `text` packed, or nullopt when packing would not make it smaller
  // (short or unrelated text): store the text as it is then.
  std::optional<std::string> Pack(std::string_view text);

 private:
  void Index();

  std::string_view body_;
  bool indexed_ = false;
  unsigned bits_ = 0;  // the table's size, log 2
};

// A stable 32-bit hash of `s` (stored in packed values: fixed forever).
std::uint32_t PackedTextHash(std::string_view s);

// The text of a packed value (bytes as TextPacker::Pack made them) with the
// body it was packed against; an error for a damaged or foreign value.
Result<std::string> UnpackDerivedText(std::string_view body,
                                      std::string_view packed);

// Registers derived_text(body, value) on `db`: value itself when it is not a
// BLOB, else UnpackDerivedText(body, value) (an SQL error when damaged).
Status RegisterDerivedText(sqlite3* db);

}  // namespace warta::sqlite

#endif  // WARTA_STORE_SQLITE_DERIVED_TEXT_H_
