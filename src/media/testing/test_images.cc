#include "media/testing/test_images.h"

#include <vips/vips.h>

#include "media/image.h"

namespace warta::media::testing {

std::string NoisePng(int w, int h) {
  if (!Init().ok()) return "";
  VipsImage* noise = nullptr;
  if (vips_gaussnoise(&noise, w, h, "sigma", 60.0, nullptr) != 0) return "";
  VipsImage* grey = nullptr;
  int r = vips_cast_uchar(noise, &grey, nullptr);
  g_object_unref(noise);
  if (r != 0) return "";
  void* buf = nullptr;
  size_t len = 0;
  r = vips_pngsave_buffer(grey, &buf, &len, nullptr);
  g_object_unref(grey);
  if (r != 0) return "";
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  return out;
}

}  // namespace warta::media::testing
