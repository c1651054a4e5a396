#pragma once

#include <span>
#include <string>
#include <string_view>

namespace vern {

// 128-bit XXH3 of the bytes, as 32 lower-case hex digits. Fast enough to hash every photo on each
// build (several GB/s), and wide enough that distinct photos never collide in practice. Not a
// cryptographic hash: it identifies content, it does not authenticate it.
std::string content_hash(std::span<const unsigned char> bytes);
std::string content_hash(std::string_view text);

}  // namespace vern
