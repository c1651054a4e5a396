#include "sharing/share_pass.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>

#include "core/atomic_write.h"
#include "core/file_bytes.h"

namespace vern::sharing {
namespace {

long long seconds_since_epoch(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

// What a pass signs: everything that, when it changes, must void the pass.
std::string signed_text(const catalogue::Share& share, long long issued) {
  return "vernissage-pass\n" + std::to_string(share.id) + "\n" + share.token_hash + "\n" +
         share.password_hash.value_or("") + "\n" + std::to_string(issued);
}

}  // namespace

Result<PassSigner> PassSigner::from_key_file(const std::filesystem::path& file) {
  if (sodium_init() < 0) std::abort();
  Key key{};
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    randombytes_buf(key.data(), key.size());
    const std::string bytes(reinterpret_cast<const char*>(key.data()), key.size());
    // Written under a temporary name made private at creation, then renamed: there is no
    // moment when others may read it.
    const auto temporary = temporary_path_for(file);
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return fail(ErrorCode::kIo, "cannot write the server key", temporary);
    const bool written = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
    if (::close(fd) != 0 || !written) {
      std::filesystem::remove(temporary, ec);
      return fail(ErrorCode::kIo, "cannot write the server key", temporary);
    }
    if (auto r = commit_temporary(temporary, file); !r) return tl::unexpected(r.error());
    return PassSigner(key);
  }
  auto bytes = read_file_bytes(file, key.size() + 1);
  if (!bytes) return tl::unexpected(bytes.error());
  if (bytes->size() != key.size()) {
    return fail(ErrorCode::kInvalidInput,
                "not a server key (" + std::to_string(key.size()) + " bytes expected)", file);
  }
  std::copy(bytes->begin(), bytes->end(), key.begin());
  return PassSigner(key);
}

std::string PassSigner::tag(const catalogue::Share& share, long long issued) const {
  return mac_of(signed_text(share, issued));
}

std::string PassSigner::csrf_token(const catalogue::Share& share, std::string_view pass) const {
  return mac_of("vernissage-csrf\n" + std::to_string(share.id) + "\n" + std::string(pass));
}

bool PassSigner::csrf_matches(const catalogue::Share& share, std::string_view pass,
                              std::string_view token) const {
  const std::string expected = csrf_token(share, pass);
  return token.size() == expected.size() &&
         sodium_memcmp(token.data(), expected.data(), expected.size()) == 0;
}

std::string PassSigner::mac_of(const std::string& text) const {
  std::array<unsigned char, crypto_auth_BYTES> mac{};
  crypto_auth(mac.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
              key_.data());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string encoded(sodium_base64_encoded_len(mac.size(), kVariant), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), mac.data(), mac.size(), kVariant);
  encoded.resize(std::char_traits<char>::length(encoded.c_str()));
  return encoded;
}

std::string PassSigner::issue(const catalogue::Share& share,
                              std::chrono::system_clock::time_point now) const {
  const long long issued = seconds_since_epoch(now);
  return std::to_string(issued) + "." + tag(share, issued);
}

bool PassSigner::accepts(const catalogue::Share& share, std::string_view pass,
                         std::chrono::system_clock::time_point now) const {
  const auto dot = pass.find('.');
  if (dot == std::string_view::npos) return false;
  long long issued = 0;
  const auto digits = pass.substr(0, dot);
  const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), issued);
  if (parsed.ec != std::errc() || parsed.ptr != digits.data() + digits.size()) return false;
  const long long age = seconds_since_epoch(now) - issued;
  if (age < -60 || age > std::chrono::seconds(kPassLifetime).count()) return false;
  const std::string expected = tag(share, issued);
  const auto given = pass.substr(dot + 1);
  return given.size() == expected.size() &&
         sodium_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

}  // namespace vern::sharing
