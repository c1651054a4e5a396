#include "metadata/embedded_preview.h"

#include <exiv2/exiv2.hpp>
#include <memory>

#include "metadata/library_setup.h"

namespace vern::metadata {

Result<EmbeddedPreview> largest_jpeg_preview(std::span<const unsigned char> bytes,
                                             const std::string& path) {
  try {
    std::unique_ptr<Exiv2::Image> image(
        Exiv2::ImageFactory::open(bytes.data(), static_cast<long>(bytes.size())).release());
    if (!image) return fail(ErrorCode::kUnsupported, "no preview: unrecognised file", path);
    const auto toolkit = hold_xmp_toolkit();
    image->readMetadata();
    Exiv2::PreviewManager previews(*image);
    const auto list = previews.getPreviewProperties();
    const Exiv2::PreviewProperties* best = nullptr;
    for (const auto& p : list) {
      if (p.mimeType_ != "image/jpeg" || p.width_ == 0 || p.height_ == 0) continue;
      if (best == nullptr || p.width_ * p.height_ > best->width_ * best->height_) best = &p;
    }
    if (best == nullptr)
      return fail(ErrorCode::kUnsupported, "the file embeds no JPEG preview", path);
    const Exiv2::PreviewImage preview = previews.getPreviewImage(*best);
    EmbeddedPreview out;
    out.jpeg.assign(preview.pData(), preview.pData() + preview.size());
    out.width = static_cast<int>(best->width_);
    out.height = static_cast<int>(best->height_);
    if (out.jpeg.size() < 4) return fail(ErrorCode::kCorrupt, "the JPEG preview is empty", path);
    return out;
  } catch (const std::exception& e) {
    return fail(ErrorCode::kCorrupt, std::string("cannot read the embedded preview: ") + e.what(),
                path);
  }
}

}  // namespace vern::metadata
