#pragma once

#include <array>
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "catalogue/share_table.h"
#include "core/result.h"

namespace vern::sharing {

// The proof a browser holds once it typed a share's password: a cookie value signed with
// libsodium's crypto_auth (HMAC-SHA-512-256) under the server's key. It is bound to the share's
// id, its token hash and its password hash, so rotating the token or changing the password
// voids every pass issued before; it lasts kPassLifetime at most.
class PassSigner {
 public:
  using Key = std::array<unsigned char, 32>;
  static constexpr std::chrono::hours kPassLifetime{24 * 30};

  explicit PassSigner(const Key& key) : key_(key) {}

  // The key kept in `file`, made (random, mode 0600) when the file does not exist yet, so
  // passes survive a restart of the server. Fails naming the file when it cannot be read or
  // made, or does not hold exactly a key.
  [[nodiscard]] static Result<PassSigner> from_key_file(const std::filesystem::path& file);

  // "ISSUED.MAC": the issue time in seconds since the epoch and the base64url tag.
  std::string issue(const catalogue::Share& share, std::chrono::system_clock::time_point now) const;

  // True for a pass this signer issued for this share, not older than kPassLifetime nor from
  // the future. The tag is checked in constant time.
  bool accepts(const catalogue::Share& share, std::string_view pass,
               std::chrono::system_clock::time_point now) const;

  // The CSRF token of the page a browser holding `pass` sees of `share`: what its scripts
  // send back with every change, so that another site's form, which cannot read it, changes
  // nothing. Bound to the pass and the share.
  std::string csrf_token(const catalogue::Share& share, std::string_view pass) const;
  // True when `token` is csrf_token(share, pass); compared in constant time.
  bool csrf_matches(const catalogue::Share& share, std::string_view pass,
                    std::string_view token) const;

  // A tag of any text under the server's key (base64url): the desk's form tokens.
  std::string mac(const std::string& text) const { return mac_of(text); }

 private:
  std::string tag(const catalogue::Share& share, long long issued) const;
  std::string mac_of(const std::string& text) const;

  Key key_;
};

}  // namespace vern::sharing
