#include "imaging/detail/jpeg_header.h"

#include <libexif/exif-data.h>

#include <cstring>
#include <memory>

#include "imaging/detail/libjpeg_decompressor.h"

namespace vern::imaging::detail {
namespace {

// EXIF blocks larger than this are not read, as libvips refuses them (2^20 bytes).
constexpr unsigned kLargestExif = 1U << 20;

// The orientation libvips would read from an EXIF block (an APP1 payload starting "Exif"), or
// 1. Loaded with libvips' libexif options and fixed as libvips fixes it (exif_data_fix turns,
// for one, an orientation stored as LONG into a SHORT), so that both read malformed blocks alike.
int exif_orientation(const unsigned char* data, unsigned length) {
  if (length < 4 || length > kLargestExif) return 1;
  const std::unique_ptr<ExifData, decltype(&exif_data_unref)> exif(exif_data_new(),
                                                                   &exif_data_unref);
  if (!exif) return 1;
  exif_data_unset_option(exif.get(), EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_unset_option(exif.get(), EXIF_DATA_OPTION_IGNORE_UNKNOWN_TAGS);
  exif_data_load_data(exif.get(), data, length);
  exif_data_fix(exif.get());
  ExifEntry* entry = exif_content_get_entry(exif->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
  if (entry == nullptr || entry->components < 1 || entry->data == nullptr) return 1;
  const ExifByteOrder order = exif_data_get_byte_order(exif.get());
  long value = 0;
  if (entry->format == EXIF_FORMAT_SHORT && entry->size >= 2) {
    value = exif_get_short(entry->data, order);
  } else if (entry->format == EXIF_FORMAT_LONG && entry->size >= 4) {
    value = static_cast<long>(exif_get_long(entry->data, order));
  } else {
    return 1;
  }
  return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
}

}  // namespace

Result<JpegHeader> read_jpeg_header(std::span<const unsigned char> bytes) {
  LibjpegDecompressor jpeg;
  if (setjmp(jpeg.jump_back_here()) != 0) return fail(ErrorCode::kCorrupt, jpeg.error());
  jpeg.open(bytes);
  jpeg_save_markers(&jpeg.info, JPEG_APP0 + 1, 0xFFFF);
  jpeg_read_header(&jpeg.info, TRUE);
  JpegHeader header;
  header.stored_width = static_cast<int>(jpeg.info.image_width);
  header.stored_height = static_cast<int>(jpeg.info.image_height);
  // As libvips takes them: an APP1 block starting "Exif" is EXIF, and the last one counts.
  for (auto* marker = jpeg.info.marker_list; marker != nullptr; marker = marker->next) {
    if (marker->marker == JPEG_APP0 + 1 && marker->data_length > 4 &&
        std::memcmp(marker->data, "Exif", 4) == 0) {
      header.orientation = exif_orientation(marker->data, marker->data_length);
    }
  }
  return header;
}

}  // namespace vern::imaging::detail
