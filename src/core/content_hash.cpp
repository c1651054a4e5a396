#include "core/content_hash.h"

#include <xxh_x86dispatch.h>
#include <xxhash.h>

#include <cstdio>

namespace vern {

namespace {
std::string hex(const XXH128_hash_t& h) {
  char buffer[33];
  std::snprintf(buffer, sizeof buffer, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buffer;
}
}  // namespace

std::string content_hash(std::span<const unsigned char> bytes) {
  // The dispatching entry picks the widest vector unit the CPU has (AVX2, AVX-512) at run time;
  // the plain one is built for SSE2. Same hash either way.
  return hex(XXH3_128bits_dispatch(bytes.data(), bytes.size()));
}

std::string content_hash(std::string_view text) {
  return hex(XXH3_128bits(text.data(), text.size()));
}

}  // namespace vern
