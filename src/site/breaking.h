// Breaking news: a banner an editor sets (text, link, expiry) that every
// public page shows at once. Kept in the store's settings (keys below), so
// it reaches every process and node with the "site" page key, which drops
// every cached page; Site drops them again at expiry. Thread-safe.
#ifndef WARTA_SITE_BREAKING_H_
#define WARTA_SITE_BREAKING_H_

#include <map>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/mutex.h"

namespace warta::site {

inline constexpr char kBreakingTextKey[] = "breaking.text";
inline constexpr char kBreakingUrlKey[] = "breaking.url";
inline constexpr char kBreakingExpiresKey[] = "breaking.expires";

struct BreakingNews {
  std::string text;
  std::string url;           // may be empty
  Timestamp expires_at = 0;  // UTC seconds
};

// The banner in `settings`, or nullopt when there is none (no text).
std::optional<BreakingNews> BreakingFromSettings(
    const std::map<std::string, std::string>& settings);

// The settings that store `news` (nullopt: clear it).
std::map<std::string, std::string> BreakingSettings(
    const std::optional<BreakingNews>& news);

// The banner as last loaded from the store.
class BreakingBanner {
 public:
  void Set(std::optional<BreakingNews> news);
  // The banner when it has not expired at `now`.
  std::optional<BreakingNews> Active(Timestamp now) const;
  // Its expiry, or 0 without one.
  Timestamp expires_at() const;

 private:
  mutable Mutex mu_;
  std::optional<BreakingNews> news_ GUARDED_BY(mu_);
};

}  // namespace warta::site

#endif  // WARTA_SITE_BREAKING_H_
