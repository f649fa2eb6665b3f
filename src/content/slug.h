// Slugs: the URL-safe names of articles, categories, tags and authors.
// Pure functions, thread-safe.
#ifndef WARTA_CONTENT_SLUG_H_
#define WARTA_CONTENT_SLUG_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace warta {

inline constexpr std::size_t kMaxSlugLength = 80;

// "Korea Utara & China: Bahas Kerja Sama!" ->
// "korea-utara-china-bahas-kerja-sama". Lower-case ASCII letters, digits and
// single hyphens; Latin accents are transliterated ("Pérez" -> "perez"), other
// characters separate words. Cut at a hyphen to at most kMaxSlugLength bytes.
// Returns "" when nothing is left.
std::string Slugify(std::string_view text);

// True when `slug` is non-empty, at most kMaxSlugLength bytes, and made only
// of [a-z0-9] runs joined by single hyphens.
bool IsValidSlug(std::string_view slug);

}  // namespace warta

#endif  // WARTA_CONTENT_SLUG_H_
