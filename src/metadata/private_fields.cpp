#include "metadata/private_fields.h"

#include <exiv2/exiv2.hpp>
#include <memory>
#include <string>

#include "metadata/library_setup.h"

namespace vern::metadata {
namespace {

// Body, lens and maker-note serials: "Exif.Photo.BodySerialNumber", "Exif.Canon.SerialNumber",
// "Xmp.aux.SerialNumber", "Exif.Nikon3.SerialNO", ...
bool names_a_serial_number(const std::string& key) {
  return key.find("Serial") != std::string::npos;
}

}  // namespace

Result<void> strip_private_fields(const std::filesystem::path& file, bool keep_location) {
  try {
    std::unique_ptr<Exiv2::Image> image(Exiv2::ImageFactory::open(file.string()).release());
    // Held from reading to writing: both parse or serialise XMP (library_setup.h).
    const auto toolkit = hold_xmp_toolkit();
    image->readMetadata();
    auto& exif = image->exifData();
    for (auto it = exif.begin(); it != exif.end();) {
      const std::string key = it->key();
      const bool location = !keep_location && it->groupName() == "GPSInfo";
      it = (location || names_a_serial_number(key)) ? exif.erase(it) : std::next(it);
    }
    auto& xmp = image->xmpData();
    for (auto it = xmp.begin(); it != xmp.end();) {
      const std::string key = it->key();
      const bool location = !keep_location && (key.rfind("Xmp.exif.GPS", 0) == 0 ||
                                               key.find("Location") != std::string::npos);
      it = (location || names_a_serial_number(key)) ? xmp.erase(it) : std::next(it);
    }
    image->writeMetadata();
    return {};
  } catch (const std::exception& e) {
    return fail(ErrorCode::kInternal,
                std::string("cannot remove location and serial numbers: ") + e.what(),
                file.string());
  }
}

}  // namespace vern::metadata
