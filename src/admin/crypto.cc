#include "admin/crypto.h"

#include <sodium.h>

#include "base/mutex.h"
#include "base/strings.h"

namespace warta::admin {
namespace {

// Bounds the memory of concurrent hashing: each argon2id run takes 64 MiB.
class HashSlots {
 public:
  void Acquire() {
    MutexLock lock(&mu_);
    while (free_ <= 0) cv_.Wait(&mu_);
    --free_;
  }
  void Release() {
    {
      MutexLock lock(&mu_);
      ++free_;
    }
    cv_.NotifyOne();
  }

 private:
  Mutex mu_;
  CondVar cv_;
  int free_ GUARDED_BY(mu_) = 2;
};

HashSlots& Slots() {
  static HashSlots* slots = new HashSlots();
  return *slots;
}

struct SlotGuard {
  SlotGuard() { Slots().Acquire(); }
  ~SlotGuard() { Slots().Release(); }
};

const std::string& DummyHash() {
  static const std::string* hash = [] {
    char out[crypto_pwhash_STRBYTES];
    const char pw[] = "warta-dummy-password";
    if (crypto_pwhash_str_alg(out, pw, sizeof(pw) - 1,
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
      return new std::string();
    }
    return new std::string(out);
  }();
  return *hash;
}

}  // namespace

Status InitCrypto() {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to start");
  return Status::Ok();
}

Status CheckPasswordPolicy(std::string_view password) {
  if (password.size() < kMinPasswordBytes)
    return Status::InvalidArgument("password: at least 8 characters")
        .WithField("password")
        .WithReason("password_short", {{"n", "8"}});
  if (password.size() > kMaxPasswordBytes)
    return Status::InvalidArgument("password: at most 1024 bytes")
        .WithField("password")
        .WithReason("too_long_bytes", {{"field", "password"}, {"n", "1024"}});
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  WARTA_RETURN_IF_ERROR(CheckPasswordPolicy(password));
  char out[crypto_pwhash_STRBYTES];
  SlotGuard slot;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::ResourceExhausted("password hashing ran out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  if (hash.empty() || password.size() > kMaxPasswordBytes) return false;
  SlotGuard slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(),
                                  password.size()) == 0;
}

void VerifyDummyPassword(std::string_view password) {
  (void)VerifyPassword(password.substr(0, kMaxPasswordBytes), DummyHash());
}

std::string RandomToken(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(
                      bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(),
                    reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  sodium_memzero(raw.data(), raw.size());
  return out;
}

std::string TokenHash(std::string_view token) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h,
                     reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return HexEncode(std::string_view(reinterpret_cast<char*>(h), sizeof h));
}

std::string CsrfTokenFor(std::string_view session_token) {
  // A keyed hash of the session token with a fixed, public key: knowing the
  // CSRF token does not reveal the session token.
  static const unsigned char kKey[] = "warta csrf token v1 key material";
  unsigned char h[24];
  crypto_generichash(
      h, sizeof h, reinterpret_cast<const unsigned char*>(session_token.data()),
      session_token.size(), kKey, sizeof kKey - 1);
  return HexEncode(std::string_view(reinterpret_cast<char*>(h), sizeof h));
}

bool SecureEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace warta::admin
