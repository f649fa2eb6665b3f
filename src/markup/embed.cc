#include "markup/embed.h"

#include <algorithm>
#include <vector>

#include "base/strings.h"
#include "markup/md4c_text.h"

namespace warta::markup {
namespace {

bool IsIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '-';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// `s` is 1.. `max` characters (at least `min`) each passing `ok`.
template <typename Pred>
bool Matches(std::string_view s, std::size_t min, std::size_t max, Pred ok) {
  return s.size() >= min && s.size() <= max &&
         std::all_of(s.begin(), s.end(), ok);
}
bool YouTubeId(std::string_view s) { return Matches(s, 11, 11, IsIdChar); }
bool NumericId(std::string_view s) { return Matches(s, 1, 20, IsDigit); }

// The URL split into lower-case host (without "www." or "m."), path
// segments (empty ones dropped, so a trailing '/' is allowed) and query.
struct Parts {
  std::string host;
  std::vector<std::string_view> path;
  std::string_view query;
};

std::optional<Parts> SplitUrl(std::string_view url) {
  url = Trim(url);
  if (StartsWithIgnoreAsciiCase(url, "https://")) {
    url.remove_prefix(8);
  } else if (StartsWithIgnoreAsciiCase(url, "http://")) {
    url.remove_prefix(7);
  } else {
    return std::nullopt;
  }
  if (url.size() > 300) return std::nullopt;
  for (char c : url) {
    // Plain URL text only: no spaces, quotes, angle brackets, controls.
    if (static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '\'' ||
        c == '<' || c == '>' || c == '\\' || c == '`' ||
        static_cast<unsigned char>(c) >= 0x7f)
      return std::nullopt;
  }
  Parts p;
  std::size_t end = url.find_first_of("/?#");
  std::string_view host = url.substr(0, end);
  std::string_view rest = end == std::string_view::npos ? "" : url.substr(end);
  if (host.find_first_of("@:") != std::string_view::npos) return std::nullopt;
  p.host = AsciiLower(host);
  for (std::string_view prefix : {"www.", "m.", "mobile."}) {
    if (p.host.rfind(prefix, 0) == 0) {
      p.host.erase(0, prefix.size());
      break;
    }
  }
  if (std::size_t hash = rest.find('#'); hash != std::string_view::npos)
    rest = rest.substr(0, hash);
  if (std::size_t q = rest.find('?'); q != std::string_view::npos) {
    p.query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  for (std::string_view seg : warta::Split(rest, '/')) {
    if (!seg.empty()) p.path.push_back(seg);
  }
  return p;
}

// The value of `key` in a query string, or "".
std::string_view QueryValue(std::string_view query, std::string_view key) {
  for (std::string_view pair : warta::Split(query, '&')) {
    std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == key)
      return pair.substr(eq + 1);
  }
  return "";
}

std::optional<Embed> YouTube(std::string_view id) {
  if (!YouTubeId(id)) return std::nullopt;
  std::string i(id);
  return Embed{"youtube", "YouTube", i, "https://www.youtube.com/watch?v=" + i,
               "https://www.youtube-nocookie.com/embed/" + i + "?autoplay=1"};
}

}  // namespace

std::optional<Embed> RecognizeEmbed(std::string_view url) {
  std::optional<Parts> parts = SplitUrl(url);
  if (!parts) return std::nullopt;
  const Parts& p = *parts;
  const auto& path = p.path;
  if (p.host == "youtube.com") {
    if (path.size() == 1 && path[0] == "watch")
      return YouTube(QueryValue(p.query, "v"));
    if (path.size() == 2 &&
        (path[0] == "shorts" || path[0] == "embed" || path[0] == "live"))
      return YouTube(path[1]);
    return std::nullopt;
  }
  if (p.host == "youtu.be") {
    if (path.size() == 1) return YouTube(path[0]);
    return std::nullopt;
  }
  if (p.host == "x.com" || p.host == "twitter.com") {
    auto user_ok = [](char c) { return IsIdChar(c) && c != '-'; };
    if (path.size() == 3 && path[1] == "status" &&
        Matches(path[0], 1, 15, user_ok) && NumericId(path[2])) {
      std::string user(path[0]), id(path[2]);
      return Embed{"x", "X", id, "https://x.com/" + user + "/status/" + id,
                   "https://platform.twitter.com/embed/Tweet.html?id=" + id};
    }
    return std::nullopt;
  }
  if (p.host == "instagram.com") {
    if (path.size() == 2 && (path[0] == "p" || path[0] == "reel") &&
        Matches(path[1], 5, 40, IsIdChar)) {
      std::string kind(path[0]), code(path[1]);
      std::string link = "https://www.instagram.com/" + kind + "/" + code + "/";
      return Embed{"instagram", "Instagram", code, link, link + "embed/"};
    }
    return std::nullopt;
  }
  if (p.host == "tiktok.com") {
    auto user_ok = [](char c) { return (IsIdChar(c) && c != '-') || c == '.'; };
    if (path.size() == 3 && path[0].size() > 1 && path[0][0] == '@' &&
        path[1] == "video" && Matches(path[0].substr(1), 1, 24, user_ok) &&
        NumericId(path[2])) {
      std::string user(path[0]), id(path[2]);
      return Embed{"tiktok", "TikTok", id,
                   "https://www.tiktok.com/" + user + "/video/" + id,
                   "https://www.tiktok.com/embed/v2/" + id};
    }
    return std::nullopt;
  }
  return std::nullopt;
}

std::string EmbedHtml(const Embed& e) {
  // Every value is built from checked ids and fixed text; escaped anyway.
  std::string html =
      "<figure class=\"embed embed-" + e.provider + "\" data-embed-src=\"";
  AppendHtmlEscaped(html, e.player);
  html += "\" data-embed-provider=\"";
  AppendHtmlEscaped(html, e.name);
  html += "\">\n<p class=\"embed-provider\">";
  AppendHtmlEscaped(html, e.name);
  html += "</p>\n<button type=\"button\" class=\"embed-load\" hidden>";
  AppendHtmlEscaped(html, e.name);
  html += "</button>\n<figcaption><a class=\"embed-link\" href=\"";
  AppendHtmlEscaped(html, e.link);
  html += "\" rel=\"noopener noreferrer nofollow\">";
  AppendHtmlEscaped(html, e.link);
  html += "</a></figcaption>\n</figure>\n";
  return html;
}

}  // namespace warta::markup
