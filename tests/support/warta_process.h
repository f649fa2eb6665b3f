// Test support: runs the real `warta` binary. WARTA_BINARY is set by CMake.
#ifndef WARTA_TESTS_SUPPORT_WARTA_PROCESS_H_
#define WARTA_TESTS_SUPPORT_WARTA_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "http/client.h"

namespace warta::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `warta args...` to completion, capturing stdout and stderr.
CommandResult RunWarta(const std::vector<std::string>& args,
                       const std::string& stdin_text = "");

// Runs `warta args...`, sends `sig` once its stdout holds `lines` lines
// (if it gets that far), then waits for it to finish; captures as RunWarta.
CommandResult RunWartaAndSignal(const std::vector<std::string>& args, int lines,
                                int sig);

// A `warta serve` process on a free port. Stops it (SIGTERM) on destruction.
class WartaServer {
 public:
  // Starts `warta serve --data DIR --port 0 extra...` and waits until it
  // prints its "listening" line and (with `wait_for_search`) until its
  // search index is ready. nullptr (and a gtest failure) on error.
  static std::unique_ptr<WartaServer> Start(
      const std::string& data_dir, const std::vector<std::string>& extra = {},
      bool wait_for_search = true);
  ~WartaServer();

  std::uint16_t port() const { return port_; }
  std::string Url(const std::string& path) const;
  Result<http::ClientResponse> Get(const std::string& path) const;

  // Sends `sig` and waits for the process; returns its exit status (or
  // 128+signal). The stderr output so far is kept in stderr_text().
  int Stop(int sig);
  pid_t pid() const { return pid_; }
  // Everything the server wrote to stderr (after Stop: all of it).
  std::string StderrText();

 private:
  pid_t pid_ = -1;
  int err_fd_ = -1;
  std::uint16_t port_ = 0;
  std::string err_;
};

// A fresh temporary directory, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string Write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

// The shared test data beside the checkout (../shared), or "" when absent.
// When CI=true and it is absent, records a test failure.
std::string SharedDir();

}  // namespace warta::testing

#endif  // WARTA_TESTS_SUPPORT_WARTA_PROCESS_H_
