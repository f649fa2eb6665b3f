#include "admin/diff.h"

#include <algorithm>
#include <cstdint>

#include "base/strings.h"

namespace warta::admin {
namespace {

// Alternating runs of non-space (words) and whitespace.
std::vector<std::string_view> Tokens(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  auto space = [](char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  };
  while (i < s.size()) {
    size_t start = i;
    bool sp = space(s[i]);
    while (i < s.size() && space(s[i]) == sp) ++i;
    out.push_back(s.substr(start, i - start));
  }
  return out;
}

void Push(std::vector<DiffPart>& out, DiffPart::Kind kind,
          std::string_view text) {
  if (text.empty()) return;
  if (!out.empty() && out.back().kind == kind) {
    out.back().text += text;
  } else {
    out.push_back({kind, std::string(text)});
  }
}

}  // namespace

std::vector<DiffPart> DiffWords(std::string_view before,
                                std::string_view after) {
  std::vector<std::string_view> a = Tokens(before), b = Tokens(after);
  size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre &&
         a[a.size() - 1 - suf] == b[b.size() - 1 - suf])
    ++suf;
  std::vector<DiffPart> out;
  for (size_t i = 0; i < pre; ++i) Push(out, DiffPart::kEqual, a[i]);
  size_t n = a.size() - pre - suf, m = b.size() - pre - suf;
  if (n * m > kMaxDiffCells) {
    for (size_t i = 0; i < n; ++i) Push(out, DiffPart::kDelete, a[pre + i]);
    for (size_t j = 0; j < m; ++j) Push(out, DiffPart::kInsert, b[pre + j]);
  } else {
    // lcs[i][j]: LCS length of a[pre+i..] and b[pre+j..].
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> std::uint32_t& {
      return lcs[i * (m + 1) + j];
    };
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        at(i, j) = a[pre + i] == b[pre + j]
                       ? at(i + 1, j + 1) + 1
                       : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[pre + i] == b[pre + j]) {
        Push(out, DiffPart::kEqual, a[pre + i]);
        ++i;
        ++j;
      } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
        Push(out, DiffPart::kDelete, a[pre + i++]);  // deletions first
      } else {
        Push(out, DiffPart::kInsert, b[pre + j++]);
      }
    }
  }
  for (size_t k = a.size() - suf; k < a.size(); ++k)
    Push(out, DiffPart::kEqual, a[k]);
  return out;
}

std::string DiffHtml(const std::vector<DiffPart>& parts, std::size_t context) {
  std::string html;
  for (size_t k = 0; k < parts.size(); ++k) {
    const DiffPart& p = parts[k];
    switch (p.kind) {
      case DiffPart::kInsert:
        html += "<ins>";
        AppendHtmlEscaped(html, p.text);
        html += "</ins>";
        break;
      case DiffPart::kDelete:
        html += "<del>";
        AppendHtmlEscaped(html, p.text);
        html += "</del>";
        break;
      case DiffPart::kEqual: {
        std::string_view t = p.text;
        bool first = k == 0, last = k + 1 == parts.size();
        size_t keep = (first || last) ? context : 2 * context;
        if (t.size() <= keep + 20) {
          AppendHtmlEscaped(html, t);
          break;
        }
        // Cut at byte positions that do not split a UTF-8 sequence.
        auto cut = [&](size_t pos) {
          while (pos < t.size() &&
                 (static_cast<unsigned char>(t[pos]) & 0xC0) == 0x80)
            ++pos;
          return pos;
        };
        if (!first) AppendHtmlEscaped(html, t.substr(0, cut(context)));
        html += "<span class=\"diff-skip\">…</span>";
        if (!last) AppendHtmlEscaped(html, t.substr(cut(t.size() - context)));
        break;
      }
    }
  }
  return html;
}

}  // namespace warta::admin
