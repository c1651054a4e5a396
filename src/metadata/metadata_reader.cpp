#include "metadata/metadata_reader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <exiv2/exiv2.hpp>
#include <memory>
#include <string_view>

#include "metadata/detail/dates.h"
#include "metadata/detail/gps.h"
#include "metadata/detail/photoshop_thumbnail.h"
#include "metadata/detail/text_cleanup.h"
#include "metadata/library_setup.h"

// Precedence between EXIF, IPTC and XMP follows the Metadata Working Group's guidelines as laid out
// in docs/metadata-precedence.md: EXIF first for the facts a camera records, EXIF then IPTC then
// XMP for descriptive text, and the union of all sources for keywords.

namespace vern::metadata {
namespace {

// Every datum read goes through these helpers, which bound what they read by the datum's own
// count so that hostile counts or types cannot index past the data.
class Sources {
 public:
  explicit Sources(const Exiv2::Image& image, PhotoMetadata& out)
      : exif_(image.exifData()), iptc_(image.iptcData()), xmp_(image.xmpData()), out_(out) {}

  const Exiv2::Exifdatum* exif(const char* key) const {
    try {
      const auto it = exif_.findKey(Exiv2::ExifKey(key));
      if (it == exif_.end() || it->count() == 0) return nullptr;
      return &*it;
    } catch (const Exiv2::AnyError&) {
      return nullptr;
    }
  }

  const Exiv2::Xmpdatum* xmp(const char* key) const {
    try {
      const auto it = xmp_.findKey(Exiv2::XmpKey(key));
      if (it == xmp_.end() || it->count() == 0) return nullptr;
      return &*it;
    } catch (const Exiv2::AnyError&) {
      return nullptr;
    }
  }

  std::vector<std::string> iptc_all(std::string_view key) const {
    std::vector<std::string> values;
    for (const auto& datum : iptc_) {
      if (datum.key() == key) values.push_back(datum.toString());
    }
    return values;
  }

  // A name (make, model, lens): cleaned as text is, but never taken for firmware boilerplate.
  std::optional<std::string> exif_name(const char* key) const {
    const auto* d = exif(key);
    if (d == nullptr) return std::nullopt;
    return name(d->toString(), key);
  }

  std::optional<std::string> xmp_name(const char* key) const {
    const auto* d = xmp(key);
    if (d == nullptr) return std::nullopt;
    return name(d->toString(), key);
  }

  std::optional<std::string> exif_text(const char* key) const {
    const auto* d = exif(key);
    if (d == nullptr) return std::nullopt;
    return text(d->toString(), key);
  }

  // For XMP arrays (bag, seq) the items joined by "; "; for language alternatives the x-default.
  std::optional<std::string> xmp_text(const char* key) const {
    const auto* d = xmp(key);
    if (d == nullptr) return std::nullopt;
    const Exiv2::TypeId type = d->typeId();
    if (type == Exiv2::langAlt) return text(d->value().toString(0), key);
    if (type == Exiv2::xmpBag || type == Exiv2::xmpSeq || type == Exiv2::xmpAlt) {
      std::string joined;
      for (long i = 0; i < d->count(); ++i) {
        if (auto item = text(d->toString(i), key)) joined += (joined.empty() ? "" : "; ") + *item;
      }
      if (joined.empty()) return std::nullopt;
      return joined;
    }
    return text(d->toString(), key);
  }

  std::optional<std::string> iptc_text(const char* key) const {
    const auto values = iptc_all(key);
    if (values.empty()) return std::nullopt;
    return text(values.front(), key);
  }

  std::optional<double> exif_number(const char* key, long index = 0) const {
    const auto* d = exif(key);
    if (d == nullptr || index >= d->count()) return std::nullopt;
    const Exiv2::TypeId type = d->typeId();
    if (type == Exiv2::asciiString || type == Exiv2::undefined || type == Exiv2::comment) {
      return std::nullopt;
    }
    if (type == Exiv2::unsignedRational || type == Exiv2::signedRational) {
      // In double precision: exiv2's toFloat() would turn 59/10 into 5.9000001.
      const Exiv2::Rational r = d->toRational(index);
      if (r.second == 0) return std::nullopt;
      return static_cast<double>(r.first) / r.second;
    }
    const double value = d->toFloat(index);
    if (!std::isfinite(value)) return std::nullopt;
    return value;
  }

  std::optional<double> xmp_number(const char* key) const {
    const auto* d = xmp(key);
    if (d == nullptr) return std::nullopt;
    // XMP stores rationals as "num/den" text; Exiv2::XmpTextValue::toFloat() understands that.
    const std::string s = d->toString();
    if (const auto slash = s.find('/'); slash != std::string::npos) {
      const double num = std::strtod(s.c_str(), nullptr);
      const double den = std::strtod(s.c_str() + slash + 1, nullptr);
      if (den == 0) return std::nullopt;
      return num / den;
    }
    char* end = nullptr;
    const double value = std::strtod(s.c_str(), &end);
    if (end == s.c_str() || !std::isfinite(value)) return std::nullopt;
    return value;
  }

  void warn(std::string message) const { out_.warnings.push_back(std::move(message)); }

 private:
  std::optional<std::string> text(const std::string& raw, const char* key) const {
    bool reencoded = false;
    auto value = detail::meaningful_text(raw, &reencoded);
    if (reencoded && value) warn(std::string(key) + " is not UTF-8; read as Latin-1");
    return value;
  }

  std::optional<std::string> name(const std::string& raw, const char* key) const {
    bool reencoded = false;
    std::string value = detail::clean_text(raw, &reencoded);
    if (reencoded) warn(std::string(key) + " is not UTF-8; read as Latin-1");
    if (value.empty()) return std::nullopt;
    return value;
  }

  const Exiv2::ExifData& exif_;
  const Exiv2::IptcData& iptc_;
  const Exiv2::XmpData& xmp_;
  PhotoMetadata& out_;
};

template <class T>
std::optional<T> first_of(std::initializer_list<std::optional<T>> candidates) {
  for (const auto& c : candidates) {
    if (c) return c;
  }
  return std::nullopt;
}

void read_orientation(const Sources& s, PhotoMetadata& m) {
  auto value = s.exif_number("Exif.Image.Orientation");
  if (!value) value = s.xmp_number("Xmp.tiff.Orientation");
  if (value && *value >= 1 && *value <= 8) {
    m.orientation = static_cast<int>(*value);
  } else if (value) {
    s.warn("orientation " + std::to_string(*value) + " is outside 1..8; ignored");
  }
}

void read_capture_time(const Sources& s, PhotoMetadata& m) {
  if (const auto* d = s.exif("Exif.Photo.DateTimeOriginal")) {
    const auto offset = s.exif_text("Exif.Photo.OffsetTimeOriginal");
    m.taken_at = detail::iso_from_exif(detail::clean_text(d->toString()), offset.value_or(""));
  }
  if (!m.taken_at) {
    if (auto date = s.iptc_text("Iptc.Application2.DateCreated")) {
      m.taken_at =
          detail::iso_from_iptc(*date, s.iptc_text("Iptc.Application2.TimeCreated").value_or(""));
    }
  }
  for (const char* key : {"Xmp.photoshop.DateCreated", "Xmp.exif.DateTimeOriginal"}) {
    if (m.taken_at) break;
    if (auto value = s.xmp_text(key)) m.taken_at = detail::iso_from_xmp(*value);
  }
  if (!m.taken_at) {
    // Scanners and some phones write only DateTimeDigitized or the file's DateTime.
    for (const char* key : {"Exif.Photo.DateTimeDigitized", "Exif.Image.DateTime"}) {
      if (m.taken_at) break;
      if (const auto* d = s.exif(key)) {
        const auto offset = s.exif_text(std::string_view(key) == "Exif.Image.DateTime"
                                            ? "Exif.Photo.OffsetTime"
                                            : "Exif.Photo.OffsetTimeDigitized");
        m.taken_at = detail::iso_from_exif(detail::clean_text(d->toString()), offset.value_or(""));
      }
    }
  }
}

// Make, model and lens are names, never firmware boilerplate: "KODAK DX6490 ZOOM DIGITAL CAMERA"
// is a model. They are kept whole, with runs of spaces made one.
std::optional<std::string> camera_name(std::optional<std::string> text) {
  if (!text) return text;
  std::string tidy;
  for (const char c : *text) {
    if (c == ' ' && (tidy.empty() || tidy.back() == ' ')) continue;
    tidy += c;
  }
  while (!tidy.empty() && tidy.back() == ' ') tidy.pop_back();
  if (tidy.empty()) return std::nullopt;
  return tidy;
}

}  // namespace

bool lens_covers_focal_length(const std::string& name, double focal_mm) {
  const auto mm = name.find("mm");
  if (mm == std::string::npos || focal_mm <= 0) return true;
  auto start = mm;
  while (start > 0 && (std::isdigit(static_cast<unsigned char>(name[start - 1])) ||
                       name[start - 1] == '.' || name[start - 1] == '-')) {
    --start;
  }
  const std::string range = name.substr(start, mm - start);
  const auto dash = range.find('-');
  const double shortest = std::atof(range.substr(0, dash).c_str());
  const double longest =
      dash == std::string::npos ? shortest : std::atof(range.substr(dash + 1).c_str());
  if (shortest <= 0 || longest < shortest) return true;
  return focal_mm >= shortest * 0.95 && focal_mm <= longest * 1.05;
}

namespace {

void read_camera(const Sources& s, const Exiv2::ExifData& exif, PhotoMetadata& m) {
  m.camera_make =
      camera_name(first_of({s.exif_name("Exif.Image.Make"), s.xmp_name("Xmp.tiff.Make")}));
  m.camera_model =
      camera_name(first_of({s.exif_name("Exif.Image.Model"), s.xmp_name("Xmp.tiff.Model")}));

  m.lens = camera_name(first_of({s.exif_name("Exif.Photo.LensModel"),
                                 s.xmp_name("Xmp.exifEX.LensModel"), s.xmp_name("Xmp.aux.Lens")}));
  if (!m.lens) {
    // exiv2 knows where each maker hides the lens (Canon LensType, Nikon LensData, ...). Its
    // rendering of an unknown id is a number or "Unknown ...", which tells a reader nothing.
    try {
      const auto it = Exiv2::lensName(exif);
      if (it != exif.end()) {
        const std::string name = detail::clean_text(it->print(&exif));
        const bool numeric = name.find_first_not_of("0123456789.()- ") == std::string::npos;
        const auto focal = s.exif_number("Exif.Photo.FocalLength");
        if (!name.empty() && !numeric && name.rfind("Unknown", 0) != 0 && name != "n/a" &&
            (!focal || lens_covers_focal_length(name, *focal))) {
          m.lens = name;
          m.lens_from_maker_id = true;
        }
      }
    } catch (const Exiv2::AnyError&) {
      s.warn("maker note lens data could not be read");
    }
  }
}

void read_exposure(const Sources& s, const Exiv2::ExifData& exif, PhotoMetadata& m) {
  const auto positive = [](std::optional<double> v) {
    return (v && *v > 0 && *v < 1e6) ? v : std::nullopt;
  };
  m.focal_length_mm = positive(
      first_of({s.exif_number("Exif.Photo.FocalLength"), s.xmp_number("Xmp.exif.FocalLength")}));
  m.aperture =
      positive(first_of({s.exif_number("Exif.Photo.FNumber"), s.xmp_number("Xmp.exif.FNumber")}));
  if (!m.aperture) {
    // APEX aperture value Av = 2 log2(N).
    if (const auto av = s.exif_number("Exif.Photo.ApertureValue"); av && *av > -2 && *av < 64) {
      m.aperture = std::round(std::pow(2.0, *av / 2.0) * 10.0) / 10.0;
    }
  }
  m.exposure_time_s = positive(
      first_of({s.exif_number("Exif.Photo.ExposureTime"), s.xmp_number("Xmp.exif.ExposureTime")}));
  if (!m.exposure_time_s) {
    // APEX shutter speed Tv = -log2(t).
    if (const auto tv = s.exif_number("Exif.Photo.ShutterSpeedValue"); tv && std::abs(*tv) < 64) {
      m.exposure_time_s = std::pow(2.0, -*tv);
    }
  }
  std::optional<double> iso;
  try {
    // exiv2 also looks in the maker notes for cameras that leave ISOSpeedRatings empty.
    const auto it = Exiv2::isoSpeed(exif);
    if (it != exif.end() && it->count() > 0) iso = it->toFloat(0);
  } catch (const Exiv2::AnyError&) {
    s.warn("ISO could not be read");
  }
  if (!iso || *iso <= 0) iso = s.xmp_number("Xmp.exif.ISOSpeedRatings");
  if (iso && *iso > 0 && *iso < 10'000'000) m.iso = static_cast<int>(std::lround(*iso));
}

std::optional<double> exif_coordinate(const Sources& s, const char* key, const char* ref_key,
                                      double limit) {
  const auto* d = s.exif(key);
  if (d == nullptr || d->count() < 1) return std::nullopt;
  const auto part = [&](long i) { return s.exif_number(key, i).value_or(0.0); };
  const auto degrees = s.exif_number(key, 0);
  if (!degrees) return std::nullopt;
  return detail::decimal_degrees(*degrees, d->count() > 1 ? part(1) : 0,
                                 d->count() > 2 ? part(2) : 0, s.exif_text(ref_key).value_or(""),
                                 limit);
}

void read_location(const Sources& s, PhotoMetadata& m) {
  auto latitude = exif_coordinate(s, "Exif.GPSInfo.GPSLatitude", "Exif.GPSInfo.GPSLatitudeRef", 90);
  auto longitude =
      exif_coordinate(s, "Exif.GPSInfo.GPSLongitude", "Exif.GPSInfo.GPSLongitudeRef", 180);
  if (!latitude || !longitude) {
    const auto lat_text = s.xmp_text("Xmp.exif.GPSLatitude");
    const auto lon_text = s.xmp_text("Xmp.exif.GPSLongitude");
    if (lat_text && lon_text) {
      latitude = detail::decimal_degrees_from_xmp(*lat_text, 90);
      longitude = detail::decimal_degrees_from_xmp(*lon_text, 180);
    }
  }
  if (!latitude || !longitude) return;
  // 0,0 is what receivers without a fix write; nobody photographs in the Gulf of Guinea's buoy.
  if (*latitude == 0 && *longitude == 0) return;
  GpsPosition gps{*latitude, *longitude, std::nullopt};
  auto altitude = s.exif_number("Exif.GPSInfo.GPSAltitude");
  if (!altitude) altitude = s.xmp_number("Xmp.exif.GPSAltitude");
  if (altitude && *altitude >= 0 && *altitude < 100'000) {
    const auto ref = s.exif_number("Exif.GPSInfo.GPSAltitudeRef");
    gps.altitude_m = (ref && *ref == 1) ? -*altitude : *altitude;
  }
  m.gps = gps;
}

void read_description(const Sources& s, PhotoMetadata& m) {
  m.title = first_of({s.iptc_text("Iptc.Application2.ObjectName"), s.xmp_text("Xmp.dc.title")});
  m.caption =
      first_of({s.exif_text("Exif.Image.ImageDescription"),
                s.iptc_text("Iptc.Application2.Caption"), s.xmp_text("Xmp.dc.description")});
  m.creator = first_of({s.exif_text("Exif.Image.Artist"), s.iptc_text("Iptc.Application2.Byline"),
                        s.xmp_text("Xmp.dc.creator")});
  m.copyright = first_of({s.exif_text("Exif.Image.Copyright"),
                          s.iptc_text("Iptc.Application2.Copyright"), s.xmp_text("Xmp.dc.rights")});
  // A caption that only repeats the camera's name is the firmware's, not the photographer's.
  if (m.caption && (m.caption == m.camera_model || m.caption == m.camera_make)) m.caption.reset();

  auto rating = first_of({s.xmp_number("Xmp.xmp.Rating"), s.exif_number("Exif.Image.Rating")});
  // -1 means "rejected" in XMP; the schema's scale is 0..5.
  if (rating) m.rating = std::clamp(static_cast<int>(std::lround(*rating)), 0, 5);
  m.label = s.xmp_text("Xmp.xmp.Label");
}

void add_keyword(PhotoMetadata& m, std::string keyword) {
  keyword = detail::clean_text(keyword);
  if (keyword.empty()) return;
  if (std::find(m.keywords.begin(), m.keywords.end(), keyword) == m.keywords.end()) {
    m.keywords.push_back(std::move(keyword));
  }
}

void read_keywords(const Sources& s, PhotoMetadata& m) {
  for (auto& keyword : s.iptc_all("Iptc.Application2.Keywords")) add_keyword(m, keyword);
  if (const auto* d = s.xmp("Xmp.dc.subject")) {
    for (long i = 0; i < d->count(); ++i) add_keyword(m, d->toString(i));
  }
  // Lightroom writes "Places|Europe|Paris"; every level is a keyword the photographer chose.
  if (const auto* d = s.xmp("Xmp.lr.hierarchicalSubject")) {
    for (long i = 0; i < d->count(); ++i) {
      const std::string path = d->toString(i);
      std::size_t start = 0;
      while (start <= path.size()) {
        const std::size_t bar = std::min(path.find('|', start), path.size());
        add_keyword(m, path.substr(start, bar - start));
        start = bar + 1;
      }
    }
  }
}

void read_dimensions(const Sources& s, const Exiv2::Image& image, PhotoMetadata& m) {
  const auto recorded_width = s.exif_number("Exif.Photo.PixelXDimension");
  const auto recorded_height = s.exif_number("Exif.Photo.PixelYDimension");
  if (recorded_width && recorded_height && *recorded_width >= 1 && *recorded_height >= 1 &&
      *recorded_width < 1e6 && *recorded_height < 1e6) {
    m.recorded_pixel_size = {static_cast<int>(*recorded_width), static_cast<int>(*recorded_height)};
  }
  const int width = image.pixelWidth();
  const int height = image.pixelHeight();
  if (width <= 0 || height <= 0) return;
  const bool swapped = m.orientation && *m.orientation >= 5;
  m.width = swapped ? height : width;
  m.height = swapped ? width : height;
}

}  // namespace

Result<PhotoMetadata> read_metadata(std::span<const unsigned char> file_bytes,
                                    const std::string& path) {
  return read_metadata(file_bytes, path, nullptr);
}

Result<PhotoMetadata> read_metadata(std::span<const unsigned char> file_bytes,
                                    const std::string& path,
                                    std::vector<unsigned char>* embedded_thumbnail) {
  PhotoMetadata m;
  std::unique_ptr<Exiv2::Image> image;
  try {
    image.reset(Exiv2::ImageFactory::open(file_bytes.data(), static_cast<long>(file_bytes.size()))
                    .release());
  } catch (const std::exception& e) {
    return fail(ErrorCode::kCorrupt,
                std::string("metadata: not a readable image (") + e.what() + ")", path);
  }
  if (!image) return fail(ErrorCode::kUnsupported, "metadata: unrecognised file format", path);

  try {
    const auto toolkit = hold_xmp_toolkit();
    image->readMetadata();
  } catch (const std::exception& e) {
    // Headers that cannot be parsed leave the photo without metadata, not without a place in the
    // gallery: the pixels may still decode.
    m.warnings.push_back(std::string("metadata could not be read: ") + e.what());
    return m;
  }

  const Sources sources(*image, m);
  const auto step = [&](const char* what, auto&& read) {
    try {
      read();
    } catch (const std::exception& e) {
      m.warnings.push_back(std::string(what) + " could not be read: " + e.what());
    }
  };
  step("orientation", [&] { read_orientation(sources, m); });
  step("capture time", [&] { read_capture_time(sources, m); });
  step("camera", [&] { read_camera(sources, image->exifData(), m); });
  step("exposure", [&] { read_exposure(sources, image->exifData(), m); });
  step("location", [&] { read_location(sources, m); });
  step("description", [&] { read_description(sources, m); });
  step("keywords", [&] { read_keywords(sources, m); });
  step("dimensions", [&] { read_dimensions(sources, *image, m); });
  if (embedded_thumbnail != nullptr) {
    step("EXIF thumbnail", [&] {
      const Exiv2::ExifThumbC thumbnail(image->exifData());
      const Exiv2::DataBuf data = thumbnail.copy();
      if (data.pData_ != nullptr && data.size_ > 0) {
        embedded_thumbnail->assign(data.pData_, data.pData_ + data.size_);
      }
    });
    if (embedded_thumbnail->empty() && image->mimeType() == "image/jpeg") {
      step("Photoshop thumbnail",
           [&] { *embedded_thumbnail = detail::photoshop_thumbnail(file_bytes); });
    }
  }
  return m;
}

}  // namespace vern::metadata
