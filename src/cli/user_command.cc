// warta user add --data DIR --email E --name N --role R --password-stdin
//   Creates a newsroom account; the password is read from standard input
//   (one line), never from the command line.
// warta user list --data DIR
//   Prints each account: id, e-mail, role, name.
#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

#include "admin/crypto.h"
#include "app/app.h"
#include "cli/command.h"
#include "cli/common.h"

namespace warta::cli {

CommandRunner AddUserCommand(CLI::App& app) {
  struct Flags {
    std::string data = "data";
    std::string store;
    std::string email, name, role;
    bool password_stdin = false;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("user", "Manage newsroom accounts");
  cmd->require_subcommand(1);
  CLI::App* add = cmd->add_subcommand("add", "Create an account");
  add->add_option("--data", flags->data, "Data directory")
      ->capture_default_str();
  AddStoreOption(add, &flags->store);
  add->add_option("--email", flags->email, "E-mail address (the login)")
      ->required();
  add->add_option("--name", flags->name, "Name, also the byline")->required();
  add->add_option("--role", flags->role,
                  "kontributor, penulis, editor or admin")
      ->required();
  add->add_flag("--password-stdin", flags->password_stdin,
                "Read the password from standard input");
  CLI::App* list = cmd->add_subcommand("list", "List accounts");
  list->add_option("--data", flags->data, "Data directory")
      ->capture_default_str();
  AddStoreOption(list, &flags->store);
  return [flags, add, list]() -> int {
    std::optional<Config> config = LoadConfigOrPrint(flags->data, flags->store);
    if (!config) return 2;
    if (add->parsed()) {
      auto role = ParseRole(flags->role);
      if (!role.ok()) {
        std::cerr << "warta user add: --role: " << role.status().message()
                  << "\n";
        return 2;
      }
      auto email = NormalizeEmail(flags->email);
      if (!email.ok()) {
        std::cerr << "warta user add: --" << email.status().message() << "\n";
        return 2;
      }
      if (!flags->password_stdin) {
        std::cerr << "warta user add: pass the password on standard input "
                     "with --password-stdin\n";
        return 2;
      }
      std::string password;
      std::getline(std::cin, password);
      while (!password.empty() &&
             (password.back() == '\r' || password.back() == '\n'))
        password.pop_back();
      if (!admin::InitCrypto().ok()) {
        std::cerr << "warta user add: libsodium failed to start\n";
        return 1;
      }
      auto hash = admin::HashPassword(password);
      if (!hash.ok()) {
        std::cerr << "warta user add: " << hash.status().message() << "\n";
        return 2;
      }
      auto app = App::Open(std::move(*config));
      if (!app.ok()) {
        std::cerr << "warta user add: " << app.status().message() << "\n";
        return 1;
      }
      User u;
      u.email = *email;
      u.name = flags->name;
      u.role = *role;
      u.password_hash = *hash;
      auto created = (*app)->store().AddUser(u);
      if (!created.ok()) {
        std::cerr << "warta user add: " << created.status().message() << "\n";
        return created.status().code() == StatusCode::kAlreadyExists ? 3 : 1;
      }
      std::cout << "created " << RoleName(created->role) << " "
                << created->email << " (id " << created->id << ")\n";
      return 0;
    }
    auto app = App::Open(std::move(*config));
    if (!app.ok()) {
      std::cerr << "warta user list: " << app.status().message() << "\n";
      return 1;
    }
    auto users = (*app)->store().ListUsers();
    if (!users.ok()) {
      std::cerr << "warta user list: " << users.status().message() << "\n";
      return 1;
    }
    for (const User& u : *users) {
      std::cout << u.id << "\t" << u.email << "\t" << RoleName(u.role) << "\t"
                << u.name << (u.disabled ? "\t(disabled)" : "") << "\n";
    }
    (void)list;
    return 0;
  };
}

}  // namespace warta::cli
