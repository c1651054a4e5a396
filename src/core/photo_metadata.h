#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace vern {

// Geographic position in decimal degrees (north and east positive) and metres above sea level.
struct GpsPosition {
  double latitude = 0;
  double longitude = 0;
  std::optional<double> altitude_m;
};

// What Vernissage knows about one photograph, after reconciling EXIF, IPTC and XMP (see
// docs/metadata-precedence.md). Every field is optional because real files omit any of them.
// `width`/`height` are as displayed, i.e. after applying `orientation`.
struct PhotoMetadata {
  std::optional<int> width;
  std::optional<int> height;
  std::optional<int> orientation;       // EXIF 1..8
  std::optional<std::string> taken_at;  // ISO 8601, "+hh:mm" appended when the offset is known
  std::optional<std::string> camera_make;
  std::optional<std::string> camera_model;
  std::optional<std::string> lens;
  std::optional<double> focal_length_mm;
  std::optional<double> aperture;  // f-number
  std::optional<double> exposure_time_s;
  std::optional<int> iso;
  std::optional<GpsPosition> gps;
  std::optional<std::string> title;
  std::optional<std::string> caption;
  std::vector<std::string> keywords;
  std::optional<std::string> creator;
  std::optional<std::string> copyright;
  std::optional<int> rating;         // 0..5
  std::optional<std::string> label;  // the editor's colour label: "Red", "Green", ...

  // The pixel size the EXIF block records (PixelXDimension × PixelYDimension), as stored before
  // any orientation: evidence when the orientation tag contradicts the pixels. Not catalogued.
  std::optional<std::pair<int, int>> recorded_pixel_size;
  // True when `lens` is exiv2's name for the maker's lens id rather than a name the camera wrote:
  // several lenses share an id, so the name is checked against the focal length. Not catalogued.
  bool lens_from_maker_id = false;

  // Problems met while reading that did not stop the read (hostile or malformed fields).
  std::vector<std::string> warnings;
};

}  // namespace vern
