#include "url/urls.h"

#include "base/strings.h"

namespace warta {

Urls::Urls(std::string site_url) : site_url_(std::move(site_url)) {
  while (!site_url_.empty() && site_url_.back() == '/') site_url_.pop_back();
}

std::string Urls::Article(std::string_view slug) const {
  std::string out;
  Article(slug, &out);
  return out;
}
void Urls::Article(std::string_view slug, std::string* out) const {
  out->assign("/berita/");
  AppendUrlEncoded(slug, out);
}
std::string Urls::Category(std::string_view slug) const {
  return "/kategori/" + UrlEncode(slug);
}
std::string Urls::Tag(std::string_view slug) const {
  return "/tag/" + UrlEncode(slug);
}
std::string Urls::Author(std::string_view slug) const {
  return "/penulis/" + UrlEncode(slug);
}
std::string Urls::Search(std::string_view query) const {
  std::string out(kSearchRoute);
  if (!query.empty()) out += "?q=" + UrlEncode(query);
  return out;
}
std::string Urls::Asset(std::string_view file, std::string_view version) const {
  std::string out = "/assets/" + std::string(file);
  if (!version.empty()) {
    out += "?v=";
    out += version;
  }
  return out;
}

std::string Urls::Feed(std::string_view list_path, std::string_view file) {
  std::string out(list_path);
  while (!out.empty() && out.back() == '/') out.pop_back();
  out += '/';
  out += file;
  return out;
}

std::string Urls::Page(std::string_view path, int page) {
  std::string out(path);
  if (page < 2) return out;
  out += path.find('?') == std::string_view::npos ? "?page=" : "&page=";
  out += std::to_string(page);
  return out;
}

std::string Urls::Absolute(std::string_view path) const {
  if (path.substr(0, 7) == "http://" || path.substr(0, 8) == "https://")
    return std::string(path);
  return site_url_ + std::string(path);
}

std::optional<std::string> Urls::ArticleSlugFromPath(std::string_view path) {
  constexpr std::string_view kPrefix = "/berita/";
  if (path.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  std::string_view slug = path.substr(kPrefix.size());
  while (!slug.empty() && slug.back() == '/') slug.remove_suffix(1);
  if (slug.empty() || slug.find('/') != std::string_view::npos)
    return std::nullopt;
  return UrlDecode(slug, false);
}

namespace {

constexpr std::string_view kArticleRef = "article:";
constexpr std::string_view kSearchRef = "search:";
constexpr std::string_view kRefAttribute = "\" data-ref=\"";

}  // namespace

std::string Urls::LinkRef(std::string_view href) const {
  std::string_view path = href;
  if (!site_url_.empty() && path.size() > site_url_.size() &&
      path.substr(0, site_url_.size()) == site_url_ &&
      path[site_url_.size()] == '/') {
    path.remove_prefix(site_url_.size());
  }
  if (path.empty() || path.front() != '/' || path.substr(0, 2) == "//")
    return "";
  if (path.find('#') != std::string_view::npos) return "";
  const size_t q = path.find('?');
  if (q == std::string_view::npos) {
    std::optional<std::string> slug = ArticleSlugFromPath(path);
    if (!slug || slug->empty()) return "";
    return std::string(kArticleRef) + UrlEncode(*slug);
  }
  // Search: kSearchRoute with q as its one parameter, as Search builds it.
  std::string_view query = path.substr(q + 1);
  if (path.substr(0, q) != kSearchRoute || query.substr(0, 2) != "q=" ||
      query.find('&') != std::string_view::npos) {
    return "";
  }
  return std::string(kSearchRef) + UrlEncode(UrlDecode(query.substr(2)));
}

std::string Urls::ResolveLinks(std::string_view html) const {
  size_t attr = html.find(kRefAttribute);
  if (attr == std::string_view::npos) return std::string(html);
  std::string out;
  out.reserve(html.size());
  size_t at = 0;  // html[0, at) is in `out`
  for (; attr != std::string_view::npos; attr = html.find(kRefAttribute, at)) {
    // markup writes <a href="URL" data-ref="REF">: the URL is the quoted
    // value just before.
    const size_t ref_at = attr + kRefAttribute.size();
    const size_t ref_end = html.find('"', ref_at);
    const size_t href_at = html.rfind("<a href=\"", attr);
    if (ref_end == std::string_view::npos) break;
    if (href_at == std::string_view::npos || href_at < at ||
        html.find('"', href_at + 9) != attr) {
      out.append(html, at, ref_end + 1 - at);  // not ours: left as it is
      at = ref_end + 1;
      continue;
    }
    std::string_view ref = html.substr(ref_at, ref_end - ref_at);
    std::string url;
    if (ref.substr(0, kArticleRef.size()) == kArticleRef) {
      url = Article(UrlDecode(ref.substr(kArticleRef.size()), false));
    } else if (ref.substr(0, kSearchRef.size()) == kSearchRef) {
      url = Search(UrlDecode(ref.substr(kSearchRef.size()), false));
    }
    out.append(html, at, href_at + 9 - at);  // up to the URL
    if (url.empty()) {
      out.append(html, href_at + 9, attr - (href_at + 9));
    } else {
      AppendHtmlEscaped(out, url);
    }
    out += '"';
    at = ref_end + 1;
  }
  out.append(html, at);
  return out;
}

}  // namespace warta
