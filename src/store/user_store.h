// UserStore: newsroom accounts, browser sessions and API tokens. Part of the
// Store interface (store/store.h). Secrets are never stored: sessions and
// tokens are kept by the hash of their random value, passwords as argon2id
// strings computed by the caller. Thread-safe; each write is a transaction.
#ifndef WARTA_STORE_USER_STORE_H_
#define WARTA_STORE_USER_STORE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "content/user.h"

namespace warta {

class UserStore {
 public:
  virtual ~UserStore() = default;

  // Creates a user; the email must be normalized (content/user.h). With
  // author_id 0 the byline author named like the user is found (by slug) or
  // created in the same transaction. kAlreadyExists when the email is taken.
  virtual Result<User> AddUser(const User& user) = 0;

  // Creates `user` only when no user exists yet (the first-run page), in one
  // transaction; kFailedPrecondition otherwise.
  virtual Result<User> AddFirstUser(const User& user) = 0;

  // Writes email, name, role, password_hash and disabled of user.id.
  // kNotFound when absent, kAlreadyExists when the new email is taken.
  virtual Result<User> UpdateUser(const User& user) = 0;

  virtual Result<User> GetUser(std::int64_t id) = 0;
  virtual Result<User> GetUserByEmail(std::string_view email) = 0;
  // Ordered by name.
  virtual Result<std::vector<User>> ListUsers() = 0;
  virtual Result<std::int64_t> CountUsers() = 0;

  virtual Status AddSession(const Session& session) = 0;
  // kNotFound when absent (expiry is the caller's to check).
  virtual Result<Session> GetSession(std::string_view token_hash) = 0;
  virtual Status DeleteSession(std::string_view token_hash) = 0;
  // Ends every session of the user except `keep_hash` (may be empty).
  virtual Status DeleteUserSessions(std::int64_t user_id,
                                    std::string_view keep_hash) = 0;
  virtual Status DeleteExpiredSessions(Timestamp now) = 0;

  // Returns the token with its new id. kAlreadyExists on a hash collision.
  virtual Result<ApiToken> AddApiToken(const ApiToken& token) = 0;
  // kNotFound when absent; revoked tokens are returned (caller checks).
  virtual Result<ApiToken> GetApiTokenByHash(std::string_view token_hash) = 0;
  virtual Result<ApiToken> GetApiToken(std::int64_t id) = 0;
  // Tokens of `user_id` (0: everyone's), newest first.
  virtual Result<std::vector<ApiToken>> ListApiTokens(std::int64_t user_id) = 0;
  // Sets revoked_at; kNotFound when absent or already revoked.
  virtual Status RevokeApiToken(std::int64_t id, Timestamp now) = 0;
  virtual Status TouchApiToken(std::int64_t id, Timestamp now) = 0;

  // Failed logins by key ("account:EMAIL", "ip:ADDRESS"), kept in the store
  // so the rate limits (admin/rate_limiter.h) hold across processes and
  // nodes. Records one at `at`, and forgets every key's failures before
  // `forget_before` in the same transaction.
  virtual Status AddLoginFailure(std::string_view key, Timestamp at,
                                 Timestamp forget_before) = 0;
  // The times of `key`'s failures at or after `since`, newest first, at most
  // `limit`.
  virtual Result<std::vector<Timestamp>> ListLoginFailures(std::string_view key,
                                                           Timestamp since,
                                                           int limit) = 0;
  // Forgets `key`'s failures (after a good login).
  virtual Status ClearLoginFailures(std::string_view key) = 0;
};

}  // namespace warta

#endif  // WARTA_STORE_USER_STORE_H_
