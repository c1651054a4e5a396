#include "imaging/libvips_module/notice_exif.h"

#include <exiv2/exiv2.hpp>

namespace vern::imaging::libvips_module {

std::string notice_exif_block(const EmbeddedNotice& notice) {
  Exiv2::ExifData exif;
  if (!notice.creator.empty()) exif["Exif.Image.Artist"] = notice.creator;
  if (!notice.copyright.empty()) exif["Exif.Image.Copyright"] = notice.copyright;
  exif["Exif.Photo.ColorSpace"] = static_cast<uint16_t>(1);  // 1 = sRGB
  Exiv2::Blob blob;
  Exiv2::ExifParser::encode(blob, Exiv2::littleEndian, exif);
  return std::string("Exif\0\0", 6) + std::string(blob.begin(), blob.end());
}

}  // namespace vern::imaging::libvips_module
