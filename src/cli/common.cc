#include "cli/common.h"

#include <iostream>

extern char** environ;

namespace warta::cli {

std::optional<Config> LoadConfigOrPrint(const std::string& data_dir) {
  auto config = LoadConfig(data_dir, environ);
  if (!config.ok()) {
    std::cerr << "warta: " << config.status().message() << "\n";
    return std::nullopt;
  }
  return std::move(*config);
}

}  // namespace warta::cli
