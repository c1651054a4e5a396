#include "core/content_hash.h"

#include <xxhash.h>
#if defined(__x86_64__)
#include <xxh_x86dispatch.h>
#endif

#include <cstddef>
#include <cstdio>

namespace vern {

namespace {

// On x86-64 the dispatching entry picks the widest vector unit the CPU has (AVX2, AVX-512) at run
// time; the plain one is built for SSE2. Indexing JPEGs that carry thumbnails, hashing took 16 % of
// the CPU through the plain one, 6 % dispatched. Same hash either way. Elsewhere the plain one is
// already built for the platform's vectors.
XXH128_hash_t xxh3_128(const void* data, std::size_t size) {
#if defined(__x86_64__)
  return XXH3_128bits_dispatch(data, size);
#else
  return XXH3_128bits(data, size);
#endif
}

std::string hex(const XXH128_hash_t& h) {
  char buffer[33];
  std::snprintf(buffer, sizeof buffer, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buffer;
}
}  // namespace

std::string content_hash(std::span<const unsigned char> bytes) {
  return hex(xxh3_128(bytes.data(), bytes.size()));
}

std::string content_hash(std::string_view text) { return hex(xxh3_128(text.data(), text.size())); }

}  // namespace vern
