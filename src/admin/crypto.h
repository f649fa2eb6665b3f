// Crypto for the newsroom's accounts, on libsodium (the only module that
// includes sodium.h): argon2id password hashes, random tokens, token
// hashes for storage, CSRF tokens bound to a session and constant-time
// comparison. Thread-safe after InitCrypto().
#ifndef WARTA_ADMIN_CRYPTO_H_
#define WARTA_ADMIN_CRYPTO_H_

#include <string>
#include <string_view>

#include "base/result.h"

namespace warta::admin {

// Initialises libsodium; safe to call more than once. Internal on failure.
Status InitCrypto();

// Passwords: at least kMinPasswordBytes, at most kMaxPasswordBytes.
inline constexpr std::size_t kMinPasswordBytes = 8;
inline constexpr std::size_t kMaxPasswordBytes = 1024;
// InvalidArgument ("password: ...") when the length is out of bounds.
Status CheckPasswordPolicy(std::string_view password);

// An argon2id hash string ("$argon2id$v=19$m=65536,t=2,p=1$...") with
// libsodium's interactive limits. At most two hashes run at once (each
// takes 64 MiB), callers beyond wait.
Result<std::string> HashPassword(std::string_view password);
// True when `password` matches `hash`; false on mismatch or a bad hash.
bool VerifyPassword(std::string_view password, const std::string& hash);
// Takes as long as a real verification; for unknown accounts, so timing
// does not tell which e-mail addresses exist.
void VerifyDummyPassword(std::string_view password);

// `bytes` random bytes as unpadded base64url.
std::string RandomToken(std::size_t bytes = 32);
// The hex BLAKE2b-256 of a token, for storing it.
std::string TokenHash(std::string_view token);
// The CSRF token that belongs to a session token.
std::string CsrfTokenFor(std::string_view session_token);
// Constant-time equality.
bool SecureEquals(std::string_view a, std::string_view b);

}  // namespace warta::admin

#endif  // WARTA_ADMIN_CRYPTO_H_
