// AdminContext: what the admin's API resources and pages share, and the
// small wrapper every API handler runs in (authenticate, check CSRF, turn a
// Status into the matching JSON error). Built once by Admin; thread-safe.
#ifndef WARTA_ADMIN_CONTEXT_H_
#define WARTA_ADMIN_CONTEXT_H_

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "admin/auth.h"
#include "admin/image_library.h"
#include "admin/json_io.h"
#include "admin/policy.h"
#include "base/clock.h"
#include "content/dates.h"
#include "content/timezone.h"
#include "http/router.h"
#include "newsroom/newsroom.h"
#include "render/theme.h"
#include "site/context.h"
#include "store/article_store.h"
#include "store/editorial_store.h"
#include "store/home_store.h"
#include "store/live_update_store.h"
#include "store/media_store.h"
#include "store/reader_store.h"
#include "store/revision_store.h"
#include "store/settings_store.h"
#include "store/store_of.h"
#include "store/taxonomy_store.h"
#include "store/user_store.h"
#include "store/wire_store.h"

namespace warta::admin {

struct AdminOptions {
  AuthOptions auth;
  std::size_t upload_limit = 10u << 20;  // bytes of one image upload
  std::string media_dir;                 // DATA/media
  int autosave_seconds = 5;              // editor autosave interval
};

// Settings edited in the browser: the keys of kEditableSettings.
inline constexpr const char* kEditableSettings[] = {
    "site.name", "site.url", "site.timezone", "site.locale"};
struct SettingsHooks {
  // The settings in effect now.
  std::function<std::map<std::string, std::string>()> current;
  // Validates, stores and applies the settings (the site is rebuilt);
  // InvalidArgument naming the key when a value is bad.
  std::function<Status(const std::map<std::string, std::string>&)> apply;
};

// The store interfaces the admin reads and writes (articles themselves are
// written through the Newsroom).
struct AdminStores {
  ArticleStore& articles;
  TaxonomyStore& taxonomy;
  UserStore& users;  // accounts, sessions, API tokens, login limits
  RevisionStore& revisions;
  EditorialStore& editorial;  // trash, workflow, media uses
  SettingsStore& settings;
  HomeStore& home;
  LiveUpdateStore& live_updates;
  MediaStore& media;
  ReaderStore& readers;  // view counts shown beside articles
  WireStore& wire;       // the feeds page
  // From one object that is all of them (the whole Store).
  template <StoreOf<ArticleStore, TaxonomyStore, UserStore, RevisionStore,
                    EditorialStore, SettingsStore, HomeStore, LiveUpdateStore,
                    MediaStore, ReaderStore, WireStore>
                S>
  AdminStores(S& s)  // NOLINT: implicit
      : articles(s),
        taxonomy(s),
        users(s),
        revisions(s),
        editorial(s),
        settings(s),
        home(s),
        live_updates(s),
        media(s),
        readers(s),
        wire(s) {}
};

struct AdminContext {
  AdminStores store;
  Newsroom& newsroom;
  const site::SiteContext& site;
  const Clock& clock;
  AdminOptions options;
  SettingsHooks settings;
  Auth auth;
  std::unique_ptr<render::Theme> ui;  // the admin's templates and strings
  // Where uploads are kept; the process's one library (the wire keeps
  // agency photos in it too), so its bound on resizes holds for both.
  ImageLibrary& images;

  const TimeZone& timezone() const { return site.options.timezone; }
  const Urls& urls() const { return site.urls; }
};

using ApiFn = std::function<Result<http::Response>(const Principal& who)>;

// Authenticates (401), checks CSRF for state-changing requests (403), runs
// `fn` and maps its error Status to a JSON error response.
http::Response RunApi(AdminContext& ctx, const http::Request& req,
                      const ApiFn& fn);

// The id in the path parameter `name`; InvalidArgument when not a number.
Result<std::int64_t> IdParam(const http::Request& req, std::string_view name);

// Registration of each resource (one file each).
void RegisterSessionApi(AdminContext& ctx, http::Router& r);
void RegisterArticlesApi(AdminContext& ctx, http::Router& r);
void RegisterRevisionsApi(AdminContext& ctx, http::Router& r);
void RegisterLiveUpdatesApi(AdminContext& ctx, http::Router& r);
void RegisterTaxonomyApi(AdminContext& ctx, http::Router& r);
void RegisterUsersApi(AdminContext& ctx, http::Router& r);
void RegisterSettingsApi(AdminContext& ctx, http::Router& r);
void RegisterBreakingApi(AdminContext& ctx, http::Router& r);
void RegisterHomeApi(AdminContext& ctx, http::Router& r);
void RegisterTokensApi(AdminContext& ctx, http::Router& r);
void RegisterMediaApi(AdminContext& ctx, http::Router& r);
void RegisterPages(AdminContext& ctx, http::Router& r);

}  // namespace warta::admin

#endif  // WARTA_ADMIN_CONTEXT_H_
