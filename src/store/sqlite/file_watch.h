// FileWatch: calls back when a file in a directory is written, through
// inotify (Linux). SqliteStore::WatchChanges watches the WAL: every commit,
// of any process, writes it.
#ifndef WARTA_STORE_SQLITE_FILE_WATCH_H_
#define WARTA_STORE_SQLITE_FILE_WATCH_H_

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "base/result.h"
#include "store/store.h"

namespace warta::sqlite {

class FileWatch final : public ChangeWatch {
 public:
  // Watches `dir` for writes to `file` (a name in it, which may not exist
  // yet); `on_change` runs on the watch's thread, once per burst of events.
  static Result<std::unique_ptr<FileWatch>> Start(
      const std::string& dir, const std::string& file,
      std::function<void()> on_change);
  ~FileWatch() override;

 private:
  FileWatch(int inotify_fd, int stop_fd, std::string file,
            std::function<void()> on_change);
  void Run();

  int inotify_fd_;
  int stop_fd_;  // an eventfd: written to stop the thread
  std::string file_;
  std::function<void()> on_change_;
  std::thread thread_;
};

}  // namespace warta::sqlite

#endif  // WARTA_STORE_SQLITE_FILE_WATCH_H_
