#include "site/picture.h"

#include <cstdio>

#include "base/strings.h"
#include "content/media.h"

namespace warta::site {
namespace {

std::string Srcset(const MediaRef& ref, std::string_view ext) {
  std::string out;
  for (int w : MediaVariantWidths(ref.size)) {
    if (!out.empty()) out += ", ";
    out += MediaVariantUrl(ref, w, ext) + " " + std::to_string(w) + "w";
  }
  return out;
}

// The raster format pages offer: the stored one (AVIF uploads are stored
// as JPEG, so the extension is already a raster one).
std::string RasterExt(const MediaRef& ref) { return ref.extension; }

std::string Percent(double v) {
  if (!(v >= 0.0)) v = 0.0;
  if (v > 1.0) v = 1.0;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", v * 100.0);
  return buf;
}

std::string Escaped(std::string_view s) { return HtmlEscape(s); }

}  // namespace

render::View PictureView(std::string_view url, std::string_view alt,
                         const PictureOptions& o) {
  render::View v = {{"src", std::string(url)}, {"srcset", false},
                    {"webp_srcset", false},    {"sizes", o.sizes},
                    {"alt", std::string(alt)}, {"width", false},
                    {"lazy", o.lazy},          {"high", o.high_priority},
                    {"position", false}};
  auto ref = ParseMediaUrl(url);
  if (!ref) return v;
  ImageSize shown = ref->size;
  if (ref->has_variants) {
    const std::vector<int> widths = MediaVariantWidths(ref->size);
    int src = widths.back();
    for (int w : widths) {
      if (w >= o.src_width) {
        src = w;
        break;
      }
    }
    v["src"] = MediaVariantUrl(*ref, src, RasterExt(*ref));
    v["srcset"] = Srcset(*ref, RasterExt(*ref));
    if (ref->extension != "webp") v["webp_srcset"] = Srcset(*ref, "webp");
    shown = MediaVariantSize(ref->size, src);
  }
  v["width"] = shown.width;
  v["height"] = shown.height;
  if (o.focal_x != 0.5 || o.focal_y != 0.5)
    v["position"] = Percent(o.focal_x) + " " + Percent(o.focal_y);
  return v;
}

std::string PictureHtml(std::string_view url, std::string_view alt,
                        const PictureOptions& o) {
  const render::View v = PictureView(url, alt, o);
  std::string img = "<img src=\"" + Escaped(v["src"].get<std::string>()) + "\"";
  if (v["srcset"].is_string()) {
    img += " srcset=\"" + Escaped(v["srcset"].get<std::string>()) +
           "\" sizes=\"" + Escaped(o.sizes) + "\"";
  }
  img += " alt=\"" + Escaped(alt) + "\"";
  if (v["width"].is_number()) {
    img += " width=\"" + std::to_string(v["width"].get<int>()) +
           "\" height=\"" + std::to_string(v["height"].get<int>()) + "\"";
  }
  if (o.lazy) img += " loading=\"lazy\"";
  if (o.high_priority) img += " fetchpriority=\"high\"";
  img += " decoding=\"async\">";
  if (!v["srcset"].is_string()) return img;
  std::string out = "<picture>";
  if (v["webp_srcset"].is_string()) {
    out += "<source type=\"image/webp\" srcset=\"" +
           Escaped(v["webp_srcset"].get<std::string>()) + "\" sizes=\"" +
           Escaped(o.sizes) + "\">";
  }
  return out + img + "</picture>";
}

std::string WithBodyPictures(std::string_view html) {
  constexpr std::string_view kOpen = "<img src=\"/media/";
  if (html.find(kOpen) == std::string_view::npos) return std::string(html);
  PictureOptions o;
  o.sizes = "(min-width: 42rem) 40rem, 100vw";
  o.src_width = 960;
  std::string out;
  size_t at = 0;
  for (size_t tag = html.find(kOpen); tag != std::string_view::npos;
       tag = html.find(kOpen, at)) {
    out.append(html, at, tag - at);
    const size_t end = html.find('>', tag);
    if (end == std::string_view::npos) break;
    std::string_view img = html.substr(tag, end + 1 - tag);
    // markup/ writes: <img src="URL" alt="ALT"[ title="T"] loading=...>
    const size_t src_end = img.find('"', 10);
    const size_t alt_at = img.find(" alt=\"");
    const size_t alt_end =
        alt_at == std::string_view::npos ? alt_at : img.find('"', alt_at + 6);
    std::string_view src = img.substr(10, src_end - 10);
    auto ref = ParseMediaUrl(src);
    if (src_end == std::string_view::npos ||
        alt_end == std::string_view::npos || !ref || !ref->has_variants ||
        img.find(" title=\"") != img.npos) {
      out.append(img);
    } else {
      // The alt text is escaped already: pass it through as it stands.
      std::string pic = PictureHtml(src, "", o);
      const std::string empty_alt = " alt=\"\"";
      size_t p = pic.find(empty_alt);
      pic.replace(p, empty_alt.size(),
                  std::string(img.substr(alt_at, alt_end + 1 - alt_at)));
      out += pic;
    }
    at = end + 1;
  }
  if (at < html.size()) out.append(html, at);
  return out;
}

render::View CardImageView(const Article& a, bool lazy) {
  if (a.feature_image.empty()) return false;
  PictureOptions o;
  o.sizes = "(min-width: 64rem) 22rem, (min-width: 40rem) 50vw, 100vw";
  o.src_width = 640;
  o.lazy = lazy;
  o.focal_x = a.feature_image_focal_x;
  o.focal_y = a.feature_image_focal_y;
  // Beside its headline link the photo is decoration: an empty alt spares
  // screen readers the story twice.
  return PictureView(a.feature_image, "", o);
}

render::View LeadImageView(const Article& a) {
  if (a.feature_image.empty()) return false;
  PictureOptions o;
  o.sizes = "(min-width: 72rem) 70rem, 100vw";
  o.src_width = 960;
  o.lazy = false;
  o.high_priority = true;  // the home page's largest paint
  o.focal_x = a.feature_image_focal_x;
  o.focal_y = a.feature_image_focal_y;
  return PictureView(a.feature_image, "", o);
}

void LoadFirstCardEagerly(render::View& cards) {
  if (!cards.is_array() || cards.empty()) return;
  render::View& image = cards.front()["image"];
  if (!image.is_object()) return;
  image["lazy"] = false;
  image["high"] = true;
}

}  // namespace warta::site
