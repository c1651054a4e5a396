#include "sharing/share_secrets.h"

#include <sodium.h>

#include <array>
#include <cstdlib>

namespace vern::sharing {
namespace {

// sodium_init() is idempotent and thread-safe; it picks the fastest implementations and seeds
// the random generator before first use.
void start_sodium() {
  if (sodium_init() < 0) std::abort();  // no safe random source: nothing may be issued
}

}  // namespace

std::string new_share_token() {
  start_sodium();
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string token(sodium_base64_encoded_len(bytes.size(), kVariant), '\0');
  sodium_bin2base64(token.data(), token.size(), bytes.data(), bytes.size(), kVariant);
  token.resize(std::char_traits<char>::length(token.c_str()));
  sodium_memzero(bytes.data(), bytes.size());
  return token;
}

std::string token_hash(std::string_view token) {
  start_sodium();
  std::array<unsigned char, crypto_generichash_BYTES> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  std::string hex(hash.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  hex.pop_back();
  return hex;
}

Result<std::string> hash_password(std::string_view password) {
  start_sodium();
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  if (crypto_pwhash_str(hash.data(), password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return fail(ErrorCode::kInternal, "cannot hash the password (out of memory)");
  }
  return std::string(hash.data());
}

bool password_matches(const std::string& hash, std::string_view password) {
  start_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace vern::sharing
