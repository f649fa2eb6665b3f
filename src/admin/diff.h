// A readable word-level diff for the revision history: common prefix and
// suffix are trimmed, the middle is aligned by longest common subsequence
// over words and runs of whitespace. Above kMaxDiffCells of
// work the middle is shown as one replacement. Pure; thread-safe.
#ifndef WARTA_ADMIN_DIFF_H_
#define WARTA_ADMIN_DIFF_H_

#include <string>
#include <string_view>
#include <vector>

namespace warta::admin {

inline constexpr std::size_t kMaxDiffCells = 4'000'000;

struct DiffPart {
  enum Kind { kEqual, kInsert, kDelete } kind;
  std::string text;
};

// Parts that turn `before` into `after`; adjacent parts of a kind merged.
std::vector<DiffPart> DiffWords(std::string_view before,
                                std::string_view after);

// HTML: deletions in <del>, insertions in <ins>, text escaped; unchanged
// runs longer than `context` characters are shortened around "…".
std::string DiffHtml(const std::vector<DiffPart>& parts,
                     std::size_t context = 200);

}  // namespace warta::admin

#endif  // WARTA_ADMIN_DIFF_H_
