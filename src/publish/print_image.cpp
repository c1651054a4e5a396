#include "publish/print_image.h"

#include "core/file_bytes.h"
#include "publish/photo_job.h"

namespace vern::publish {

Result<PrintImage> print_image(const Exhibition& exhibition, const std::string& source_path,
                               int long_edge, const std::filesystem::path& cache,
                               const imaging::Libvips& libvips, catalogue::Catalogue& catalogue) {
  const auto source = exhibition.sources.find(source_path);
  if (source == exhibition.sources.end()) {
    return fail(ErrorCode::kInternal, "not a photo of the exhibition", source_path);
  }
  const auto record = exhibition.records.find(source_path);
  PhotoJobSettings settings;
  settings.output = cache;
  settings.imaging.long_edges = {long_edge};
  settings.imaging.encodings = {{OutputFormat::kJpeg, kPrintJpegQuality}};
  // Print wants less sharpening than a screen: the paper's dot gain softens less than a display
  // scaling down does.
  settings.imaging.sharpen_amount = 0.25;
  const auto chosen = exhibition.choices.find(source_path);
  auto published = publish_photo(
      source->second, record == exhibition.records.end() ? nullptr : &record->second, settings,
      libvips, catalogue, chosen == exhibition.choices.end() ? PhotoChoices{} : chosen->second);
  if (!published) return tl::unexpected(published.error());
  if (published->derivatives.empty()) {
    return fail(ErrorCode::kInternal, "no picture was made", source->second.absolute_path.string());
  }
  const auto& made = published->derivatives.front();
  auto bytes = read_file_bytes(cache / made.relative_path, std::uintmax_t{1} << 30);
  if (!bytes) return tl::unexpected(bytes.error());
  return PrintImage{std::string(bytes->begin(), bytes->end()), made.width, made.height};
}

}  // namespace vern::publish
