#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace vern::metadata {

// What an image file carries that a published site must not: location (EXIF GPS, XMP exif:GPS*),
// serial numbers (body, lens, maker notes), or the camera's full EXIF (make, model, capture
// settings, maker notes) beyond the creator/copyright notice and colour description that
// Vernissage's derivatives keep. Each finding names the first offending key of its kind, e.g.
// "GPS (Exif.GPSInfo.GPSLatitude)". Empty for a clean file or one exiv2 cannot open.
std::vector<std::string> privacy_findings(const std::filesystem::path& image);

}  // namespace vern::metadata
