#include "newsroom/revisions.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "newsroom/article_codec.h"

namespace warta {
namespace {

using json = nlohmann::json;

std::string HashOf(std::string_view s) {
  std::uint64_t h = Fnv1a64(s);
  std::string bytes(8, '\0');
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(h >> (56 - 8 * i));
  return HexEncode(bytes) + ":" + std::to_string(s.size());
}

}  // namespace

std::string SnapshotOf(const Article& a) { return SnapshotText(a); }

Status ApplySnapshot(std::string_view snapshot, Article& a, bool content_only) {
  json j = json::parse(snapshot, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Status::InvalidArgument("revision: not a snapshot")
        .WithField("revision")
        .WithReason("revision_invalid");
  // Content only: what is not content stays as it was.
  const ArticleStatus status = a.status;
  const std::optional<Timestamp> published_at = a.published_at;
  std::string slug = a.slug;
  WARTA_RETURN_IF_ERROR(DecodeArticle(j, ArticleForm::kSnapshot, a));
  if (content_only) {
    a.status = status;
    a.published_at = published_at;
    a.slug = std::move(slug);
  }
  return Status::Ok();
}

namespace {

// A keyframe (a snapshot stored alone: every article's first revision, so
// every imported article's) is brotli at quality 0 behind this byte, which
// no zlib stream begins with (its first byte's low four bits are 8). On
// 2.4 KB JSON lines, brotli at quality 0 took 13.3-16.5 us and zlib's
// fastest (level 1, run-length or Huffman only) 22.6-30.9 us, for 2.5% more
// bytes
// (docs/benchmarks.md, "The first revision in brotli, shingles sorted by
// their top bits"). Keyframes stored before are zlib streams and decode as
// before.
constexpr char kBrotliMark = '\xB1';

bool IsBrotliKeyframe(std::string_view data) {
  return !data.empty() && data[0] == kBrotliMark;
}

Result<std::string> BrotliKeyframe(std::string_view data) {
  std::string out(1 + BrotliEncoderMaxCompressedSize(data.size()), '\0');
  out[0] = kBrotliMark;
  std::size_t size = out.size() - 1;
  if (!BrotliEncoderCompress(
          0, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
          reinterpret_cast<const std::uint8_t*>(data.data()), &size,
          reinterpret_cast<std::uint8_t*>(out.data() + 1)))
    return Status::Internal("revision: brotli failed");
  out.resize(1 + size);
  return out;
}

Result<std::string> BrotliSnapshot(std::string_view data,
                                   std::size_t raw_size) {
  std::string out(raw_size, '\0');
  std::size_t size = raw_size;
  if (BrotliDecoderDecompress(
          data.size(), reinterpret_cast<const std::uint8_t*>(data.data()),
          &size, reinterpret_cast<std::uint8_t*>(out.data())) !=
          BROTLI_DECODER_RESULT_SUCCESS ||
      size != raw_size)
    return Status::Internal("revision: corrupt snapshot data");
  return out;
}

// One deflate stream per thread, reset between uses: deflateInit2
// at memLevel 9 allocates (and the kernel zeroes) ~400 KiB each time, which
// cost more than compressing a snapshot (a re-import of changed articles
// saves a delta each, thousands a second). The output is the same as from a
// fresh stream.
struct Deflater {
  Deflater(int level, int strategy) {
    ok = deflateInit2(&z, level, Z_DEFLATED, 15, 9, strategy) == Z_OK;
  }
  ~Deflater() {
    if (ok) deflateEnd(&z);
  }
  z_stream z{};
  bool ok = false;
};

}  // namespace

Result<std::string> CompressSnapshot(std::string_view data,
                                     std::string_view dict) {
  if (dict.empty()) return BrotliKeyframe(data);
  // A delta against a dictionary (an earlier snapshot) finds long matches
  // at any distance: zlib's best compression.
  thread_local Deflater deflater(Z_BEST_COMPRESSION, Z_DEFAULT_STRATEGY);
  if (!deflater.ok || deflateReset(&deflater.z) != Z_OK)
    return Status::Internal("deflateInit failed");
  z_stream& z = deflater.z;
  // Only the last 32 KiB of a dictionary can be referenced.
  if (dict.size() > 32768) dict = dict.substr(dict.size() - 32768);
  deflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dict.data()),
                       static_cast<uInt>(dict.size()));
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  if (rc != Z_STREAM_END) return Status::Internal("deflate failed");
  return out;
}

Result<std::string> DecompressSnapshot(std::string_view data,
                                       std::string_view dict,
                                       std::size_t raw_size) {
  if (raw_size > (64u << 20))
    return Status::InvalidArgument("revision: snapshot too large")
        .WithField("revision")
        .WithReason("revision_invalid");
  if (dict.empty() && IsBrotliKeyframe(data))
    return BrotliSnapshot(data.substr(1), raw_size);
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return Status::Internal("inflateInit failed");
  std::string out(raw_size, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&z, Z_FINISH);
  if (rc == Z_NEED_DICT) {
    if (dict.size() > 32768) dict = dict.substr(dict.size() - 32768);
    inflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dict.data()),
                         static_cast<uInt>(dict.size()));
    rc = inflate(&z, Z_FINISH);
  }
  std::size_t got = z.total_out;
  inflateEnd(&z);
  if (rc != Z_STREAM_END || got != raw_size)
    return Status::Internal("revision: corrupt snapshot data");
  return out;
}

namespace {
// How many recent revisions a save looks through for the applied one.
constexpr int kLookBack = 32;
}  // namespace

bool IsRevisionEvent(std::string_view kind) {
  return kind == "publish" || kind == "unpublish" || kind == "schedule" ||
         kind == "restore";
}

Result<std::optional<Revision>> EncodeRevision(RevisionStore& store,
                                               std::int64_t article_id,
                                               const std::string& snapshot,
                                               RevisionUse use) {
  Revision rev;
  rev.raw_size = static_cast<std::int64_t>(snapshot.size());
  rev.snapshot_hash = HashOf(snapshot);
  WARTA_ASSIGN_OR_RETURN(std::string alone, CompressSnapshot(snapshot, ""));
  rev.data = alone;
  if (article_id == 0) return std::optional<Revision>(std::move(rev));
  WARTA_ASSIGN_OR_RETURN(auto latest,
                         store.ListRevisions(article_id, kLookBack, false));
  if (latest.empty()) return std::optional<Revision>(std::move(rev));
  const Revision& last = latest[0];
  if (use == RevisionUse::kKeepBeside &&
      last.snapshot_hash == rev.snapshot_hash)
    return std::optional<Revision>();
  if (use == RevisionUse::kApply) {
    // Nothing new when it equals what is live: the newest applied revision
    // (kept autosaves after it do not count).
    for (const Revision& r : latest) {
      if (!r.applied) continue;
      if (r.snapshot_hash == rev.snapshot_hash)
        return std::optional<Revision>();
      break;
    }
  }
  if (last.chain + 1 >= kMaxChain)
    return std::optional<Revision>(std::move(rev));
  std::int64_t key_id = last.base_id ? last.base_id : last.id;
  WARTA_ASSIGN_OR_RETURN(Revision key, store.GetRevision(key_id));
  WARTA_ASSIGN_OR_RETURN(std::string dict, DecodeRevision(store, key));
  WARTA_ASSIGN_OR_RETURN(std::string delta, CompressSnapshot(snapshot, dict));
  // A delta that saves less than half is not worth the dependency.
  if (delta.size() * 2 > alone.size())
    return std::optional<Revision>(std::move(rev));
  rev.data = std::move(delta);
  rev.base_id = key_id;
  rev.chain = last.chain + 1;
  return std::optional<Revision>(std::move(rev));
}

namespace {

// A keyframe's snapshot. A zlib stream carries a checksum (adler32) that
// inflate checks; brotli carries none, so a keyframe in brotli is checked
// against the hash of its snapshot stored beside it.
Result<std::string> DecodeKeyframe(const Revision& key) {
  WARTA_ASSIGN_OR_RETURN(
      std::string snapshot,
      DecompressSnapshot(key.data, "", static_cast<std::size_t>(key.raw_size)));
  if (IsBrotliKeyframe(key.data) && HashOf(snapshot) != key.snapshot_hash)
    return Status::Internal("revision: corrupt snapshot data");
  return snapshot;
}

}  // namespace

Result<std::string> DecodeRevision(RevisionStore& store,
                                   const Revision& listed) {
  Revision fetched;
  if (listed.data.empty()) {  // listed without data: read it
    WARTA_ASSIGN_OR_RETURN(fetched, store.GetRevision(listed.id));
  }
  const Revision& r = listed.data.empty() ? fetched : listed;
  if (r.base_id == 0) return DecodeKeyframe(r);
  WARTA_ASSIGN_OR_RETURN(Revision key, store.GetRevision(r.base_id));
  if (key.base_id != 0)
    return Status::Internal("revision: keyframe is not standalone");
  WARTA_ASSIGN_OR_RETURN(std::string dict, DecodeKeyframe(key));
  return DecompressSnapshot(r.data, dict, static_cast<std::size_t>(r.raw_size));
}

}  // namespace warta
