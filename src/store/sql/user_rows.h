// Rows (store/sql/rows.h), both SQL backends: users, sessions and API tokens.
#include "content/slug.h"
#include "store/sql/rows.h"

namespace warta::sql {
namespace {

constexpr std::string_view kUserColumns =
    "SELECT id, email, name, role, password_hash, COALESCE(author_id, 0), "
    "disabled, created_at, updated_at FROM users ";

User ReadUser(const auto& st) {
  User u;
  u.id = st.Int(0);
  u.email = st.Text(1);
  u.name = st.Text(2);
  u.role = ParseRole(st.Text(3)).value_or(Role::kKontributor);
  u.password_hash = st.Text(4);
  u.author_id = st.Int(5);
  u.disabled = st.Int(6) != 0;
  u.created_at = st.Int(7);
  u.updated_at = st.Int(8);
  return u;
}

constexpr std::string_view kTokenColumns =
    "SELECT id, user_id, name, token_hash, hint, scopes, created_at, "
    "last_used_at, revoked_at FROM api_tokens ";

ApiToken ReadToken(const auto& st) {
  ApiToken t;
  t.id = st.Int(0);
  t.user_id = st.Int(1);
  t.name = st.Text(2);
  t.token_hash = st.Text(3);
  t.hint = st.Text(4);
  t.scopes = st.Text(5);
  t.created_at = st.Int(6);
  t.last_used_at = st.OptInt(7);
  t.revoked_at = st.OptInt(8);
  return t;
}

// Runs a user SELECT with one bound value; kNotFound naming `what`.
template <typename V>
Result<User> OneUser(auto& c, std::string_view where, const V& v,
                     const std::string& what) {
  WARTA_ASSIGN_OR_RETURN(
      auto st, c.Prepare(std::string(kUserColumns) + std::string(where)));
  st.Bind(1, v);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row)
    return Status::NotFound("user " + what)
        .WithReason("not_found", {{"what", "user"}});
  return ReadUser(st);
}

// Whether another user than `self` has `email`.
Result<bool> EmailTaken(auto& c, const std::string& email, std::int64_t self) {
  WARTA_ASSIGN_OR_RETURN(
      auto st, c.Prepare("SELECT 1 FROM users WHERE email = ? AND id <> ?"));
  st.Bind(1, email).Bind(2, self);
  return st.Step();
}

// A byline author of a new account's own: never an existing author whose
// name happens to slugify the same ("Redaksi" would otherwise inherit every
// wire article). Takes the first free slug of name, name-2, name-3, ...
Result<std::int64_t> InsertOwnAuthor(auto& c, const User& u, Timestamp now) {
  std::string base = Slugify(u.name);
  if (base.empty() || !IsValidSlug(base)) base = "penulis";
  WARTA_ASSIGN_OR_RETURN(auto taken,
                         c.Prepare("SELECT 1 FROM authors WHERE slug = ?"));
  std::string slug = base;
  for (int n = 2;; ++n) {
    taken.Bind(1, slug);
    WARTA_ASSIGN_OR_RETURN(bool row, taken.Step());
    taken.Reset();
    if (!row) break;
    slug = base + "-" + std::to_string(n);
  }
  WARTA_ASSIGN_OR_RETURN(
      auto st, c.Prepare("INSERT INTO authors (slug, name, bio, email, "
                         "created_at) VALUES (?, ?, '', ?, ?)"));
  WARTA_RETURN_IF_ERROR(
      st.Bind(1, slug).Bind(2, u.name).Bind(3, u.email).Bind(4, now).Run());
  return c.LastInsertId();
}

}  // namespace

template <typename Core>
Result<User> Rows<Core>::InsertUser(Connection& c, const User& in) {
  WARTA_ASSIGN_OR_RETURN(bool taken, EmailTaken(c, in.email, 0));
  if (taken)
    return Status::AlreadyExists("user " + in.email + " exists")
        .WithReason("user_exists", {{"email", in.email}});
  User u = in;
  if (u.author_id == 0) {
    WARTA_ASSIGN_OR_RETURN(u.author_id, InsertOwnAuthor(c, u, clock_.Now()));
  }
  u.created_at = u.updated_at = clock_.Now();
  WARTA_ASSIGN_OR_RETURN(
      auto st, c.Prepare("INSERT INTO users (email, name, role, "
                         "password_hash, author_id, disabled, created_at, "
                         "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  WARTA_RETURN_IF_ERROR(st.Bind(1, u.email)
                            .Bind(2, u.name)
                            .Bind(3, RoleName(u.role))
                            .Bind(4, u.password_hash)
                            .Bind(5, u.author_id)
                            .Bind(6, u.disabled ? 1 : 0)
                            .Bind(7, u.created_at)
                            .Bind(8, u.updated_at)
                            .Run());
  u.id = c.LastInsertId();
  return u;
}

template <typename Core>
Result<User> Rows<Core>::AddUser(const User& in) {
  User out;
  // Write (not WriteQuiet): a new byline author may appear on public pages.
  Status s = Write([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(out, InsertUser(c, in));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

template <typename Core>
Result<User> Rows<Core>::AddFirstUser(const User& in) {
  User out;
  Status s = Write([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(auto st, c.Prepare("SELECT COUNT(*) FROM users"));
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (row && st.Int(0) > 0)
      return Status::FailedPrecondition("a user exists already");
    WARTA_ASSIGN_OR_RETURN(out, InsertUser(c, in));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

template <typename Core>
Result<User> Rows<Core>::UpdateUser(const User& in) {
  Status s = WriteQuiet([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(bool taken, EmailTaken(c, in.email, in.id));
    if (taken)
      return Status::AlreadyExists("user " + in.email + " exists")
          .WithReason("user_exists", {{"email", in.email}});
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("UPDATE users SET email = ?, name = ?, role = ?, "
                           "password_hash = ?, disabled = ?, updated_at = ? "
                           "WHERE id = ?"));
    WARTA_RETURN_IF_ERROR(st.Bind(1, in.email)
                              .Bind(2, in.name)
                              .Bind(3, RoleName(in.role))
                              .Bind(4, in.password_hash)
                              .Bind(5, in.disabled ? 1 : 0)
                              .Bind(6, clock_.Now())
                              .Bind(7, in.id)
                              .Run());
    if (c.Changes() == 0)
      return Status::NotFound("user " + std::to_string(in.id))
          .WithReason("not_found", {{"what", "user"}});
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return GetUser(in.id);
}

template <typename Core>
Result<User> Rows<Core>::GetUser(std::int64_t id) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  return OneUser(**r, "WHERE id = ?", id, std::to_string(id));
}

template <typename Core>
Result<User> Rows<Core>::GetUserByEmail(std::string_view email) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  return OneUser(**r, "WHERE email = ?", email, std::string(email));
}

template <typename Core>
Result<std::vector<User>> Rows<Core>::ListUsers() {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare(std::string(kUserColumns) + "ORDER BY name, id"));
  std::vector<User> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(ReadUser(st));
  }
  return out;
}

template <typename Core>
Result<std::int64_t> Rows<Core>::CountUsers() {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(auto st, (*r)->Prepare("SELECT COUNT(*) FROM users"));
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

template <typename Core>
Status Rows<Core>::AddSession(const Session& s) {
  return WriteQuiet([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("INSERT INTO sessions (token_hash, user_id, "
                           "created_at, expires_at) VALUES (?, ?, ?, ?)"));
    return st.Bind(1, s.token_hash)
        .Bind(2, s.user_id)
        .Bind(3, s.created_at)
        .Bind(4, s.expires_at)
        .Run();
  });
}

template <typename Core>
Result<Session> Rows<Core>::GetSession(std::string_view token_hash) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare("SELECT token_hash, user_id, created_at, "
                             "expires_at FROM sessions WHERE token_hash = ?"));
  st.Bind(1, token_hash);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("session");
  return Session{st.Text(0), st.Int(1), st.Int(2), st.Int(3)};
}

template <typename Core>
Status Rows<Core>::DeleteSession(std::string_view token_hash) {
  return WriteQuiet([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("DELETE FROM sessions WHERE token_hash = ?"));
    return st.Bind(1, token_hash).Run();
  });
}

template <typename Core>
Status Rows<Core>::DeleteUserSessions(std::int64_t user_id,
                                      std::string_view keep_hash) {
  return WriteQuiet([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("DELETE FROM sessions WHERE user_id = ? AND "
                           "token_hash <> ?"));
    return st.Bind(1, user_id).Bind(2, keep_hash).Run();
  });
}

template <typename Core>
Status Rows<Core>::DeleteExpiredSessions(Timestamp now) {
  return WriteQuiet([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("DELETE FROM sessions WHERE expires_at <= ?"));
    return st.Bind(1, now).Run();
  });
}

template <typename Core>
Result<ApiToken> Rows<Core>::AddApiToken(const ApiToken& in) {
  ApiToken out = in;
  Status s = WriteQuiet([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(
        auto dup, c.Prepare("SELECT 1 FROM api_tokens WHERE token_hash = ?"));
    dup.Bind(1, in.token_hash);
    WARTA_ASSIGN_OR_RETURN(bool row, dup.Step());
    if (row) return Status::AlreadyExists("api token");
    WARTA_ASSIGN_OR_RETURN(auto st,
                           c.Prepare("INSERT INTO api_tokens (user_id, name, "
                                     "token_hash, hint, scopes, created_at) "
                                     "VALUES (?, ?, ?, ?, ?, ?)"));
    WARTA_RETURN_IF_ERROR(st.Bind(1, in.user_id)
                              .Bind(2, in.name)
                              .Bind(3, in.token_hash)
                              .Bind(4, in.hint)
                              .Bind(5, in.scopes)
                              .Bind(6, in.created_at)
                              .Run());
    out.id = c.LastInsertId();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

template <typename Core>
Result<ApiToken> Rows<Core>::GetApiTokenByHash(std::string_view token_hash) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(auto st, (*r)->Prepare(std::string(kTokenColumns) +
                                                "WHERE token_hash = ?"));
  st.Bind(1, token_hash);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("api token");
  return ReadToken(st);
}

template <typename Core>
Result<ApiToken> Rows<Core>::GetApiToken(std::int64_t id) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare(std::string(kTokenColumns) + "WHERE id = ?"));
  st.Bind(1, id);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("api token " + std::to_string(id));
  return ReadToken(st);
}

template <typename Core>
Result<std::vector<ApiToken>> Rows<Core>::ListApiTokens(std::int64_t user_id) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare(std::string(kTokenColumns) +
                             "WHERE ? = 0 OR user_id = ? ORDER BY id DESC"));
  st.Bind(1, user_id).Bind(2, user_id);
  std::vector<ApiToken> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(ReadToken(st));
  }
  return out;
}

template <typename Core>
Status Rows<Core>::RevokeApiToken(std::int64_t id, Timestamp now) {
  return WriteQuiet([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(auto st,
                           c.Prepare("UPDATE api_tokens SET revoked_at = ? "
                                     "WHERE id = ? AND revoked_at IS NULL"));
    WARTA_RETURN_IF_ERROR(st.Bind(1, now).Bind(2, id).Run());
    if (c.Changes() == 0)
      return Status::NotFound("api token " + std::to_string(id));
    return Status::Ok();
  });
}

template <typename Core>
Status Rows<Core>::TouchApiToken(std::int64_t id, Timestamp now) {
  return WriteQuiet([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(
        auto st,
        c.Prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?"));
    return st.Bind(1, now).Bind(2, id).Run();
  });
}

template <typename Core>
Status Rows<Core>::AddLoginFailure(std::string_view key, Timestamp at,
                                   Timestamp forget_before) {
  return WriteQuiet([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(
        auto old, c.Prepare("DELETE FROM login_failures WHERE at < ?"));
    WARTA_RETURN_IF_ERROR(old.Bind(1, forget_before).Run());
    WARTA_ASSIGN_OR_RETURN(
        auto st,
        c.Prepare("INSERT INTO login_failures (key, at) VALUES (?, ?)"));
    return st.Bind(1, key).Bind(2, at).Run();
  });
}

template <typename Core>
Result<std::vector<Timestamp>> Rows<Core>::ListLoginFailures(
    std::string_view key, Timestamp since, int limit) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare("SELECT at FROM login_failures WHERE key = ? AND "
                             "at >= ? ORDER BY at DESC LIMIT ?"));
  st.Bind(1, key).Bind(2, since).Bind(3, limit);
  std::vector<Timestamp> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(st.Int(0));
  }
  return out;
}

template <typename Core>
Status Rows<Core>::ClearLoginFailures(std::string_view key) {
  return WriteQuiet([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("DELETE FROM login_failures WHERE key = ?"));
    return st.Bind(1, key).Run();
  });
}

}  // namespace warta::sql
