#include "metadata/detail/photoshop_thumbnail.h"

#include <cstdint>
#include <cstring>
#include <exiv2/exiv2.hpp>

namespace vern::metadata::detail {
namespace {

constexpr unsigned char kApp13 = 0xED;
constexpr unsigned char kStartOfScan = 0xDA;
constexpr unsigned char kEndOfImage = 0xD9;
constexpr char kSignature[] = "Photoshop 3.0";  // followed by a NUL in the segment
constexpr std::size_t kSignatureSize = sizeof(kSignature);
constexpr std::uint16_t kThumbnailResource = 0x040C;
// The resource starts with a header: format, width, height, row bytes, total size, compressed
// size (4 bytes each), bits per pixel and planes (2 bytes each). Format 1 is JFIF.
constexpr std::size_t kThumbnailHeaderSize = 28;
constexpr std::uint32_t kJfifFormat = 1;

bool is_standalone(unsigned char marker) {
  return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8);  // TEM, RSTn, SOI
}

// The Photoshop image resource blocks of every APP13 segment before the image data, joined:
// a long block is split over consecutive segments.
std::vector<unsigned char> image_resources(std::span<const unsigned char> jpeg) {
  std::vector<unsigned char> resources;
  if (jpeg.size() < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8) return resources;
  std::size_t pos = 2;
  while (pos + 4 <= jpeg.size()) {
    if (jpeg[pos] != 0xFF) break;
    const unsigned char marker = jpeg[pos + 1];
    if (marker == 0xFF) {  // fill byte
      ++pos;
      continue;
    }
    if (marker == kStartOfScan || marker == kEndOfImage) break;
    if (is_standalone(marker)) {
      pos += 2;
      continue;
    }
    const std::size_t length = (std::size_t{jpeg[pos + 2]} << 8) | jpeg[pos + 3];
    if (length < 2 || pos + 2 + length > jpeg.size()) break;
    const auto payload = jpeg.subspan(pos + 4, length - 2);
    if (marker == kApp13 && payload.size() > kSignatureSize &&
        std::memcmp(payload.data(), kSignature, kSignatureSize) == 0) {
      resources.insert(resources.end(), payload.begin() + kSignatureSize, payload.end());
    }
    pos += 2 + length;
  }
  return resources;
}

std::uint32_t big_endian_32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         p[3];
}

}  // namespace

std::vector<unsigned char> photoshop_thumbnail(std::span<const unsigned char> jpeg) {
  const auto resources = image_resources(jpeg);
  if (resources.empty()) return {};
  const Exiv2::byte* record = nullptr;
  std::uint32_t header_size = 0;
  std::uint32_t data_size = 0;
  if (Exiv2::Photoshop::locateIrb(resources.data(), static_cast<long>(resources.size()),
                                  kThumbnailResource, &record, &header_size, &data_size) != 0 ||
      record == nullptr) {
    return {};
  }
  // exiv2 checks the block against the buffer; checked again here, the block being hostile input.
  const auto offset = static_cast<std::size_t>(record - resources.data());
  if (offset > resources.size() || header_size > resources.size() - offset ||
      data_size > resources.size() - offset - header_size || data_size <= kThumbnailHeaderSize) {
    return {};
  }
  const unsigned char* data = record + header_size;
  if (big_endian_32(data) != kJfifFormat) return {};
  return {data + kThumbnailHeaderSize, data + data_size};
}

}  // namespace vern::metadata::detail
