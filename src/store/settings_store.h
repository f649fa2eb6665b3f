// SettingsStore: the site settings edited in the admin (key -> value, e.g.
// "site.name"), which override warta.conf. Part of the Store interface;
// what the site reads and the admin writes. Thread-safe; a save is one
// transaction that changes every page ("site").
#ifndef WARTA_STORE_SETTINGS_STORE_H_
#define WARTA_STORE_SETTINGS_STORE_H_

#include <map>
#include <string>

#include "base/result.h"

namespace warta {

class SettingsStore {
 public:
  virtual ~SettingsStore() = default;

  virtual Result<std::map<std::string, std::string>> LoadSettings() = 0;
  virtual Status SaveSettings(
      const std::map<std::string, std::string>& settings) = 0;
};

}  // namespace warta

#endif  // WARTA_STORE_SETTINGS_STORE_H_
