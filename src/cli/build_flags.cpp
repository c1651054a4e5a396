#include "cli/build_flags.h"

#include <charconv>
#include <filesystem>
#include <sstream>
#include <vector>

#include "cli/catalogue_location.h"
#include "cli/command.h"
#include "cli/config_file.h"
#include "core/file_bytes.h"
#include "imaging/derivative_plan.h"

namespace vern::cli {
namespace {

// "480, 960,1600" -> {"480", "960", "1600"}.
std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream stream(text);
  for (std::string item; std::getline(stream, item, ',');) {
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

// The settings file: --config, else TEXTS/vernissage.toml, else PHOTOS/vernissage.toml when
// there is one (as album settings and captions, it is taken from the texts folder first).
Result<void> apply_settings_file(const BuildFlags& flags, BuildOptions& options) {
  std::error_code ec;
  std::filesystem::path config = flags.config;
  if (config.empty() && options.texts &&
      std::filesystem::is_regular_file(*options.texts / kConfigFileName, ec)) {
    config = *options.texts / kConfigFileName;
  }
  if (config.empty()) config = options.photos / kConfigFileName;
  if (!flags.config.empty() || path_exists(config)) {
    return apply_config_file(config, options);
  }
  return {};
}

void apply_site_flags(const BuildFlags& flags, site::SiteSettings& site) {
  if (flags.title) site.title = *flags.title;
  if (flags.author) site.author = *flags.author;
  if (flags.copyright) site.copyright = *flags.copyright;
  if (flags.description) site.description = *flags.description;
  if (flags.language) site.language = *flags.language;
  if (flags.base_url) site.base_url = *flags.base_url;
  if (!site.base_url.empty() && site.base_url.back() != '/') site.base_url += '/';
  if (flags.keep_location) site.keep_location = true;
}

Result<void> apply_image_flags(const BuildFlags& flags, imaging::ImagingSettings& imaging) {
  if (!flags.sizes.empty()) {
    imaging.long_edges.clear();
    for (const auto& item : split_list(flags.sizes)) {
      int size = 0;
      const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), size);
      if (ec != std::errc() || end != item.data() + item.size() || size < 16 || size > 16384) {
        return fail(
            ErrorCode::kInvalidInput,
            "--sizes takes pixel sizes from 16 to 16384, e.g. 480,960 (got \"" + item + "\")");
      }
      imaging.long_edges.push_back(size);
    }
  }
  if (!flags.formats.empty()) {
    imaging.encodings.clear();
    for (const auto& name : split_list(flags.formats)) {
      const auto format = parse_output_format(name);
      if (!format) return fail(ErrorCode::kInvalidInput, "unknown format \"" + name + "\"");
      imaging.encodings.push_back({*format, default_quality(*format)});
    }
  }
  if (flags.quality) {
    for (auto& e : imaging.encodings) {
      if (e.format == OutputFormat::kJpeg) e.quality = *flags.quality;
    }
  }
  if (flags.sharpen) imaging.sharpen_amount = *flags.sharpen;
  auto watermark = watermark_from(flags.watermark);
  if (!watermark) return tl::unexpected(watermark.error());
  if (watermark->active()) imaging.watermark = *watermark;
  if (flags.max_megapixels)
    imaging.max_pixels = imaging::pixels_in_megapixels(*flags.max_megapixels);
  if (flags.raw) imaging.raw = *imaging::raw_mode_from_name(*flags.raw);  // checked by CLI11
  return {};
}

}  // namespace

Result<BuildOptions> build_options_from(const BuildFlags& flags) {
  BuildOptions options;
  options.imaging.encodings = {{OutputFormat::kAvif, default_quality(OutputFormat::kAvif)},
                               {OutputFormat::kWebp, default_quality(OutputFormat::kWebp)},
                               {OutputFormat::kJpeg, default_quality(OutputFormat::kJpeg)}};
  options.photos = flags.photos;
  options.output = flags.output;
  if (!flags.texts.empty()) options.texts = flags.texts;
  if (auto r = apply_settings_file(flags, options); !r) return tl::unexpected(r.error());
  apply_site_flags(flags, options.site);
  if (flags.include_originals) options.include_originals = true;
  if (auto r = apply_image_flags(flags, options.imaging); !r) return tl::unexpected(r.error());
  if (flags.prefer) options.prefer = *scan::pair_preference_from_name(*flags.prefer);
  if (!flags.shard.empty()) {
    options.shard = publish::parse_shard(flags.shard);
    if (!options.shard) {
      return fail(ErrorCode::kInvalidInput,
                  "--shard takes I/N, the shard's number from 0 to N-1 and their count, e.g. 0/4 "
                  "(got \"" +
                      flags.shard + "\")");
    }
  }
  options.assemble = flags.assemble;
  if (!flags.theme.empty()) options.theme = flags.theme;
  auto catalogue = catalogue_location(flags.catalogue, options.catalogue_setting);
  if (!catalogue) return tl::unexpected(catalogue.error());
  options.catalogue = std::move(*catalogue);
  options.select = flags.select;
  options.force = flags.force;
  options.dry_run = flags.dry_run;
  options.keep_stale = flags.keep_stale;
  options.jobs = flags.jobs;
  options.verbosity = flags.quiet     ? Verbosity::kQuiet
                      : flags.verbose ? Verbosity::kVerbose
                                      : Verbosity::kNormal;
  return options;
}

void add_build_flags(CLI::App& app, BuildFlags& flags) {
  CLI::App* build = &app;
  build->add_option("PHOTOS", flags.photos, "Folder of photographs; each sub-folder is an album")
      ->required()
      ->check(CLI::ExistingDirectory);
  build->add_option("-o,--output", flags.output, "Folder to write the site into")->required();
  build->add_option("--config", flags.config,
                    "Settings file (default: TEXTS/vernissage.toml, else PHOTOS/vernissage.toml)");
  build
      ->add_option("--texts", flags.texts,
                   "Folder shaped like PHOTOS with the site's words: vernissage.toml, about.md, "
                   "album.toml and captions (NAME.md) kept apart from the photos; its files win")
      ->check(CLI::ExistingDirectory);
  build->add_option("--title", flags.title, "Site title");
  build->add_option("--author", flags.author, "Photographer's name (credited, embedded in images)");
  build->add_option("--copyright", flags.copyright, "Copyright line for the footer and images");
  build->add_option("--description", flags.description, "Site description for search engines");
  build->add_option("--language", flags.language, "Language of the pages (default: en)");
  build->add_option("--base-url", flags.base_url,
                    "Absolute URL the site will be served from (for sitemap, feed, previews)");
  build->add_option("--sizes", flags.sizes, "Long edges in pixels (default: 480,960,1600,2400)");
  build->add_option("--formats", flags.formats, "Encodings to write (default: avif,webp,jpeg)");
  build->add_option("--quality", flags.quality, "JPEG quality (default: 82)")
      ->check(CLI::Range(1, 100));
  build
      ->add_option("--sharpen", flags.sharpen,
                   "Output sharpening: 0 none, 0.5 mild (default), 1 strong")
      ->check(CLI::Range(0.0, 2.0));
  add_max_megapixels_flag(*build, flags.max_megapixels);
  build
      ->add_option("--raw", flags.raw,
                   "Camera RAW photos: \"preview\" shows the camera's embedded JPEG where it is "
                   "large enough, else develops the sensor data (default); \"develop\" always "
                   "develops")
      ->check(CLI::IsMember({"preview", "develop"}));
  add_prefer_flag(*build, flags.prefer);
  add_watermark_flags(*build, flags.watermark);
  build->add_option("--theme", flags.theme,
                    "Folder whose templates/ and assets/ override the theme");
  add_catalogue_flag(*build, flags.catalogue);
  build->add_option("--select", flags.select,
                    "Publish only the photos this search matches, e.g. 'keyword:paris rating:>=4' "
                    "(see `vernissage search --help`)");
  build->add_flag("--keep-location", flags.keep_location,
                  "Publish GPS location (off by default: no output carries it)");
  build->add_flag("--include-originals", flags.include_originals,
                  "Copy originals into the site (location and serial numbers removed)");
  build->add_flag("--force", flags.force, "Write into a non-empty folder that is not a site");
  build->add_flag("-n,--dry-run", flags.dry_run, "Print what would be done; write nothing");
  build->add_flag("--keep-stale", flags.keep_stale,
                  "Keep outputs whose photo or setting is gone (default: delete them)");
  auto* shard = build->add_option(
      "--shard", flags.shard,
      "Make only the images of shard I of N (0 <= I < N; a photo's shard is fixed by its "
      "content), for a build spread over processes or machines; no pages (see --assemble)");
  build
      ->add_flag("--assemble", flags.assemble,
                 "After every --shard I/N has run: write the pages, feeds and manifest; fails, "
                 "naming the photos, if any has no images yet")
      ->excludes(shard);
  add_jobs_flag(*build, flags.jobs, "processed");
  add_quiet_flag(*build, flags.quiet);
  build->add_flag("-v,--verbose", flags.verbose, "Print one event line per photo");
}

}  // namespace vern::cli
