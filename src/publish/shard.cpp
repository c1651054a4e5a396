#include "publish/shard.h"

#include <charconv>
#include <cstdint>

namespace vern::publish {

std::optional<Shard> parse_shard(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  Shard shard;
  const auto whole = [](std::string_view part, int& value) {
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    return ec == std::errc() && end == part.data() + part.size() && !part.empty();
  };
  if (!whole(text.substr(0, slash), shard.index) || !whole(text.substr(slash + 1), shard.count)) {
    return std::nullopt;
  }
  if (shard.count < 1 || shard.count > 10000 || shard.index < 0 || shard.index >= shard.count) {
    return std::nullopt;
  }
  return shard;
}

int shard_of(const std::string& content_hash, int count) {
  // The hash is hexadecimal; its first 15 digits are plenty for any count.
  std::uint64_t value = 0;
  const std::string_view digits = std::string_view(content_hash).substr(0, 15);
  std::from_chars(digits.data(), digits.data() + digits.size(), value, 16);
  return static_cast<int>(value % static_cast<std::uint64_t>(count < 1 ? 1 : count));
}

}  // namespace vern::publish
