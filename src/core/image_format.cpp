#include "core/image_format.h"

#include <algorithm>
#include <cstring>

#include "core/ascii_case.h"

namespace vern {

std::string_view format_name(ImageFormat format) {
  switch (format) {
    case ImageFormat::kJpeg:
      return "jpeg";
    case ImageFormat::kPng:
      return "png";
    case ImageFormat::kTiff:
      return "tiff";
    case ImageFormat::kWebp:
      return "webp";
    case ImageFormat::kHeif:
      return "heif";
    case ImageFormat::kAvif:
      return "avif";
    case ImageFormat::kRaw:
      return "raw";
  }
  return "unknown";
}

std::optional<ImageFormat> format_from_name(std::string_view name) {
  for (const auto format :
       {ImageFormat::kJpeg, ImageFormat::kPng, ImageFormat::kTiff, ImageFormat::kWebp,
        ImageFormat::kHeif, ImageFormat::kAvif, ImageFormat::kRaw}) {
    if (format_name(format) == name) return format;
  }
  return std::nullopt;
}

namespace {

bool starts_with(std::span<const unsigned char> head, std::size_t offset, std::string_view magic) {
  return head.size() >= offset + magic.size() &&
         std::memcmp(head.data() + offset, magic.data(), magic.size()) == 0;
}

}  // namespace

std::optional<ImageFormat> sniff_image_format(std::span<const unsigned char> head) {
  using std::string_view_literals::operator""sv;
  if (starts_with(head, 0, "\xFF\xD8\xFF"sv)) return ImageFormat::kJpeg;
  if (starts_with(head, 0, "\x89PNG\r\n\x1A\n"sv)) return ImageFormat::kPng;
  if (starts_with(head, 0, "RIFF"sv) && starts_with(head, 8, "WEBP"sv)) return ImageFormat::kWebp;
  if (starts_with(head, 0, "FUJIFILMCCD-RAW"sv)) return ImageFormat::kRaw;
  // Canon CRW (a CIFF heap), Minolta MRW, Sigma X3F.
  if (starts_with(head, 0, "II\x1A\0\0\0HEAPCCDR"sv) || starts_with(head, 0, "\0MRM"sv) ||
      starts_with(head, 0, "FOVb"sv)) {
    return ImageFormat::kRaw;
  }
  if (starts_with(head, 0, "IIRO"sv) || starts_with(head, 0, "IIRS"sv) ||
      starts_with(head, 0, "MMOR"sv) || starts_with(head, 0, "IIU\0"sv)) {
    return ImageFormat::kRaw;
  }
  if (starts_with(head, 0, "II*\0"sv) || starts_with(head, 0, "MM\0*"sv)) {
    return starts_with(head, 8, "CR"sv) ? ImageFormat::kRaw : ImageFormat::kTiff;
  }
  // ISO base media file: a box of type "ftyp" whose major brand names the image codec.
  if (starts_with(head, 4, "ftyp"sv) && head.size() >= 12) {
    const std::string_view brand(reinterpret_cast<const char*>(head.data()) + 8, 4);
    constexpr std::string_view kHeifBrands[] = {"heic", "heix", "hevc", "hevx",
                                                "heim", "heis", "mif1", "msf1"};
    if (brand == "avif" || brand == "avis") return ImageFormat::kAvif;
    if (brand == "crx ") return ImageFormat::kRaw;
    if (std::find(std::begin(kHeifBrands), std::end(kHeifBrands), brand) != std::end(kHeifBrands)) {
      return ImageFormat::kHeif;
    }
  }
  return std::nullopt;
}

namespace {

// Camera RAW formats whose container is TIFF or that LibRaw reads, by extension.
constexpr std::string_view kRawExtensions[] = {
    "3fr", "ari", "arw", "bay", "cr2", "cr3", "crw", "dcr", "dcs", "dng",
    "erf", "fff", "iiq", "k25", "kdc", "mef", "mos", "mrw", "nef", "nrw",
    "orf", "pef", "raf", "raw", "rw2", "rwl", "sr2", "srf", "srw", "x3f"};

std::string lower_extension(std::string_view file_name) {
  const auto slash = file_name.find_last_of('/');
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  const auto dot = file_name.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  return ascii_lower(file_name.substr(dot + 1));
}

}  // namespace

bool is_raw_extension(std::string_view extension) {
  const std::string lower = ascii_lower(extension);
  return std::find(std::begin(kRawExtensions), std::end(kRawExtensions), lower) !=
         std::end(kRawExtensions);
}

std::optional<ImageFormat> photo_format(std::span<const unsigned char> head,
                                        std::string_view file_name) {
  const auto format = sniff_image_format(head);
  if (format == ImageFormat::kTiff && is_raw_extension(lower_extension(file_name))) {
    return ImageFormat::kRaw;
  }
  return format;
}

std::string raw_kind(std::string_view file_name) {
  std::string extension = lower_extension(file_name);
  return is_raw_extension(extension) ? extension : "";
}

}  // namespace vern
