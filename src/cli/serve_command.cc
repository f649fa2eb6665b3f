// warta serve --data DIR [--host H] [--port P] [--theme DIR] [--threads N]
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/app.h"
#include "cli/command.h"
#include "cli/common.h"

namespace warta::cli {

CommandRunner AddServeCommand(CLI::App& app) {
  struct Flags {
    std::string data = "data";
    std::string store;
    std::optional<std::string> host;
    std::optional<int> port;
    std::optional<std::string> theme;
    std::optional<int> threads;
    std::optional<std::string> site_url;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the site over HTTP");
  cmd->add_option("--data", flags->data, "Data directory (created if missing)")
      ->capture_default_str();
  AddStoreOption(cmd, &flags->store);
  cmd->add_option("--host", flags->host,
                  "Address to listen on (default 127.0.0.1)");
  cmd->add_option("--port", flags->port,
                  "Port to listen on; 0 picks a free one (default 8080)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--theme", flags->theme,
                  "Theme directory (default: the built-in theme)");
  cmd->add_option("--threads", flags->threads,
                  "Server threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  cmd->add_option("--site-url", flags->site_url,
                  "Public origin, e.g. https://kabarin.id");
  return [flags]() -> int {
    std::optional<Config> config = LoadConfigOrPrint(flags->data, flags->store);
    if (!config) return 2;
    if (flags->host) config->server.host = *flags->host;
    if (flags->port)
      config->server.port = static_cast<std::uint16_t>(*flags->port);
    if (flags->theme) config->theme_dir = *flags->theme;
    if (flags->threads) config->server.threads = *flags->threads;
    if (flags->site_url) {
      Status s = ApplySetting(*config, "site.url", *flags->site_url);
      if (!s.ok()) {
        std::cerr << "warta serve: " << s.message() << "\n";
        return 2;
      }
    }
    auto app = App::Open(std::move(*config));
    if (!app.ok()) {
      std::cerr << "warta serve: " << app.status().message() << "\n";
      return 1;
    }
    Status s = (*app)->Serve([&](std::uint16_t port) {
      std::cout << "warta listening on http://" << (*app)->config().server.host
                << ":" << port << std::endl;
    });
    if (!s.ok()) {
      std::cerr << "warta serve: " << s.message() << "\n";
      return 1;
    }
    return 0;
  };
}

}  // namespace warta::cli
