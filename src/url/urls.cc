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

}  // namespace warta
