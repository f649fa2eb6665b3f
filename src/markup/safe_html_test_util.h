// Test-only: CheckSafeHtml judges whether HTML is in the small language
// RenderMarkdown may write. Shared by xss_test.cc and stress_test.cc.
#ifndef WARTA_MARKUP_SAFE_HTML_TEST_UTIL_H_
#define WARTA_MARKUP_SAFE_HTML_TEST_UTIL_H_

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/strings.h"

namespace warta::markup::test_util {

// The five references AppendHtmlEscaped writes, decoded once (as a browser
// decodes an attribute value).
inline std::string DecodeBasicReferences(std::string_view s) {
  static const std::pair<std::string_view, char> kRefs[] = {{"&amp;", '&'},
                                                            {"&lt;", '<'},
                                                            {"&gt;", '>'},
                                                            {"&quot;", '"'},
                                                            {"&#39;", '\''}};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    bool matched = false;
    for (const auto& [ref, c] : kRefs) {
      if (s.substr(i, ref.size()) == ref) {
        out += c;
        i += ref.size();
        matched = true;
        break;
      }
    }
    if (!matched) out += s[i++];
  }
  return out;
}

// True when `s` at `i` ('&') starts one of the five references.
inline bool IsOurReference(std::string_view s, std::size_t i) {
  std::string_view rest = s.substr(i);
  for (std::string_view ref : {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"}) {
    if (rest.starts_with(ref)) return true;
  }
  return false;
}

// What a browser would run or load: the scheme of the decoded value.
inline bool UrlValueIsSafe(std::string_view raw, bool image) {
  std::string v = AsciiLower(DecodeBasicReferences(raw));
  std::size_t colon = v.find(':');
  if (colon == std::string::npos || colon > v.find_first_of("/?#")) {
    return true;  // relative
  }
  return v.starts_with("http://") || v.starts_with("https://") ||
         (!image && v.starts_with("mailto:"));
}

// Returns "" when `html` is in the language RenderMarkdown may write: only
// our tags, only our attributes with double-quoted values of the expected
// shapes (href/src with a safe scheme), balanced elements, and text and
// values in which '<', '>' and '"' never occur raw and '&' only starts one
// of the five references. Else what is wrong. Collects the decoded
// attribute values into `values` when given.
inline std::string CheckSafeHtml(std::string_view html,
                                 std::vector<std::string>* values = nullptr) {
  static const std::set<std::string, std::less<>> kVoid = {"br", "hr", "img"};
  static const std::map<std::string, std::set<std::string>, std::less<>>
      kAllowed = {
          {"p", {"class"}},
          {"h2", {}},
          {"h3", {}},
          {"h4", {}},
          {"h5", {}},
          {"h6", {}},
          {"blockquote", {}},
          {"ul", {}},
          {"ol", {"start"}},
          {"li", {}},
          {"hr", {}},
          {"br", {}},
          {"pre", {}},
          {"code", {"class"}},
          {"em", {}},
          {"strong", {}},
          {"del", {}},
          {"table", {}},
          {"thead", {}},
          {"tbody", {}},
          {"tr", {}},
          {"th", {"style"}},
          {"td", {"style"}},
          {"span", {"class"}},
          {"a", {"href", "title", "rel", "data-ref", "class"}},
          // "Baca juga" lines (read_also.h) and embeds (embed.h).
          {"aside", {"class"}},
          {"figure", {"class", "data-embed-src", "data-embed-provider"}},
          {"figcaption", {}},
          {"button", {"type", "class", "hidden"}},
          {"img", {"src", "alt", "title", "loading", "decoding"}},
      };
  if (AsciiLower(html).find("<script") != std::string::npos) {
    return "contains <script";
  }
  std::vector<std::string> open;
  std::size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '>' || c == '"') return "raw " + std::string(1, c) + " in text";
    if (c == '&' && !IsOurReference(html, i)) {
      return "bare & in text at " + std::to_string(i);
    }
    if (c != '<') {
      ++i;
      continue;
    }
    std::size_t end = html.find('>', i);
    if (end == std::string_view::npos) return "unterminated tag";
    std::string_view tag = html.substr(i + 1, end - i - 1);
    i = end + 1;
    bool closing = tag.starts_with('/');
    if (closing) tag.remove_prefix(1);
    std::size_t name_end = tag.find(' ');
    std::string name(tag.substr(0, name_end));
    auto allowed = kAllowed.find(name);
    if (allowed == kAllowed.end()) return "tag <" + name + "> not allowed";
    if (closing) {
      if (name_end != std::string_view::npos) return "attributes on </" + name;
      if (open.empty() || open.back() != name) return "unbalanced </" + name;
      open.pop_back();
      continue;
    }
    if (!kVoid.contains(name)) open.push_back(name);
    std::string_view attrs =
        name_end == std::string_view::npos ? "" : tag.substr(name_end);
    while (!attrs.empty()) {
      // Each attribute is ` name="value"`; an embed's button is ` hidden`.
      if (attrs[0] != ' ') return "bad attribute syntax in <" + name;
      if (name == "button" && attrs == " hidden") break;
      std::size_t eq = attrs.find("=\"");
      if (eq == std::string_view::npos) return "attribute without value";
      std::string attr(attrs.substr(1, eq - 1));
      std::size_t close = attrs.find('"', eq + 2);
      if (close == std::string_view::npos) return "unterminated value";
      std::string_view value = attrs.substr(eq + 2, close - eq - 2);
      attrs.remove_prefix(close + 1);
      if (AsciiLower(attr).starts_with("on")) return "event attribute " + attr;
      if (!allowed->second.contains(attr)) {
        return "attribute " + attr + " not allowed on <" + name + ">";
      }
      if (value.find_first_of("<>") != std::string_view::npos) {
        return "raw < or > in attribute";
      }
      for (std::size_t k = value.find('&'); k != std::string_view::npos;
           k = value.find('&', k + 1)) {
        if (!IsOurReference(value, k)) return "bare & in " + attr;
      }
      if (values != nullptr) values->push_back(DecodeBasicReferences(value));
      if ((attr == "href" || attr == "src" || attr == "data-embed-src") &&
          !UrlValueIsSafe(value, attr != "href")) {
        return "unsafe URL " + std::string(value);
      }
      if (attr == "style" && value != "text-align:left" &&
          value != "text-align:center" && value != "text-align:right") {
        return "style " + std::string(value);
      }
      if (attr == "type" && value != "button")
        return "type " + std::string(value);
      if (attr == "data-ref" && value.find_first_of("\"' ") != value.npos) {
        return "data-ref " + std::string(value);
      }
      if (attr == "rel" && value != "noopener noreferrer nofollow") {
        return "rel " + std::string(value);
      }
      static const std::set<std::string_view> kClasses = {
          "dateline",       "read-also",  "read-also-label",
          "embed-provider", "embed-load", "embed-link"};
      if (attr == "class" && !kClasses.contains(value) &&
          !value.starts_with("language-") &&
          !(name == "figure" && value.starts_with("embed embed-"))) {
        return "class " + std::string(value);
      }
    }
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  return "";
}

}  // namespace warta::markup::test_util

#endif  // WARTA_MARKUP_SAFE_HTML_TEST_UTIL_H_
