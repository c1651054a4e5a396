#include "metadata/privacy_findings.h"

#include <exiv2/exiv2.hpp>
#include <memory>
#include <set>

#include "metadata/library_setup.h"

namespace vern::metadata {
namespace {

// EXIF a derivative may carry: the notice, the colour space, and what encoders write about the
// pixels themselves.
bool is_allowed_exif(const std::string& key) {
  static const std::set<std::string> kAllowed = {
      "Exif.Image.Artist",          "Exif.Image.Copyright",
      "Exif.Image.Orientation",     "Exif.Image.XResolution",
      "Exif.Image.YResolution",     "Exif.Image.ResolutionUnit",
      "Exif.Image.ExifTag",         "Exif.Image.YCbCrPositioning",
      "Exif.Photo.ColorSpace",      "Exif.Photo.ExifVersion",
      "Exif.Photo.FlashpixVersion", "Exif.Photo.PixelXDimension",
      "Exif.Photo.PixelYDimension", "Exif.Photo.ComponentsConfiguration"};
  return kAllowed.contains(key) || key.starts_with("Exif.Thumbnail.");
}

}  // namespace

std::vector<std::string> privacy_findings(const std::filesystem::path& image) {
  std::vector<std::string> findings;
  std::unique_ptr<Exiv2::Image> file;
  try {
    file.reset(Exiv2::ImageFactory::open(image.string()).release());
    const auto toolkit = hold_xmp_toolkit();
    file->readMetadata();
  } catch (const std::exception&) {
    return findings;
  }
  std::string gps, serial, full;
  for (const auto& datum : file->exifData()) {
    const std::string key = datum.key();
    if (gps.empty() && datum.groupName() == "GPSInfo") gps = key;
    if (serial.empty() && key.find("Serial") != std::string::npos) serial = key;
    if (full.empty() && datum.groupName() != "GPSInfo" && !is_allowed_exif(key)) full = key;
  }
  for (const auto& datum : file->xmpData()) {
    const std::string key = datum.key();
    if (gps.empty() && key.starts_with("Xmp.exif.GPS")) gps = key;
    if (serial.empty() && key.find("Serial") != std::string::npos) serial = key;
  }
  if (!gps.empty()) findings.push_back("GPS (" + gps + ")");
  if (!serial.empty()) findings.push_back("serial number (" + serial + ")");
  if (!full.empty()) findings.push_back("camera EXIF (" + full + ")");
  return findings;
}

}  // namespace vern::metadata
