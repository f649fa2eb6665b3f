// Helpers shared by the CLI commands.
#ifndef WARTA_CLI_COMMON_H_
#define WARTA_CLI_COMMON_H_

#include <optional>
#include <string>

#include "config/config.h"

namespace warta::cli {

inline constexpr char kWartaVersion[] = "0.1.0";

// The database path of a --store URL: "" for "", PATH for "sqlite:PATH",
// "sqlite://PATH" or "file:PATH"; InvalidArgument for other schemes
// (PostgreSQL backups come with the PostgreSQL backend).
Result<std::string> StorePathFromUrl(const std::string& url);

// Loads DATA/warta.conf and WARTA_* variables for `data_dir`; prints the
// error to stderr and returns nullopt when they are invalid.
std::optional<Config> LoadConfigOrPrint(const std::string& data_dir);

}  // namespace warta::cli

#endif  // WARTA_CLI_COMMON_H_
