// App: the composition root. Builds the store, newsroom, theme and URL
// service from a Config, and the website and HTTP server on demand. The only
// place that names concrete backends. Not copyable; one per process.
#ifndef WARTA_APP_APP_H_
#define WARTA_APP_APP_H_

#include <cstdint>
#include <functional>
#include <memory>

#include "base/clock.h"
#include "base/result.h"
#include "config/config.h"
#include "content/timezone.h"
#include "index/near_duplicate.h"
#include "newsroom/newsroom.h"
#include "render/theme.h"
#include "store/store.h"
#include "text/analyzer.h"
#include "text/stemmer.h"
#include "url/urls.h"

namespace warta {

class App {
 public:
  // Creates the data directory if needed, opens (and migrates) the store and
  // loads the theme. Errors name the file or setting at fault.
  static Result<std::unique_ptr<App>> Open(
      Config config, const Clock& clock = RealClock::Get());
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Serves the site until SIGINT/SIGTERM. `on_listening` is called with the
  // bound port once the server accepts connections.
  Status Serve(const std::function<void(std::uint16_t port)>& on_listening);

  const Config& config() const { return config_; }
  Store& store() { return *store_; }
  Newsroom& newsroom() { return *newsroom_; }
  const render::Theme& theme() const { return *theme_; }
  const Urls& urls() const { return *urls_; }
  const TimeZone& timezone() const { return timezone_; }
  const Clock& clock() const { return clock_; }
  const text::Analyzer& analyzer() const { return *analyzer_; }

 private:
  App(Config config, const Clock& clock);

  Config config_;
  const Clock& clock_;
  TimeZone timezone_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Newsroom> newsroom_;
  std::unique_ptr<render::Theme> theme_;
  std::unique_ptr<Urls> urls_;
  std::unique_ptr<text::Stemmer> stemmer_;
  std::unique_ptr<text::Analyzer> analyzer_;
  std::unique_ptr<index::DuplicateDetector> detector_;
};

}  // namespace warta

#endif  // WARTA_APP_APP_H_
