#include "imaging/libvips_module/renderer.h"

#include <glib.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>
#include <system_error>
#include <utility>
#include <vips/vips8>

#include "core/atomic_write.h"
#include "imaging/libvips_module/camera_raw.h"
#include "imaging/libvips_module/notice_exif.h"
#include "imaging/libvips_module/vips_error.h"
#include "imaging/thumbhash.h"

namespace vern::imaging::libvips_module {
namespace {

using vips::VImage;

struct BlobUnref {
  void operator()(VipsBlob* blob) const { vips_area_unref(VIPS_AREA(blob)); }
};

// CPU effort for AV1 (0..9). Measured on a 2400 px photo here: effort 4 (libvips' default) took
// 3.7 s, effort 2 took 0.9 s for a file 2 % smaller; JPEG took 0.2 s. 2 keeps a build practical.
constexpr int kAvifEffort = 2;

// ThumbHash works on at most 100 × 100 pixels.
constexpr int kPlaceholderEdge = 100;

// The largest derivative decides the decode size; all others are derived from it. Without any,
// a placeholder-sized decode suffices.
Derivative decode_target(const std::vector<Derivative>& wanted, int original_long_edge) {
  if (wanted.empty()) {
    Derivative d;
    d.width = d.height = std::min(kPlaceholderEdge, original_long_edge);
    return d;
  }
  return *std::max_element(wanted.begin(), wanted.end(), [](const auto& a, const auto& b) {
    return long_edge(a) < long_edge(b);
  });
}

// `source` resized to exactly width × height pixels (Lanczos 3).
VImage resized(const VImage& source, int width, int height) {
  if (width == source.width() && height == source.height()) return source;
  return source.resize(static_cast<double>(width) / source.width(),
                       VImage::option()
                           ->set("vscale", static_cast<double>(height) / source.height())
                           ->set("kernel", VIPS_KERNEL_LANCZOS3));
}

// What the decoder's header says about the photo: enough to choose the decode strategy.
struct SourceHeader {
  bool jpeg = false;
  int width = 0, height = 0;  // as stored, before the orientation is applied
  int orientation = 1;
  bool forced_orientation = false;  // `orientation` overrules the file's tag
  bool convert_colour = true;
};

// True unless the photo is already sRGB (an sRGB profile, or RGB/grey without a profile): only
// then does it need an ICC transform. The transform is the costliest step of decoding an sRGB
// JPEG (about a fifth of the build time measured here) and changes nothing for such photos.
bool needs_colour_conversion(const VImage& header) {
  const auto interpretation = header.interpretation();
  const bool rgb_or_grey = (interpretation == VIPS_INTERPRETATION_sRGB && header.bands() >= 3) ||
                           (interpretation == VIPS_INTERPRETATION_B_W && header.bands() <= 2);
  if (!rgb_or_grey || header.format() != VIPS_FORMAT_UCHAR) return true;
  if (header.get_typeof(VIPS_META_ICC_NAME) == 0) return false;
  size_t length = 0;
  const auto* profile = static_cast<const char*>(header.get_blob(VIPS_META_ICC_NAME, &length));
  // The profile's description (its 'desc' tag) names sRGB for every sRGB profile in use:
  // "sRGB IEC61966-2.1", "sRGB built-in", lcms' "sRGB".
  return std::string_view(profile, length).find("sRGB") == std::string_view::npos;
}

SourceHeader read_source_header(std::span<const unsigned char> bytes, int forced_orientation) {
  const VImage header = VImage::new_from_buffer(
      bytes.data(), bytes.size(), "", VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL));
  SourceHeader source;
  const char* loader = nullptr;
  source.jpeg = vips_image_get_string(header.get_image(), VIPS_META_LOADER, &loader) == 0 &&
                std::string_view(loader).starts_with("jpegload");
  source.width = header.width();
  source.height = header.height();
  if (header.get_typeof(VIPS_META_ORIENTATION) != 0) {
    const int orientation = header.get_int(VIPS_META_ORIENTATION);
    if (orientation >= 1 && orientation <= 8) source.orientation = orientation;
  }
  if (forced_orientation >= 1 && forced_orientation <= 8) {
    source.orientation = forced_orientation;
    source.forced_orientation = true;
  }
  source.convert_colour = needs_colour_conversion(header);
  return source;
}

// `target`'s pixel size as the photo is stored, before its orientation turns it.
std::pair<int, int> stored_size(const SourceHeader& source, const Derivative& target) {
  if (source.orientation >= 5) return {target.height, target.width};
  return {target.width, target.height};
}

// The JPEG shrink-on-load factor: 2 when decoding at half size still covers `target`, else 1.
// libvips' thumbnail() only shrinks on load while a factor of two is left for its Lanczos step,
// so a 12 MP photo headed for 1600 px was decoded whole. libjpeg's half-size decode is an
// inverse DCT of each block's lower frequencies, a proper low-pass: measured on a 16 MP photo
// against a full decode resized with Lanczos 3, it differs by 0.4 grey levels on average. Its
// 1/4 and 1/8 decodes are cruder (0.9 and 3.0: at 1/8 each pixel is a block's mean, which
// aliases), so they are not used; sharp, the fastest peer, does use them (fastShrinkOnLoad).
int jpeg_shrink_for(const SourceHeader& source, const Derivative& target, bool exact) {
  const auto [width, height] = stored_size(source, target);
  const double x = static_cast<double>(width) / source.width;
  const double y = static_cast<double>(height) / source.height;
  const double scale = exact ? std::max(x, y) : std::min(x, y);
  return scale <= 0.5 ? 2 : 1;
}

// thumbnail()'s options for `largest`. With a plan, size=force lands exactly on the planned
// pixel size, which the pages already declare in their width/height attributes; the plan keeps
// the aspect ratio, so the stretch is below a pixel. A placeholder-only decode just fits the box.
// Made right at the call: libvips frees the options only when an operation consumes them.
// `height` is the box's height when the picture is decoded as stored (0: the plan's own).
vips::VOption* thumbnail_options(const SourceHeader& source, const Derivative& largest, bool exact,
                                 int height = 0) {
  auto* options = VImage::option()
                      ->set("height", height != 0 ? height : largest.height)
                      ->set("size", exact ? VIPS_SIZE_FORCE : VIPS_SIZE_DOWN)
                      ->set("intent", VIPS_INTENT_RELATIVE);
  if (source.convert_colour) options->set("export_profile", "srgb");
  return options;
}

// `image` tagged with `orientation`, for autorot() and thumbnail() to apply.
VImage with_orientation(const VImage& image, int orientation) {
  VImage tagged = image.copy();
  tagged.set(VIPS_META_ORIENTATION, orientation);
  return tagged;
}

// `fail_on` goes to the decoder itself: libvips 8.14's thumbnail does not pass its own fail_on
// option on to the loader.
VImage decode(VipsBlob* blob, const SourceHeader& source, const Derivative& largest,
              VipsFailOn fail_on) {
  const bool exact = !largest.relative_path.empty();
  VImage image;
  if (source.jpeg) {
    const int shrink = jpeg_shrink_for(source, largest, exact);
    VImage loaded = VImage::jpegload_buffer(blob, VImage::option()
                                                      ->set("shrink", shrink)
                                                      ->set("access", VIPS_ACCESS_SEQUENTIAL)
                                                      ->set("fail_on", fail_on));
    if (source.forced_orientation) loaded = with_orientation(loaded, source.orientation);
    if (exact && !source.convert_colour) {
      // 8-bit sRGB or grey, the usual photo: resize and turn upright here. thumbnail_image()
      // gives the same pixels, but took 5.2 s to this 4.2 s for 46 decodes of the demo photos.
      const auto [width, height] = stored_size(source, largest);
      image = resized(loaded, width, height).copy_memory();
      if (source.orientation > 1) image = image.autorot().copy_memory();
      return image;
    }
    image = loaded.thumbnail_image(largest.width, thumbnail_options(source, largest, exact));
  } else if (source.forced_orientation) {
    // thumbnail() would turn the picture by the file's own tag: decode it as stored, then turn
    // it by the one that overrules the tag.
    const auto [width, height] = stored_size(source, largest);
    image = VImage::thumbnail_buffer(
        blob, width,
        thumbnail_options(source, largest, exact, height)
            ->set("no_rotate", true)
            ->set("option_string",
                  fail_on == VIPS_FAIL_ON_NONE ? "fail_on=none" : "fail_on=truncated"));
    image = with_orientation(image, source.orientation).autorot();
  } else {
    image = VImage::thumbnail_buffer(
        blob, largest.width,
        thumbnail_options(source, largest, exact)
            ->set("option_string",
                  fail_on == VIPS_FAIL_ON_NONE ? "fail_on=none" : "fail_on=truncated"));
  }
  // Everything after this reads the decoded pixels from memory: one decode per photo.
  return image.copy_memory();
}

VImage to_8bit_srgb(VImage image) {
  if (image.interpretation() != VIPS_INTERPRETATION_sRGB &&
      image.interpretation() != VIPS_INTERPRETATION_B_W) {
    image = image.colourspace(VIPS_INTERPRETATION_sRGB);
  }
  if (image.format() != VIPS_FORMAT_UCHAR) image = image.cast(VIPS_FORMAT_UCHAR);
  return image;
}

// `source` at the derivative's pixel size (unsharpened).
VImage resized(const VImage& source, const Derivative& d) {
  return resized(source, d.width, d.height);
}

// A resized image made ready to encode: output-sharpened when it was downscaled, 8-bit sRGB.
VImage finished(VImage image, const Derivative& d, int original_long_edge, double sharpen_amount) {
  if (sharpen_amount > 0 && long_edge(d) < original_long_edge) {
    // Downscaling softens edges; photographers expect output sharpening for screen. A 3 × 3
    // unsharp mask (centre 1 + 4a, edge neighbours -a) on the 8-bit pixels: measured here, the
    // same strength through libvips' sharpen() (a Lab round trip per image) made a build of 23
    // photos at three sizes 64 % slower (6.4 s against 3.9 s).
    image = to_8bit_srgb(image);
    const double a = sharpen_amount / 4;
    const VImage mask = VImage::new_matrixv(3, 3, 0.0, -a, 0.0, -a, 1 + 4 * a, -a, 0.0, -a, 0.0);
    image = image.conv(mask, VImage::option()->set("precision", VIPS_PRECISION_INTEGER));
  }
  return to_8bit_srgb(image);
}

// The watermark as an RGBA image for a picture of `width` × `height`: white text, or the PNG,
// scaled to the picture, its alpha multiplied by the opacity.
VImage watermark_image(const Watermark& w, int width, int height) {
  const int long_edge = std::max(width, height);
  VImage mark;
  if (!w.image.empty()) {
    mark = VImage::new_from_file(w.image.c_str(),
                                 VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL));
    mark = mark.colourspace(VIPS_INTERPRETATION_sRGB);
    if (!mark.has_alpha()) mark = mark.bandjoin_const({255});
    const double share = w.position == WatermarkPosition::kTile ? 0.15 : 0.2;
    mark = mark.resize(std::max(1.0, share * width) / mark.width());
  } else {
    // Text a thirtieth of the long edge high, at least legible on the smallest size.
    const double pixels = std::max(12.0, long_edge / 30.0);
    const VImage glyphs =
        VImage::text(w.text.c_str(), VImage::option()
                                         ->set("font", "sans bold 12")
                                         ->set("dpi", static_cast<int>(pixels * 72 / 12)));
    mark = glyphs.new_from_image(std::vector<double>{255, 255, 255}).bandjoin(glyphs);
  }
  mark = mark.cast(VIPS_FORMAT_UCHAR);
  const VImage colour = mark.extract_band(0, VImage::option()->set("n", 3));
  const VImage alpha =
      (mark.extract_band(3) * std::clamp(w.opacity, 0.0, 1.0)).cast(VIPS_FORMAT_UCHAR);
  return colour.bandjoin(alpha).copy(
      VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

// `image` with the watermark burned in; as it was without one.
VImage watermarked(VImage image, const Watermark& w) {
  if (!w.active()) return image;
  const bool had_alpha = image.has_alpha();
  if (image.bands() - (had_alpha ? 1 : 0) < 3) image = image.colourspace(VIPS_INTERPRETATION_sRGB);
  VImage mark = watermark_image(w, image.width(), image.height());
  const int margin = std::max(4, image.width() / 40);
  int x = 0, y = 0;
  if (w.position == WatermarkPosition::kTile) {
    // The mark with room around it, repeated over the whole picture.
    mark = mark.embed(margin, margin, mark.width() + 4 * margin, mark.height() + 4 * margin);
    mark = mark.replicate(image.width() / mark.width() + 1, image.height() / mark.height() + 1)
               .crop(0, 0, image.width(), image.height());
  } else {
    const bool right =
        w.position == WatermarkPosition::kBottomRight || w.position == WatermarkPosition::kTopRight;
    const bool bottom = w.position == WatermarkPosition::kBottomRight ||
                        w.position == WatermarkPosition::kBottomLeft;
    x = right ? image.width() - mark.width() - margin : margin;
    y = bottom ? image.height() - mark.height() - margin : margin;
    if (w.position == WatermarkPosition::kCenter) {
      x = (image.width() - mark.width()) / 2;
      y = (image.height() - mark.height()) / 2;
    }
  }
  VImage out =
      image.composite2(mark, VIPS_BLEND_MODE_OVER,
                       VImage::option()->set("x", std::max(0, x))->set("y", std::max(0, y)));
  // Over an opaque picture the result is opaque: no alpha band it did not have.
  if (!had_alpha && out.has_alpha())
    out = out.extract_band(0, VImage::option()->set("n", out.bands() - 1));
  return out.cast(VIPS_FORMAT_UCHAR)
      .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

std::string placeholder_of(const VImage& base) {
  VImage small = base;
  if (std::max(base.width(), base.height()) > kPlaceholderEdge) {
    small =
        base.thumbnail_image(kPlaceholderEdge, VImage::option()->set("height", kPlaceholderEdge));
  }
  small = to_8bit_srgb(small);
  if (small.bands() < 3) small = small.colourspace(VIPS_INTERPRETATION_sRGB);
  if (!small.has_alpha()) small = small.bandjoin_const({255});
  size_t length = 0;
  auto* pixels = static_cast<std::uint8_t*>(small.write_to_memory(&length));
  const std::vector<std::uint8_t> rgba(pixels, pixels + length);
  g_free(pixels);
  return base64(thumbhash_from_rgba(small.width(), small.height(), rgba));
}

// libvips frees attached blobs through a callback of its own signature.
int free_blob(void* data, void* /*unused*/) {
  g_free(data);
  return 0;
}

// Removes every piece of metadata the decoder attached (EXIF, XMP, IPTC, the EXIF thumbnail, ...)
// except the ICC profile, then attaches the notice.
VImage with_only_notice(VImage image, const std::string& exif_block) {
  image = image.copy();
  gchar** fields = vips_image_get_fields(image.get_image());
  for (gchar** field = fields; *field != nullptr; ++field) {
    if (std::strcmp(*field, VIPS_META_ICC_NAME) != 0) image.remove(*field);
  }
  g_strfreev(fields);
  void* data = g_malloc(exif_block.size());
  std::memcpy(data, exif_block.data(), exif_block.size());
  image.set(VIPS_META_EXIF_NAME, free_blob, data, exif_block.size());
  return image;
}

void save(VImage image, const Encoding& encoding, const std::filesystem::path& file) {
  switch (encoding.format) {
    case OutputFormat::kJpeg:
      if (image.has_alpha()) image = image.flatten(VImage::option()->set("background", 255.0));
      // No optimize_coding: its second Huffman pass made a cold build of 230 photos (three JPEG
      // sizes) take 29 s instead of 23 s, for files 1.4 % smaller. JPEG is the fallback here.
      image.jpegsave(file.c_str(),
                     VImage::option()->set("Q", encoding.quality)->set("optimize_coding", false));
      break;
    case OutputFormat::kWebp:
      image.webpsave(file.c_str(), VImage::option()->set("Q", encoding.quality)->set("effort", 4));
      break;
    case OutputFormat::kAvif:
      image.heifsave(file.c_str(), VImage::option()
                                       ->set("Q", encoding.quality)
                                       ->set("compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1)
                                       ->set("bitdepth", 8)
                                       ->set("effort", kAvifEffort));
      break;
  }
}

// A developed camera RAW (16-bit sRGB, as stored) turned by `orientation`, at exactly the planned
// size, in memory. Resized before it is turned: the turn then moves the smaller picture.
VImage from_developed(const VImage& developed, int orientation, const Derivative& largest) {
  const bool exact = !largest.relative_path.empty();
  const bool turned = orientation >= 5;
  const int width = turned ? largest.height : largest.width;
  const int height = turned ? largest.width : largest.height;
  VImage image = exact ? resized(developed, width, height)
                       : developed.thumbnail_image(width, VImage::option()->set("height", height));
  if (orientation > 1) image = with_orientation(image, orientation).autorot();
  return image.colourspace(VIPS_INTERPRETATION_sRGB).copy_memory();
}

// The photo decoded at `largest`'s size, upright and in sRGB, from the file's bytes (or, for a
// camera RAW, from its preview or its developed sensor data). A damaged file that still decodes
// in part is shown from what decodes, with `report` saying so.
Result<VImage> decode_base(std::span<const unsigned char> bytes, const std::string& path,
                           const Derivative& largest, const ImagingSettings& settings,
                           const PictureReading& reading, RenderReport& report) {
  std::vector<unsigned char> preview;  // a camera RAW's JPEG preview, decoded in its place
  int orientation = reading.orientation;
  if (reading.raw) {
    auto raw = decode_raw(bytes, path, *reading.raw, long_edge(largest), settings.max_pixels,
                          reading.orientation);
    if (!raw) return tl::unexpected(raw.error());
    if (!raw->problem.empty()) {
      report.partial_decode = true;
      report.decode_problem = raw->problem;
    }
    if (raw->jpeg.empty()) {
      try {
        return from_developed(raw->developed, raw->orientation, largest);
      } catch (const vips::VError& e) {
        return fail(ErrorCode::kCorrupt, "cannot resize the developed RAW: " + describe(e), path);
      }
    }
    preview = std::move(raw->jpeg);
    orientation = raw->orientation;
    bytes = preview;
  }
  // The blob borrows `bytes`; libvips must not free them.
  std::unique_ptr<VipsBlob, BlobUnref> blob(vips_blob_new(nullptr, bytes.data(), bytes.size()));
  SourceHeader source;
  try {
    source = read_source_header(bytes, orientation);
    return decode(blob.get(), source, largest, VIPS_FAIL_ON_TRUNCATED);
  } catch (const vips::VError& strict_error) {
    // A damaged file often still holds most of the picture. Show what decodes, and say so.
    report.decode_problem = describe(strict_error);
    try {
      VImage base = decode(blob.get(), source, largest, VIPS_FAIL_ON_NONE);
      report.partial_decode = true;
      return base;
    } catch (const vips::VError& e) {
      return fail(ErrorCode::kCorrupt, "cannot decode: " + describe(e), path);
    }
  }
}

}  // namespace

Result<RenderReport> render_with_libvips(std::span<const unsigned char> bytes,
                                         const std::string& path, int original_long_edge,
                                         const std::vector<Derivative>& wanted,
                                         const std::filesystem::path& site_root,
                                         const ImagingSettings& settings,
                                         const EmbeddedNotice& notice, const Derivative* decode_as,
                                         const PictureReading& reading) {
  RenderReport report;
  const Derivative largest =
      decode_as != nullptr ? *decode_as : decode_target(wanted, original_long_edge);
  auto decoded = decode_base(bytes, path, largest, settings, reading, report);
  if (!decoded) return tl::unexpected(decoded.error());
  const VImage base = std::move(*decoded);

  try {
    report.thumbhash = placeholder_of(base);
  } catch (const vips::VError& e) {
    return fail(ErrorCode::kInternal, "cannot make placeholder: " + describe(e), path);
  }

  const std::string exif_block = notice_exif_block(notice);
  // Each size is made once, however many encodings want it (kept in memory only then).
  std::vector<const Derivative*> order;
  for (const Derivative& d : wanted) order.push_back(&d);
  std::stable_sort(order.begin(), order.end(), [](const Derivative* a, const Derivative* b) {
    return long_edge(*a) > long_edge(*b);
  });
  const auto same_size = [](const Derivative* a, const Derivative* b) {
    return a->width == b->width && a->height == b->height;
  };
  VImage ready;  // the current size, finished for encoding
  const Derivative* made = nullptr;
  for (const Derivative* d : order) {
    const auto final_path = site_root / d->relative_path;
    std::error_code ec;
    std::filesystem::create_directories(final_path.parent_path(), ec);
    if (ec) {
      return fail(ErrorCode::kIo, "cannot create folder: " + ec.message(),
                  final_path.parent_path().string());
    }
    const auto temporary = temporary_path_for(final_path);
    try {
      if (made == nullptr || !same_size(made, d)) {
        ready = watermarked(
            finished(resized(base, *d), *d, original_long_edge, settings.sharpen_amount),
            settings.watermark);
        const auto uses = std::count_if(order.begin(), order.end(), [&](const Derivative* other) {
          return same_size(d, other);
        });
        // Measured: materialising a size used once costs more than it saves.
        if (uses > 1) ready = ready.copy_memory();
        made = d;
      }
      save(with_only_notice(ready, exif_block), d->encoding, temporary);
    } catch (const vips::VError& e) {
      std::filesystem::remove(temporary, ec);
      return fail(ErrorCode::kInternal,
                  "cannot encode " + std::string(output_format_name(d->encoding.format)) + ": " +
                      describe(e),
                  path);
    }
    if (auto committed = commit_temporary(temporary, final_path); !committed) {
      return tl::unexpected(committed.error());
    }
    ++report.files_written;
  }
  return report;
}

}  // namespace vern::imaging::libvips_module
