#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

// The secrets of a share link, through libsodium: the token in the link and the optional
// password. Neither is ever stored or logged in clear; the catalogue keeps hashes.
namespace vern::sharing {

// A new link token: 16 bytes (128 bits) from randombytes_buf, as URL-safe base64 without
// padding (22 characters).
std::string new_share_token();

// What the catalogue keeps of a token: its BLAKE2b hash (crypto_generichash, 32 bytes) in hex.
// A copied catalogue opens no link.
std::string token_hash(std::string_view token);

// An argon2id hash of `password` (crypto_pwhash_str, interactive limits), with its salt and
// parameters, as libsodium writes it. Fails when libsodium cannot allocate the memory it needs.
[[nodiscard]] Result<std::string> hash_password(std::string_view password);

// True when `password` is the one `hash` was made from; compared in constant time by libsodium.
bool password_matches(const std::string& hash, std::string_view password);

}  // namespace vern::sharing
