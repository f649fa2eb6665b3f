#include "app/app.h"

#include <chrono>
#include <filesystem>

#include "base/log.h"
#include "content/dates.h"
#include "http/server.h"
#include "index/live_index.h"
#include "site/site.h"
#include "store/sqlite/sqlite_store.h"

namespace warta {

App::App(Config config, const Clock& clock)
    : config_(std::move(config)), clock_(clock) {}
App::~App() = default;

Result<std::unique_ptr<App>> App::Open(Config config, const Clock& clock) {
  std::unique_ptr<App> app(new App(std::move(config), clock));
  const Config& c = app->config_;
  WARTA_ASSIGN_OR_RETURN(app->timezone_, FindTimeZone(c.site.timezone));
  std::error_code ec;
  std::filesystem::create_directories(c.data_dir, ec);
  if (ec)
    return Status::IoError("cannot create data directory " + c.data_dir + ": " +
                           ec.message());
  SqliteOptions so;
  so.path = c.data_dir + "/warta.db";
  so.synchronous = c.store.synchronous;
  WARTA_ASSIGN_OR_RETURN(app->store_, OpenSqliteStore(so, clock));
  app->newsroom_ = std::make_unique<Newsroom>(*app->store_, clock, c.site.name);
  // Search analysis, and near-duplicate clusters kept on every write (an
  // import as much as an edit while serving).
  text::StemmerOptions stemmer_options;
  stemmer_options.dictionary = c.search.dictionary;
  WARTA_ASSIGN_OR_RETURN(app->stemmer_, text::Stemmer::Open(stemmer_options));
  app->analyzer_ = std::make_unique<text::Analyzer>(*app->stemmer_);
  app->detector_ = std::make_unique<index::DuplicateDetector>(*app->store_);
  app->newsroom_->AddListener(
      [detector = app->detector_.get()](const Article& a) {
        auto r = detector->Update(a);
        if (!r.ok()) LogWarning("near-duplicates: " + r.status().ToString());
      });
  WARTA_ASSIGN_OR_RETURN(app->theme_, render::Theme::Load(c.theme_dir));
  app->urls_ = std::make_unique<Urls>(c.PublicUrl());
  return app;
}

Status App::Serve(const std::function<void(std::uint16_t port)>& on_listening) {
  const Config& c = config_;
  http::Router router;
  http::ServerOptions o;
  o.host = c.server.host;
  o.port = c.server.port;
  o.threads = c.server.threads;
  o.header_limit = c.server.header_limit;
  o.body_limit = c.server.body_limit;
  o.idle_timeout = std::chrono::seconds(c.server.idle_timeout);
  o.request_timeout = std::chrono::seconds(c.server.request_timeout);
  o.access_log = c.server.access_log;
  // Bind first (routes are added before Run): with port 0 the public origin
  // follows the port the kernel picked.
  WARTA_ASSIGN_OR_RETURN(auto server, http::Server::Create(o, router));
  if (c.site.url.empty()) {
    urls_ = std::make_unique<Urls>("http://" + c.server.host + ":" +
                                   std::to_string(server->port()));
  }

  site::SiteOptions so;
  so.name = c.site.name;
  so.description = c.site.description;
  so.language = ParseLanguage(c.site.locale);
  so.timezone = timezone_;
  so.page_size = c.site.page_size;
  so.related_count = c.site.related_count;
  so.cache_bytes = c.server.page_cache_bytes;
  // The search index: built from the store, then following its change log.
  index::LiveIndex search(*store_, *analyzer_);
  auto build_start = std::chrono::steady_clock::now();
  WARTA_RETURN_IF_ERROR(search.Build());
  LogInfo("search index: " + std::to_string(search.snapshot()->live_docs()) +
          " articles in " +
          std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - build_start)
                             .count()) +
          " ms");
  search.Start();
  Store& store = *store_;
  const Clock& clock = clock_;
  site::RelatedFn related = [&search, &store, &clock](const Article& a,
                                                      int limit) {
    std::vector<Article> out;
    index::RelatedOptions ro;
    ro.limit = limit;
    ro.now = clock.Now();
    for (const index::RelatedHit& h : search.snapshot()->Related(a.id, ro)) {
      auto r = store.GetArticle(h.article_id);
      if (r.ok() && r->IsPublished()) out.push_back(std::move(*r));
    }
    if (static_cast<int>(out.size()) >= limit) return out;
    // Too few by content (a new site, a short story): the newest of the
    // category, still never the article, its near-duplicates or a story
    // twice.
    ArticleQuery q;
    q.status = ArticleStatus::kPublished;
    q.published_before = clock.Now();
    q.category_id = a.category ? a.category->id : 0;
    q.one_per_duplicate_cluster = true;
    q.limit = limit - static_cast<int>(out.size());
    std::vector<const Article*> shown = {&a};
    for (const Article& r : out) shown.push_back(&r);
    for (const Article* s : shown) {
      q.exclude_ids.push_back(s->id);
      auto cluster = store.DuplicateClusterOf(s->id);
      if (!cluster.ok() || *cluster == 0) continue;
      auto members = store.DuplicateClusterMembers(*cluster);
      if (members.ok())
        q.exclude_ids.insert(q.exclude_ids.end(), members->begin(),
                             members->end());
    }
    auto more = store.ListArticles(q);
    if (more.ok()) {
      for (Article& m : *more) out.push_back(std::move(m));
    }
    return out;
  };
  site::Site site(*store_, *theme_, *urls_, clock_, so, std::move(related));
  site.SetSearch(&search, analyzer_.get());
  newsroom_->AddListener([&site, &search](const Article&) {
    search.Notify();
    site.Invalidate();
  });
  site.Register(router);

  LogInfo("warta serving " + urls_->site_url() + " from " + c.data_dir);
  if (on_listening) on_listening(server->port());
  server->Run();
  search.Stop();
  LogInfo("warta stopped");
  return Status::Ok();
}

}  // namespace warta
