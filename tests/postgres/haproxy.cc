#include "haproxy.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

namespace warta::testing {

std::uint16_t FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  std::uint16_t port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), len) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

std::string Haproxy::Binary() {
  for (const char* p :
       {"/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy"}) {
    if (::access(p, X_OK) == 0) return p;
  }
  const char* ci = std::getenv("CI");
  if (ci && std::string(ci) == "true") {
    ADD_FAILURE() << "haproxy is not installed (Debian package haproxy; "
                     "scripts/install-deps installs it) and CI=true";
  } else {
    [] {
      GTEST_SKIP() << "haproxy is not installed (apt-get install haproxy): "
                      "skipping the load balancer test";
    }();
  }
  return "";
}

std::unique_ptr<Haproxy> Haproxy::Start(
    const std::string& binary,
    const std::vector<std::pair<std::string, std::uint16_t>>& backends) {
  std::unique_ptr<Haproxy> h(new Haproxy());
  h->port_ = FreePort();
  // deploy/haproxy-warta.cfg with test timings: a dead node is out after
  // two failed checks 300 ms apart.
  std::ostringstream cfg;
  cfg << "global\n"
         "  maxconn 1024\n"
         "defaults\n"
         "  mode http\n"
         "  timeout connect 1s\n"
         "  timeout client 30s\n"
         "  timeout server 30s\n"
         "  timeout http-request 10s\n"
         "  retries 2\n"
         "  option redispatch 1\n"
         "frontend www\n"
         "  bind 127.0.0.1:"
      << h->port_
      << "\n"
         "  default_backend warta\n"
         "backend warta\n"
         "  balance roundrobin\n"
         "  option httpchk\n"
         "  http-check send meth GET uri /healthz\n"
         "  http-check expect status 200\n"
         "  default-server inter 300ms fall 2 rise 1\n"
         "  http-response set-header X-Served-By %[srv_name]\n";
  for (const auto& [name, port] : backends)
    cfg << "  server " << name << " 127.0.0.1:" << port << " check\n";
  const std::string path = h->dir_.Write("haproxy.cfg", cfg.str());
  const std::string log = h->dir_.path() + "/haproxy.log";
  pid_t pid = fork();
  if (pid == 0) {
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    execl(binary.c_str(), binary.c_str(), "-db", "-f", path.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  h->pid_ = pid;
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < until) {
    auto r = h->Get("/healthz");
    if (r.ok() && r->status == 200) return h;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ADD_FAILURE() << "haproxy did not start or sees no node up: " << h->Log();
  return nullptr;
}

Haproxy::~Haproxy() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
}

std::string Haproxy::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

Result<http::ClientResponse> Haproxy::Get(const std::string& path) const {
  return http::Get(Url(path));
}

std::string Haproxy::Log() const {
  std::ifstream in(dir_.path() + "/haproxy.log");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace warta::testing
