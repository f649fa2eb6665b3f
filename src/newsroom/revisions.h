// Revisions: how an article's history is kept compact. A snapshot is a
// canonical JSON text of the fields an editor controls (title, body,
// excerpt, dateline, source, taxonomy names, feature image, status,
// published_at, slug), as the Article codec (newsroom/article_codec.h)
// writes its kSnapshot form. Each revision stores its snapshot deflated with
// the snapshot of a keyframe revision as the preset dictionary, so an edit of a
// few words costs a few dozen bytes; a keyframe stands alone. A new
// keyframe starts after kMaxChain revisions or when the delta stops paying.
// Pure functions over a RevisionStore; thread-safe.
#ifndef WARTA_NEWSROOM_REVISIONS_H_
#define WARTA_NEWSROOM_REVISIONS_H_

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "content/article.h"
#include "store/revision_store.h"

namespace warta {

inline constexpr int kMaxChain = 64;

// The snapshot text of `a` (stable: equal fields give equal bytes).
std::string SnapshotOf(const Article& a);

// Sets the snapshot's fields on `a` (content only when `content_only`:
// leaves status, published_at and slug alone). InvalidArgument when the
// text is not a snapshot.
Status ApplySnapshot(std::string_view snapshot, Article& a, bool content_only);

// A snapshot's stored bytes: alone (no `dict`), brotli behind a mark byte;
// against `dict` (an earlier snapshot), zlib deflate with it as preset
// dictionary. Decompress takes either, and a zlib stream stored alone by
// earlier versions; Internal when the data is corrupt or not raw_size.
Result<std::string> CompressSnapshot(std::string_view data,
                                     std::string_view dict);
Result<std::string> DecompressSnapshot(std::string_view data,
                                       std::string_view dict,
                                       std::size_t raw_size);

// Builds the revision to store for `snapshot` of article `article_id` (0:
// a new article): as a delta against the latest keyframe when that pays.
// nullopt when there is nothing to keep, by `use`.
enum class RevisionUse {
  kApply,       // a save: skipped when equal to the newest applied revision
                // (what is live; one equal to a kept autosave is kept)
  kKeepBeside,  // an autosave beside the live text: skipped when equal to
                // the latest revision of either kind
  kEvent,       // publish, unpublish, schedule, restore: always kept
};
Result<std::optional<Revision>> EncodeRevision(
    RevisionStore& store, std::int64_t article_id, const std::string& snapshot,
    RevisionUse use = RevisionUse::kApply);

// Kinds of revision that record an event of the workflow (who put the
// story live, took it off, scheduled it or restored an older text): kept
// even when the text did not change.
bool IsRevisionEvent(std::string_view kind);

// The snapshot text a stored revision holds (its data is read when the
// revision was listed without it). Internal when its data is damaged (a
// keyframe in brotli, which has no checksum, is checked against its
// snapshot_hash).
Result<std::string> DecodeRevision(RevisionStore& store,
                                   const Revision& revision);

}  // namespace warta

#endif  // WARTA_NEWSROOM_REVISIONS_H_
