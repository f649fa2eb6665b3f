// Helpers shared by the CLI commands.
#ifndef WARTA_CLI_COMMON_H_
#define WARTA_CLI_COMMON_H_

#include <optional>
#include <string>

#include "config/config.h"
#include "store/open/open_store.h"

namespace CLI {
class App;
}

namespace warta::cli {

inline constexpr char kWartaVersion[] = "0.1.0";

// Adds `--store URL` (store.url for this run) to a command that opens the
// store.
void AddStoreOption(CLI::App* cmd, std::string* url);

// Loads DATA/warta.conf and WARTA_* variables for `data_dir`, with
// `store_flag` (a --store URL, "" for none) over store.url; prints the
// error to stderr and returns nullopt when they are invalid.
std::optional<Config> LoadConfigOrPrint(const std::string& data_dir,
                                        const std::string& store_flag = "");

// Where the store of `config` is (backend, SQLite file or PostgreSQL URL).
Result<StoreLocation> StoreLocationOf(const Config& config);

}  // namespace warta::cli

#endif  // WARTA_CLI_COMMON_H_
