#include "cli/info_command.h"

#include <iostream>
#include <memory>

#include "archive/photo_facts.h"
#include "cli/exit_codes.h"
#include "cli/metadata_json.h"
#include "core/file_bytes.h"
#include "scan/source_tree.h"
#include "site/exif_display.h"

namespace vern::cli {
namespace {

// info only reads headers, so it can describe files too large to publish.
constexpr long long kNoPixelLimit = 1LL << 62;

struct FileInfo {
  std::optional<ImageFormat> format;
  PhotoMetadata metadata;
  std::size_t sidecars = 0;
};

// What the catalogue would record of the file (archive::read_photo_facts): its own metadata,
// its XMP sidecars, what LibRaw reads of a camera RAW, the orientation in force.
Result<FileInfo> inspect(const std::string& path, const imaging::Libvips& libvips) {
  auto source = scan::scan_file(path);
  if (!source) return tl::unexpected(source.error());
  source->relative_path = path;
  auto bytes = read_file_bytes(path, kMaxPhotoFileBytes);
  if (!bytes) return tl::unexpected(bytes.error());
  FileInfo info;
  info.format = source->format;
  std::vector<std::string> warnings;
  auto record =
      archive::read_photo_facts(*bytes, *source, {.max_pixels = kNoPixelLimit}, libvips, warnings);
  if (!record) return tl::unexpected(record.error());
  info.metadata = std::move(record->metadata);
  info.metadata.warnings = std::move(warnings);
  info.sidecars = source->sidecars.size();
  return info;
}

void print_text(const std::string& path, const FileInfo& info) {
  const auto& m = info.metadata;
  std::cout << path << "\n";
  const auto line = [](const char* label, const std::string& value) {
    if (!value.empty()) std::cout << "  " << label << ": " << value << "\n";
  };
  line("Format", info.format ? std::string(format_name(*info.format)) : "");
  if (m.width && m.height) {
    line("Size", std::to_string(*m.width) + " × " + std::to_string(*m.height) + " px");
  }
  line("Orientation", m.orientation ? std::to_string(*m.orientation) : "");
  line("Title", m.title.value_or(""));
  line("Caption", m.caption.value_or(""));
  std::string keywords;
  for (const auto& k : m.keywords) keywords += (keywords.empty() ? "" : ", ") + k;
  line("Keywords", keywords);
  for (const auto& [label, value] : site::photo_facts(m, true)) line(label.c_str(), value);
  line("Taken (ISO 8601)", m.taken_at.value_or(""));
  if (m.gps && m.gps->altitude_m) line("Altitude", std::to_string(*m.gps->altitude_m) + " m");
  line("Rating", m.rating ? std::to_string(*m.rating) : "");
  line("Label", m.label.value_or(""));
  if (info.sidecars > 0) line("XMP sidecars", std::to_string(info.sidecars));
  for (const auto& warning : m.warnings) line("Warning", warning);
}

}  // namespace

int run_info(const std::vector<std::string>& files, bool json, const imaging::Libvips& libvips,
             Logger& logger) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  int failures = 0;
  for (const auto& path : files) {
    auto info = inspect(path, libvips);
    if (!info) {
      logger.warn(info.error().describe());
      ++failures;
      continue;
    }
    for (const auto& warning : info->metadata.warnings) logger.warn(path + ": " + warning);
    if (json) {
      array.push_back(metadata_json(path, info->format, info->metadata));
    } else {
      print_text(path, *info);
    }
  }
  // Invalid UTF-8 from file names is replaced rather than aborting the whole listing.
  if (json)
    std::cout << array.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return failures == 0 ? kExitOk : kExitSomeSkipped;
}

Command add_info_command(CLI::App& app) {
  struct Flags {
    std::vector<std::string> files;
    bool json = false;
  };
  auto flags = std::make_shared<Flags>();
  auto* info = app.add_subcommand("info", "Print the metadata Vernissage reads from image files.");
  info->footer(kExitCodeHelp);
  info->add_option("FILE", flags->files, "Image files")->required();
  info->add_flag("--json", flags->json, "One JSON array, an object per file");
  return {info, [flags](const char* argv0) {
            const imaging::Libvips libvips(argv0, 0);
            Logger logger(std::cerr, Verbosity::kNormal);
            return run_info(flags->files, flags->json, libvips, logger);
          }};
}

}  // namespace vern::cli
