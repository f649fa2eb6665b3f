// Admin: the newsroom's side of warta. Registers the admin JSON API under
// /api/admin/ (one file per resource: session, articles, revisions,
// categories/tags/authors, users, settings, tokens, images), the editor web
// app under /admin (server-rendered pages with small vanilla JS, no build
// step, no third-party scripts) and the media files under /media/.
// Thread-safe after Register().
#ifndef WARTA_ADMIN_ADMIN_H_
#define WARTA_ADMIN_ADMIN_H_

#include <memory>

#include "admin/context.h"

namespace warta::admin {

class Admin {
 public:
  // The referenced objects must outlive the Admin. Fails when the admin's
  // built-in templates do not load or libsodium does not start.
  static Result<std::unique_ptr<Admin>> Create(
      AdminStores store, Newsroom& newsroom, const site::SiteContext& site,
      const Clock& clock, AdminOptions options, SettingsHooks settings,
      ImageLibrary& images);
  Admin(const Admin&) = delete;
  Admin& operator=(const Admin&) = delete;

  void Register(http::Router& router);

  AdminContext& context() { return *ctx_; }

 private:
  explicit Admin(std::unique_ptr<AdminContext> ctx) : ctx_(std::move(ctx)) {}
  std::unique_ptr<AdminContext> ctx_;
};

}  // namespace warta::admin

#endif  // WARTA_ADMIN_ADMIN_H_
