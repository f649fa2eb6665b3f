#include "store/sqlite/derived_text.h"

#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <vector>

#include "base/fibonacci_hash.h"

namespace warta::sqlite {
namespace {

// A run of the body shorter than this is kept as literal bytes: a copy op
// takes 2-5 bytes, and the index finds runs by their first 8 bytes.
constexpr std::size_t kMinRun = 8;
// Every kStep-th position of the body is indexed; a run found at an
// indexed position is extended backwards to where it starts. Measured on
// 1,000 articles of a 100k archive, packing both html and plain text took
// 4.7 us with every position indexed, 3.1 us with every 4th, same sizes.
constexpr std::size_t kStep = 4;
// Shorter texts are stored as they are.
constexpr std::size_t kMinPacked = 64;

std::uint64_t Load64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (std::endian::native == std::endian::big) {
    v = __builtin_bswap64(v);
  }
  return v;
}

void PutVarint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view s, std::size_t& at, std::uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (at >= s.size()) return false;
    const auto b = static_cast<unsigned char>(s[at++]);
    v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return true;
  }
  return false;
}

Status Damaged(std::string_view why) {
  return Status::Internal(std::string("packed article text: ") +
                          std::string(why));
}

// The positions of the body's runs by hash, per thread (the writer's), so
// a packer costs no allocation. 0 is empty; else position + 1.
thread_local std::vector<std::uint32_t> run_table;

std::uint32_t RunHash(const char* p, unsigned bits) {
  return static_cast<std::uint32_t>(FibonacciHash(Load64(p), bits));
}

}  // namespace

std::uint32_t PackedTextHash(std::string_view s) {
  // Four lanes of 8 bytes, each its own chain (a single chain of multiplies
  // was 1.4% of the import's writer), folded at the end.
  constexpr std::uint64_t kMul1 = 0xBF58476D1CE4E5B9ull;
  constexpr std::uint64_t kMul2 = 0x94D049BB133111EBull;
  std::uint64_t lane[4] = {0x9E3779B97F4A7C15ull ^ s.size(), kMul1, kMul2,
                           0x2545F4914F6CDD1Dull};
  auto mix = [](std::uint64_t& h, std::uint64_t chunk) {
    h ^= chunk * kMul1;
    h = std::rotl(h, 31) * kMul2;
  };
  std::size_t at = 0;
  for (; at + 32 <= s.size(); at += 32) {
    for (int i = 0; i < 4; ++i) mix(lane[i], Load64(s.data() + at + 8 * i));
  }
  for (int i = 0; at + 8 <= s.size(); at += 8, ++i) {
    mix(lane[i], Load64(s.data() + at));
  }
  if (at < s.size()) {
    char tail[8] = {};
    std::memcpy(tail, s.data() + at, s.size() - at);
    mix(lane[3], Load64(tail));
  }
  std::uint64_t h = lane[0];
  for (int i = 1; i < 4; ++i) mix(h, lane[i]);
  h ^= h >> 29;
  h *= kMul1;
  h ^= h >> 32;
  return static_cast<std::uint32_t>(h);
}

namespace {

// How far `a` and `b` agree from their starts (at most `n` bytes), eight
// bytes at a time.
std::size_t CommonLength(const char* a, const char* b, std::size_t n) {
  std::size_t len = 0;
  while (len + 8 <= n) {
    const std::uint64_t diff = Load64(a + len) ^ Load64(b + len);
    if (diff != 0) return len + (std::countr_zero(diff) >> 3);
    len += 8;
  }
  while (len < n && a[len] == b[len]) ++len;
  return len;
}

}  // namespace

void TextPacker::Index() {
  indexed_ = true;
  // About two slots an indexed position, from 1,024 to 65,536 slots.
  bits_ = 10;
  while (bits_ < 16 && (std::size_t{1} << bits_) < 2 * (body_.size() / kStep)) {
    ++bits_;
  }
  run_table.assign(std::size_t{1} << bits_, 0);
  if (body_.size() < kMinRun || body_.size() >= 0xFFFFFFFFu) return;
  for (std::size_t j = 0; j + kMinRun <= body_.size(); j += kStep) {
    run_table[RunHash(body_.data() + j, bits_)] =
        static_cast<std::uint32_t>(j + 1);
  }
}

std::optional<std::string> TextPacker::Pack(std::string_view text) {
  if (text.size() < kMinPacked || text.size() > kMaxUnpackedSize) {
    return std::nullopt;
  }
  if (!indexed_) Index();
  std::string out;
  out.reserve(128);
  out.push_back(static_cast<char>(kPackedFormat));
  PutVarint(out, text.size());
  const std::uint32_t hash = PackedTextHash(text);
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(hash >> (8 * i)));
  std::size_t i = 0, literal = 0;
  while (i + kMinRun <= text.size()) {
    const std::uint32_t slot = run_table[RunHash(text.data() + i, bits_)];
    if (slot != 0) {
      std::size_t j = slot - 1;
      // (Bounds: the table is the thread's, indexed for this packer's body
      // unless another packer on the thread indexed its own since.)
      if (j + kMinRun <= body_.size() &&
          std::memcmp(body_.data() + j, text.data() + i, kMinRun) == 0) {
        std::size_t len =
            kMinRun +
            CommonLength(body_.data() + j + kMinRun, text.data() + i + kMinRun,
                         std::min(body_.size() - j, text.size() - i) - kMinRun);
        while (i > literal && j > 0 && body_[j - 1] == text[i - 1]) {
          --i;
          --j;
          ++len;
        }
        PutVarint(out, i - literal);
        out.append(text.data() + literal, i - literal);
        PutVarint(out, len);
        PutVarint(out, j);
        i += len;
        literal = i;
        if (out.size() >= text.size()) return std::nullopt;
        continue;
      }
    }
    ++i;
  }
  PutVarint(out, text.size() - literal);
  out.append(text.data() + literal, text.size() - literal);
  if (out.size() >= text.size()) return std::nullopt;
  return out;
}

Result<std::string> UnpackDerivedText(std::string_view body,
                                      std::string_view packed) {
  if (packed.empty()) return Damaged("empty");
  if (static_cast<unsigned char>(packed[0]) != kPackedFormat) {
    return Damaged("unknown format " +
                   std::to_string(static_cast<unsigned char>(packed[0])));
  }
  std::size_t at = 1;
  std::uint64_t size = 0;
  if (!GetVarint(packed, at, size) || size > kMaxUnpackedSize) {
    return Damaged("size out of bounds");
  }
  if (packed.size() - at < 4) return Damaged("too short");
  std::uint32_t hash = 0;
  for (int i = 0; i < 4; ++i) {
    hash |= static_cast<std::uint32_t>(static_cast<unsigned char>(packed[at++]))
            << (8 * i);
  }
  std::string out;
  out.reserve(size);
  while (true) {
    std::uint64_t n = 0;
    if (!GetVarint(packed, at, n) || n > packed.size() - at ||
        n > size - out.size()) {
      return Damaged("literal out of bounds");
    }
    out.append(packed.data() + at, n);
    at += n;
    if (at == packed.size()) break;
    std::uint64_t len = 0, pos = 0;
    if (!GetVarint(packed, at, len) || !GetVarint(packed, at, pos) ||
        len == 0 || pos > body.size() || len > body.size() - pos ||
        len > size - out.size()) {
      return Damaged("copy out of bounds (body changed apart from it?)");
    }
    out.append(body.data() + pos, len);
  }
  if (out.size() != size) return Damaged("not its recorded size");
  // Also a body changed without its html (by hand, in the sqlite3 shell):
  // the copies then give other text of the same size.
  if (PackedTextHash(out) != hash) {
    return Damaged("hash mismatch (body changed apart from it?)");
  }
  return out;
}

namespace {

void DerivedTextFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
  sqlite3_value* value = argv[1];
  if (sqlite3_value_type(value) != SQLITE_BLOB) {
    sqlite3_result_value(ctx, value);
    return;
  }
  const void* blob = sqlite3_value_blob(value);
  const int blob_size = sqlite3_value_bytes(value);
  std::string_view packed(static_cast<const char*>(blob),
                          static_cast<std::size_t>(blob_size));
  const unsigned char* text = sqlite3_value_text(argv[0]);
  std::string_view body =
      text ? std::string_view(
                 reinterpret_cast<const char*>(text),
                 static_cast<std::size_t>(sqlite3_value_bytes(argv[0])))
           : std::string_view();
  Result<std::string> out = UnpackDerivedText(body, packed);
  if (!out.ok()) {
    const std::string& msg = out.status().message();
    sqlite3_result_error(ctx, msg.c_str(), static_cast<int>(msg.size()));
    return;
  }
  sqlite3_result_text64(ctx, out->data(), out->size(), SQLITE_TRANSIENT,
                        SQLITE_UTF8);
}

}  // namespace

Status RegisterDerivedText(sqlite3* db) {
  const int rc = sqlite3_create_function_v2(
      db, "derived_text", 2,
      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
      &DerivedTextFunction, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    return Status::Internal(std::string("derived_text: ") + sqlite3_errstr(rc));
  }
  return Status::Ok();
}

}  // namespace warta::sqlite
