#include "imaging/libvips_module/camera_raw.h"

#include <libraw/libraw.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <limits>
#include <memory>

#include "imaging/libvips_module/vips_error.h"

namespace vern::imaging::libvips_module {
namespace {

using vips::VImage;

// LibRaw's flip (0 none, 3 half turn, 5 quarter turn counter-clockwise, 6 clockwise) as an EXIF
// orientation.
int orientation_of_flip(int flip) {
  switch (flip) {
    case 3:
      return 3;
    case 5:
      return 8;
    case 6:
      return 6;
    default:
      return 1;
  }
}

std::string reason(int code) { return libraw_strerror(code); }

// One file opened by LibRaw. LibRaw's state is several hundred kilobytes: on the heap.
class RawFile {
 public:
  RawFile() : raw_(std::make_unique<LibRaw>(LIBRAW_OPTIONS_NONE)) {}

  Result<void> open(std::span<const unsigned char> bytes, const std::string& path) {
    bytes_ = bytes;
    // LibRaw reads the buffer only; its signature lacks the const.
    const int code = raw_->open_buffer(const_cast<unsigned char*>(bytes.data()), bytes.size());
    if (code != LIBRAW_SUCCESS) {
      return fail(code == LIBRAW_FILE_UNSUPPORTED ? ErrorCode::kUnsupported : ErrorCode::kCorrupt,
                  "LibRaw cannot read this RAW: " + reason(code), path);
    }
    return {};
  }

  LibRaw& raw() { return *raw_; }

  // True when the file holds all the sensor data its header announces. Cut-down files (a RAW
  // truncated in transfer, or trimmed to its metadata) otherwise "decode" into noise without an
  // error from LibRaw.
  bool sensor_data_complete() {
    const auto& unpacker = raw_->get_internal_data_pointer()->unpacker_data;
    const auto size = static_cast<long long>(bytes_.size());
    if (unpacker.data_offset <= 0 || unpacker.data_offset >= size) return false;
    return unpacker.data_size == 0 || unpacker.data_offset + unpacker.data_size <= size;
  }

  // True when the file holds a whole JPEG preview (LibRaw knows the preview's format only once it
  // has unpacked it; a bitmap preview does not count).
  bool has_jpeg_preview() {
    if (!thumbnail_unpacked_) {
      thumbnail_unpacked_ = true;
      thumbnail_ok_ = raw_->unpack_thumb() == LIBRAW_SUCCESS;
    }
    const auto& thumbnail = raw_->imgdata.thumbnail;
    return thumbnail_ok_ && thumbnail.tformat == LIBRAW_THUMBNAIL_JPEG &&
           thumbnail.thumb != nullptr && thumbnail.tlength >= 4 && thumbnail.twidth > 0 &&
           thumbnail.theight > 0;
  }

  // The JPEG preview's bytes, or empty when the file has none.
  std::vector<unsigned char> jpeg_preview() {
    if (!has_jpeg_preview()) return {};
    const auto& thumbnail = raw_->imgdata.thumbnail;
    const auto* data = reinterpret_cast<const unsigned char*>(thumbnail.thumb);
    return {data, data + thumbnail.tlength};
  }

 private:
  std::unique_ptr<LibRaw> raw_;
  std::span<const unsigned char> bytes_;
  bool thumbnail_unpacked_ = false;
  bool thumbnail_ok_ = false;
};

std::optional<std::string> text(const char* value) {
  std::string s(value, strnlen(value, 128));
  while (!s.empty() && s.back() == ' ') s.pop_back();
  if (s.empty()) return std::nullopt;
  return s;
}

// What LibRaw reads of the camera, for the fields exiv2 leaves empty.
PhotoMetadata camera_facts(const LibRaw& raw) {
  PhotoMetadata m;
  const auto& id = raw.imgdata.idata;
  const auto& other = raw.imgdata.other;
  m.camera_make = text(id.make);
  m.camera_model = text(id.model);
  m.lens = text(raw.imgdata.lens.Lens);
  if (other.iso_speed > 0) m.iso = static_cast<int>(std::lround(other.iso_speed));
  if (other.shutter > 0) m.exposure_time_s = other.shutter;
  if (other.aperture > 0) m.aperture = std::round(other.aperture * 10) / 10;
  if (other.focal_len > 0) m.focal_length_mm = other.focal_len;
  if (other.timestamp > 0) {
    // LibRaw made the timestamp from the camera's local date and time with mktime(): localtime
    // gives them back as the camera wrote them.
    std::tm local{};
    const std::time_t t = other.timestamp;
    if (localtime_r(&t, &local) != nullptr) {
      char stamp[32];
      std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &local);
      m.taken_at = stamp;
    }
  }
  return m;
}

}  // namespace

Result<ImageHeader> read_raw_header(std::span<const unsigned char> bytes, const std::string& path) {
  RawFile file;
  if (auto opened = file.open(bytes, path); !opened) return tl::unexpected(opened.error());
  LibRaw& raw = file.raw();
  ImageHeader header;
  header.loader = "libraw";
  header.camera_facts = camera_facts(raw);
  header.orientation = orientation_of_flip(raw.imgdata.sizes.flip);
  int width = raw.imgdata.sizes.width, height = raw.imgdata.sizes.height;
  if (!file.sensor_data_complete()) {
    if (!file.has_jpeg_preview()) {
      return fail(ErrorCode::kCorrupt, "RAW sensor data is cut short and there is no preview",
                  path);
    }
    header.preview_only = true;
    width = raw.imgdata.thumbnail.twidth;
    height = raw.imgdata.thumbnail.theight;
  }
  const bool turned = header.orientation >= 5;
  header.width = turned ? height : width;
  header.height = turned ? width : height;
  return header;
}

Result<std::pair<std::vector<unsigned char>, int>> raw_preview(std::span<const unsigned char> bytes,
                                                               const std::string& path) {
  {
    RawFile file;
    if (auto opened = file.open(bytes, path); !opened) return tl::unexpected(opened.error());
    auto jpeg = file.jpeg_preview();
    if (!jpeg.empty()) {
      return std::pair{std::move(jpeg), orientation_of_flip(file.raw().imgdata.sizes.flip)};
    }
  }
  // No preview (a CinemaDNG, say): a small development stands in. The caller checked the
  // sensor's size against the limit when it read the header.
  constexpr int kStandInEdge = 256;
  auto developed = decode_raw(bytes, path, RawMode::kDevelop, kStandInEdge,
                              std::numeric_limits<long long>::max(), 0);
  if (!developed) return tl::unexpected(developed.error());
  try {
    const VImage small =
        developed->developed
            .thumbnail_image(kStandInEdge, VImage::option()->set("height", kStandInEdge))
            .colourspace(VIPS_INTERPRETATION_sRGB);
    void* buffer = nullptr;
    size_t length = 0;
    small.write_to_buffer(".jpg", &buffer, &length, VImage::option()->set("Q", 90));
    std::vector<unsigned char> jpeg(static_cast<unsigned char*>(buffer),
                                    static_cast<unsigned char*>(buffer) + length);
    g_free(buffer);
    return std::pair{std::move(jpeg), developed->orientation};
  } catch (const vips::VError& e) {
    return fail(ErrorCode::kCorrupt, "cannot encode the developed RAW: " + describe(e), path);
  }
}

Result<RawPicture> decode_raw(std::span<const unsigned char> bytes, const std::string& path,
                              RawMode mode, int needed_long_edge, long long max_pixels,
                              int orientation) {
  RawFile file;
  if (auto opened = file.open(bytes, path); !opened) return tl::unexpected(opened.error());
  LibRaw& raw = file.raw();
  const auto& sizes = raw.imgdata.sizes;
  RawPicture picture;
  picture.orientation = orientation != 0 ? orientation : orientation_of_flip(sizes.flip);

  const bool complete = file.sensor_data_complete();
  const auto& thumbnail = raw.imgdata.thumbnail;
  const bool preview_suffices =
      file.has_jpeg_preview() && std::max(thumbnail.twidth, thumbnail.theight) >= needed_long_edge;
  if (!complete || (mode == RawMode::kPreview && preview_suffices)) {
    picture.jpeg = file.jpeg_preview();
    if (!picture.jpeg.empty()) {
      if (!complete)
        picture.problem = "RAW sensor data is cut short; shown from the camera's preview";
      return picture;
    }
    if (!complete) {
      return fail(ErrorCode::kCorrupt, "RAW sensor data is cut short and there is no preview",
                  path);
    }
  }

  if (static_cast<long long>(sizes.raw_width) * sizes.raw_height > max_pixels) {
    return fail(ErrorCode::kTooLarge,
                "RAW sensor of " + std::to_string(sizes.raw_width) + "×" +
                    std::to_string(sizes.raw_height) + " pixels is over the megapixel limit",
                path);
  }
  auto& params = raw.imgdata.params;
  params.use_camera_wb = 1;
  params.output_color = 1;  // sRGB
  params.output_bps = 16;
  params.gamm[0] = 1 / 2.4;  // the sRGB curve, not LibRaw's default BT.709 one
  params.gamm[1] = 12.92;
  params.half_size = std::max(sizes.width, sizes.height) / 2 >= needed_long_edge ? 1 : 0;
  // Developed as stored: the pipeline turns it by `picture.orientation`, which can be any of the
  // eight (LibRaw's own flip knows only the four without a mirror).
  params.user_flip = 0;
  if (const int code = raw.unpack(); code != LIBRAW_SUCCESS) {
    return fail(ErrorCode::kCorrupt, "cannot unpack RAW sensor data: " + reason(code), path);
  }
  if (const int code = raw.dcraw_process(); code != LIBRAW_SUCCESS) {
    return fail(ErrorCode::kCorrupt, "cannot develop RAW: " + reason(code), path);
  }
  int code = LIBRAW_SUCCESS;
  std::unique_ptr<libraw_processed_image_t, void (*)(libraw_processed_image_t*)> image(
      raw.dcraw_make_mem_image(&code), &LibRaw::dcraw_clear_mem);
  if (!image || code != LIBRAW_SUCCESS || image->type != LIBRAW_IMAGE_BITMAP ||
      image->colors != 3 || image->bits != 16) {
    return fail(ErrorCode::kCorrupt, "cannot develop RAW: " + reason(code), path);
  }
  VipsImage* copied = vips_image_new_from_memory_copy(image->data, image->data_size, image->width,
                                                      image->height, 3, VIPS_FORMAT_USHORT);
  if (copied == nullptr) return fail(ErrorCode::kInternal, "out of memory for the RAW", path);
  try {
    picture.developed =
        VImage(copied).copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_RGB16));
  } catch (const vips::VError& e) {
    return fail(ErrorCode::kInternal, "cannot take the developed RAW: " + describe(e), path);
  }
  return picture;
}

}  // namespace vern::imaging::libvips_module
