// The CLI's commands: one file each (serve_command.cc, import_command.cc).
// Each adds its subcommand to the CLI11 app and runs it when chosen.
#ifndef WARTA_CLI_COMMAND_H_
#define WARTA_CLI_COMMAND_H_

#include <functional>

namespace CLI {
class App;
}

namespace warta::cli {

// Returns the process exit status.
using CommandRunner = std::function<int()>;

// Each registers its subcommand and returns the function that runs it.
CommandRunner AddServeCommand(CLI::App& app);
CommandRunner AddImportCommand(CLI::App& app);
CommandRunner AddIngestCommand(CLI::App& app);
CommandRunner AddUserCommand(CLI::App& app);
CommandRunner AddBackupCommand(CLI::App& app);
CommandRunner AddRestoreCommand(CLI::App& app);
CommandRunner AddCheckCommand(CLI::App& app);
CommandRunner AddReindexCommand(CLI::App& app);
CommandRunner AddMigrateCommand(CLI::App& app);

}  // namespace warta::cli

#endif  // WARTA_CLI_COMMAND_H_
