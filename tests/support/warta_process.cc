#include "warta_process.h"

#include <errno.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace warta::testing {
namespace {

void ReadAll(int fd, std::string& out) {
  char buf[65536];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
}

std::vector<char*> Argv(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(WARTA_BINARY));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  return argv;
}

// What a hang leaves for the reader of a CI log: every thread's stack of
// `pid`, from gdb when the machine has it.
std::string StacksOf(pid_t pid) {
  std::string cmd = "gdb -q -batch -p " + std::to_string(pid) +
                    " -ex 'thread apply all bt' 2>&1";
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
  }
  return out.empty() ? "(no stacks: gdb did not run)\n" : out;
}

std::string CommandLine(const std::vector<std::string>& args) {
  std::string line = "warta";
  for (const auto& a : args) line += " " + a;
  return line;
}

// A command that has not finished by then is stopped and reported, so a
// hang fails its test with the command, its output and its stacks instead
// of running into ctest's timeout (300 s) with nothing said.
constexpr std::chrono::seconds kCommandLimit{230};

// The running test and when it started, for the watchdog below. Never
// freed: the watchdog's detached thread reads it until the process ends,
// after gtest has deleted its listeners and static objects are destroyed.
struct RunningTest {
  std::mutex mu;
  std::string name;
  std::chrono::steady_clock::time_point started;
  bool running = false;

  // The running test's name when it has run longer than `limit`.
  std::optional<std::string> Overdue(std::chrono::seconds limit) {
    std::lock_guard<std::mutex> lock(mu);
    if (!running || std::chrono::steady_clock::now() - started < limit)
      return std::nullopt;
    return name;
  }
};

RunningTest& TheRunningTest() {
  static RunningTest* const running = new RunningTest;
  return *running;
}

// Records each test's start and end in TheRunningTest().
class TestClock : public ::testing::EmptyTestEventListener {
 public:
  void OnTestStart(const ::testing::TestInfo& info) override {
    RunningTest& t = TheRunningTest();
    std::lock_guard<std::mutex> lock(t.mu);
    t.name = std::string(info.test_suite_name()) + "." + info.name();
    t.started = std::chrono::steady_clock::now();
    t.running = true;
  }
  void OnTestEnd(const ::testing::TestInfo&) override {
    RunningTest& t = TheRunningTest();
    std::lock_guard<std::mutex> lock(t.mu);
    t.running = false;
  }
};

// A test still running after 265 s (ctest stops it at 300 s and prints
// nothing of where it was) prints its name and the stacks of this process
// and of its child processes, then aborts the run.
class Watchdog : public ::testing::Environment {
 public:
  void SetUp() override {
    // The listener is owned (and deleted at exit) by gtest's list.
    ::testing::UnitTest::GetInstance()->listeners().Append(new TestClock);
    RunningTest* running = &TheRunningTest();
    std::thread([running] {
      for (;;) {
        std::this_thread::sleep_for(std::chrono::seconds(1));
        auto name = running->Overdue(std::chrono::seconds(265));
        if (!name) continue;
        std::string report = "\nwatchdog: " + *name +
                             " has run for 265 s; stacks of the test:\n" +
                             StacksOf(::getpid());
        std::string children = "/proc/" + std::to_string(::getpid()) +
                               "/task/" + std::to_string(::getpid()) +
                               "/children";
        std::ifstream in(children);
        pid_t child;
        while (in >> child) {
          report += "\nstacks of child process " + std::to_string(child) +
                    ":\n" + StacksOf(child);
        }
        std::fputs(report.c_str(), stderr);
        std::fflush(stderr);
        std::abort();
      }
    }).detach();
  }
};

[[maybe_unused]] ::testing::Environment* const kWatchdog =
    ::testing::AddGlobalTestEnvironment(new Watchdog);

}  // namespace

namespace {

// Runs warta with `args`; `on_output(pid, r)` sees the output so far after
// each read. Past kCommandLimit the command is killed and the test fails
// with what it printed and where it was.
CommandResult RunWartaWatching(
    const std::vector<std::string>& args, const std::string& stdin_text,
    const std::function<void(pid_t, const CommandResult&)>& on_output) {
  int out[2], err[2], in[2];
  if (pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC) || pipe2(in, O_CLOEXEC))
    return {};
  // Made before fork: the child of a threaded process only execs.
  std::vector<char*> argv = Argv(args);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    for (int fd : {out[0], out[1], err[0], err[1], in[0], in[1]}) close(fd);
    execv(WARTA_BINARY, argv.data());
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  close(in[0]);
  if (!stdin_text.empty()) {
    ssize_t ignored = write(in[1], stdin_text.data(), stdin_text.size());
    (void)ignored;
  }
  close(in[1]);
  CommandResult r;
  // Drain both pipes without deadlocking on a full one.
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  int open_fds = 2;
  char buf[65536];
  auto deadline = std::chrono::steady_clock::now() + kCommandLimit;
  bool overdue = false;
  int status = 0;
  bool exited = false;
  while (open_fds > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      overdue = !exited;
      break;
    }
    int ready =
        poll(fds, 2, static_cast<int>(std::min<long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) {
      // Exited while something it started still holds its output open:
      // what is left in the pipes is read for a moment more, not waited on.
      if (!exited && ::waitpid(pid, &status, WNOHANG) == pid) {
        exited = true;
        deadline = std::min(deadline, std::chrono::steady_clock::now() +
                                          std::chrono::seconds(2));
      }
      continue;
    }
    for (auto& f : fds) {
      if (f.fd < 0 || !(f.revents & (POLLIN | POLLHUP))) continue;
      ssize_t n = read(f.fd, buf, sizeof buf);
      if (n <= 0) {
        close(f.fd);
        f.fd = -1;
        --open_fds;
      } else {
        (f.fd == out[0] ? r.out : r.err).append(buf, static_cast<size_t>(n));
        if (on_output) on_output(pid, r);
      }
    }
  }
  // Its output is closed; the process itself gets what is left of the time.
  while (!overdue && !exited && ::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      overdue = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  for (auto& f : fds) {
    if (f.fd >= 0) close(f.fd);
  }
  if (overdue) {
    std::string stacks = StacksOf(pid);
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    ADD_FAILURE() << CommandLine(args) << " did not finish within "
                  << kCommandLimit.count()
                  << " s and was killed.\nstdout: " << r.out
                  << "\nstderr: " << r.err << "\nits stacks:\n"
                  << stacks;
    r.exit_code = -1;
    return r;
  }
  if (WIFEXITED(status))
    r.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    r.exit_code = 128 + WTERMSIG(status);
  return r;
}

}  // namespace

CommandResult RunWarta(const std::vector<std::string>& args,
                       const std::string& stdin_text) {
  return RunWartaWatching(args, stdin_text, nullptr);
}

CommandResult RunWartaAndSignal(const std::vector<std::string>& args, int lines,
                                int sig) {
  bool sent = false;
  return RunWartaWatching(args, "", [&](pid_t pid, const CommandResult& r) {
    if (sent) return;
    if (std::count(r.out.begin(), r.out.end(), '\n') >= lines) {
      kill(pid, sig);
      sent = true;
    }
  });
}

std::unique_ptr<WartaServer> WartaServer::Start(
    const std::string& data_dir, const std::vector<std::string>& extra,
    bool wait_for_search) {
  std::vector<std::string> args = {"serve", "--data", data_dir, "--port", "0"};
  args.insert(args.end(), extra.begin(), extra.end());
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) return nullptr;
  // Made before fork: the child of a threaded process only execs.
  std::vector<char*> argv = Argv(args);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    dup2(err[1], 2);
    for (int fd : {out[0], out[1], err[0], err[1]}) close(fd);
    execv(WARTA_BINARY, argv.data());
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  auto server = std::unique_ptr<WartaServer>(new WartaServer());
  server->pid_ = pid;
  server->err_fd_ = err[0];
  fcntl(err[0], F_SETFL, O_NONBLOCK);
  // Read stdout until "listening on http://host:PORT".
  std::string text;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  char buf[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 200) > 0) {
      ssize_t n = read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      text.append(buf, static_cast<size_t>(n));
      size_t at = text.find("listening on http://");
      size_t nl = at == std::string::npos ? at : text.find('\n', at);
      if (nl != std::string::npos) {
        size_t colon = text.rfind(':', nl);
        server->port_ = static_cast<std::uint16_t>(
            std::stoi(text.substr(colon + 1, nl - colon - 1)));
        break;
      }
    }
  }
  close(out[0]);
  if (server->port_ == 0) {
    ADD_FAILURE() << "warta serve did not start: " << server->StderrText();
    return nullptr;
  }
  // A first start builds the search index after it listens (503 until
  // then): most tests want the site as readers find it afterwards.
  deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (wait_for_search) {
    auto r = server->Get("/api/search?q=warta");
    if (r.ok() && r->status != 503) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << "the search index was not ready within 60 s: "
                    << server->StderrText();
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return server;
}

WartaServer::~WartaServer() {
  if (pid_ > 0) Stop(SIGKILL);
  if (err_fd_ >= 0) close(err_fd_);
}

std::string WartaServer::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

Result<http::ClientResponse> WartaServer::Get(const std::string& path) const {
  return http::Get(Url(path));
}

std::string WartaServer::StderrText() {
  if (err_fd_ >= 0) ReadAll(err_fd_, err_);
  return err_;
}

int WartaServer::Stop(int sig) {
  if (pid_ <= 0) return -1;
  kill(pid_, sig);
  // A server that does not stop within a minute is a hang worth its stacks.
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int status = 0;
  pid_t done = 0;
  while ((done = ::waitpid(pid_, &status, WNOHANG)) == 0 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (done == 0) {
    std::string stacks = StacksOf(pid_);
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
    ADD_FAILURE() << "warta serve did not stop within 60 s of signal " << sig
                  << "; killed. Its stacks:\n"
                  << stacks;
  }
  pid_ = -1;
  // It has exited: what it wrote is in the pipe (read without blocking, in
  // case something else still holds the pipe open).
  if (err_fd_ >= 0) ReadAll(err_fd_, err_);
  if (done < 0) return -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

TempDir::TempDir() {
  char tmpl[] = "/tmp/warta-test-XXXXXX";
  // No fallback: a test that cannot make its own directory stops here. It
  // once fell back to "/tmp" itself, and a full disk (mkdtemp failing) then
  // made the destructor remove everything under /tmp.
  if (!mkdtemp(tmpl)) {
    std::perror("TempDir: mkdtemp");
    std::abort();
  }
  path_ = tmpl;
}

TempDir::~TempDir() {
  // Only what the constructor made.
  if (path_.rfind("/tmp/warta-test-", 0) != 0) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::Write(const std::string& name,
                           const std::string& content) const {
  std::string path = path_ + "/" + name;
  std::filesystem::create_directories(
      std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

std::string SharedDir() {
  std::string dir = std::string(WARTA_SOURCE_DIR) + "/../shared";
  if (std::filesystem::is_directory(dir + "/seed")) return dir;
  const char* ci = std::getenv("CI");
  if (ci && std::string(ci) == "true") {
    ADD_FAILURE() << "../shared is missing beside the checkout and CI=true";
  }
  return "";
}

}  // namespace warta::testing
