// <picture> view models: for an image URL, the sizes the browser may pick
// from (content/media.h variants, WebP first), its width and height (no
// layout shift), lazy or eager loading and the focal point a crop keeps.
// Also rewrites the <img> tags of our own uploads inside article HTML.
// Pure functions; thread-safe.
#ifndef WARTA_SITE_PICTURE_H_
#define WARTA_SITE_PICTURE_H_

#include <string>
#include <string_view>

#include "content/article.h"
#include "render/view.h"

namespace warta::site {

struct PictureOptions {
  std::string sizes;           // the sizes attribute: "(min-width: 40rem) ..."
  int src_width = 960;         // the variant <img src> falls back to
  bool lazy = true;            // loading="lazy" (below the fold)
  bool high_priority = false;  // fetchpriority="high" (the lead photo)
  double focal_x = 0.5;        // object-position when a box crops it
  double focal_y = 0.5;
};

// {src, srcset|false, webp_srcset|false, sizes, alt, width|false, height,
// lazy, high, position}: uploads made by the image pipeline get srcsets,
// other URLs just their src (and their size when the name carries it).
render::View PictureView(std::string_view url, std::string_view alt,
                         const PictureOptions& options);

// The same as HTML: <picture><source type="image/webp" ...><img ...>
// </picture>, or a plain <img> without variants. `alt` is escaped.
std::string PictureHtml(std::string_view url, std::string_view alt,
                        const PictureOptions& options);

// `html` (sanitized article HTML from markup/) with each
// <img src="/media/...-o.ext" alt="..." ...> of a pipeline upload turned
// into PictureHtml sized for the article column; other images unchanged.
std::string WithBodyPictures(std::string_view html);

// The card photo of `a`, or false (a text card).
render::View CardImageView(const Article& a, bool lazy);

// The home page's lead story photo: wider, loaded at once.
render::View LeadImageView(const Article& a);

// The first card of a list is in view on arrival: its photo loads at once
// and first (fetchpriority="high"; a lazy image there would delay the
// largest paint).
void LoadFirstCardEagerly(render::View& cards);

}  // namespace warta::site

#endif  // WARTA_SITE_PICTURE_H_
