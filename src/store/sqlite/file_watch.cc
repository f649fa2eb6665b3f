#include "store/sqlite/file_watch.h"

#include <errno.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cstring>

namespace warta::sqlite {

Result<std::unique_ptr<FileWatch>> FileWatch::Start(
    const std::string& dir, const std::string& file,
    std::function<void()> on_change) {
  int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (in < 0)
    return Status::Internal(std::string("inotify: ") + strerror(errno));
  if (inotify_add_watch(in, dir.c_str(),
                        IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_MOVED_TO) <
      0) {
    Status s =
        Status::Internal("inotify watch " + dir + ": " + strerror(errno));
    close(in);
    return s;
  }
  int stop = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (stop < 0) {
    close(in);
    return Status::Internal(std::string("eventfd: ") + strerror(errno));
  }
  return std::unique_ptr<FileWatch>(
      new FileWatch(in, stop, file, std::move(on_change)));
}

FileWatch::FileWatch(int inotify_fd, int stop_fd, std::string file,
                     std::function<void()> on_change)
    : inotify_fd_(inotify_fd),
      stop_fd_(stop_fd),
      file_(std::move(file)),
      on_change_(std::move(on_change)) {
  thread_ = std::thread([this] { Run(); });
}

FileWatch::~FileWatch() {
  std::uint64_t one = 1;
  if (write(stop_fd_, &one, sizeof one) < 0) {
    // Nothing to do: the thread then ends at its next event.
  }
  if (thread_.joinable()) thread_.join();
  close(inotify_fd_);
  close(stop_fd_);
}

void FileWatch::Run() {
  alignas(inotify_event) char buf[4096];
  pollfd fds[2] = {{inotify_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
  while (true) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents) return;
    bool hit = false;
    while (true) {  // drain the burst
      ssize_t n = read(inotify_fd_, buf, sizeof buf);
      if (n <= 0) break;
      for (char* p = buf; p < buf + n;) {
        auto* ev = reinterpret_cast<inotify_event*>(p);
        if (ev->len > 0 && file_ == ev->name) hit = true;
        if (ev->mask & IN_Q_OVERFLOW) hit = true;
        p += sizeof(inotify_event) + ev->len;
      }
    }
    if (hit) on_change_();
  }
}

}  // namespace warta::sqlite
