// Test support: images made by libvips for the tests of modules above
// media (which may not include libvips themselves). Not part of warta.
#ifndef WARTA_MEDIA_TESTING_TEST_IMAGES_H_
#define WARTA_MEDIA_TESTING_TEST_IMAGES_H_

#include <string>

namespace warta::media::testing {

// A grey PNG of Gaussian noise, `w` x `h`: it does not compress, so its
// size grows with its pixels. Empty when libvips fails.
std::string NoisePng(int w, int h);

}  // namespace warta::media::testing

#endif  // WARTA_MEDIA_TESTING_TEST_IMAGES_H_
