#include "cli/common.h"

#include <CLI/CLI.hpp>
#include <iostream>

extern char** environ;

namespace warta::cli {

void AddStoreOption(CLI::App* cmd, std::string* url) {
  cmd->add_option("--store", *url,
                  "Store URL: postgresql://user@host:port/db (PostgreSQL) or "
                  "sqlite:PATH (default: store.url, else DATA/warta.db)");
}

std::optional<Config> LoadConfigOrPrint(const std::string& data_dir,
                                        const std::string& store_flag) {
  auto config = LoadConfig(data_dir, environ);
  if (!config.ok()) {
    std::cerr << "warta: " << config.status().message() << "\n";
    return std::nullopt;
  }
  if (!store_flag.empty()) {
    Status s = ApplySetting(*config, "store.url", store_flag);
    if (!s.ok()) {
      std::cerr << "warta: --store: " << s.message() << "\n";
      return std::nullopt;
    }
  }
  auto where = StoreLocationOf(*config);
  if (!where.ok()) {
    std::cerr << "warta: " << where.status().message() << "\n";
    return std::nullopt;
  }
  return std::move(*config);
}

Result<StoreLocation> StoreLocationOf(const Config& config) {
  return LocateStore(config.store.url, config.store.path.empty()
                                           ? config.data_dir + "/warta.db"
                                           : config.store.path);
}

}  // namespace warta::cli
