#include "cli/common.h"

#include <iostream>

extern char** environ;

namespace warta::cli {

Result<std::string> StorePathFromUrl(const std::string& url) {
  for (const char* scheme : {"sqlite://", "sqlite:", "file:"}) {
    std::string s(scheme);
    if (url.rfind(s, 0) == 0) return url.substr(s.size());
  }
  if (url.empty() || url.find("://") == std::string::npos) return url;
  return Status::InvalidArgument(
      "--store " + url.substr(0, url.find("://")) +
      ": only sqlite stores are supported by this build (PostgreSQL backups "
      "with pg_dump come with the PostgreSQL backend)");
}

std::optional<Config> LoadConfigOrPrint(const std::string& data_dir) {
  auto config = LoadConfig(data_dir, environ);
  if (!config.ok()) {
    std::cerr << "warta: " << config.status().message() << "\n";
    return std::nullopt;
  }
  return std::move(*config);
}

}  // namespace warta::cli
