// Helpers shared by the CLI commands.
#ifndef WARTA_CLI_COMMON_H_
#define WARTA_CLI_COMMON_H_

#include <optional>
#include <string>

#include "config/config.h"

namespace warta::cli {

// Loads DATA/warta.conf and WARTA_* variables for `data_dir`; prints the
// error to stderr and returns nullopt when they are invalid.
std::optional<Config> LoadConfigOrPrint(const std::string& data_dir);

}  // namespace warta::cli

#endif  // WARTA_CLI_COMMON_H_
