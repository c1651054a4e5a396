#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <charconv>
#include <iostream>
#include <sstream>

#include "catalogue/catalogue.h"
#include "cli/archive_cli.h"
#include "cli/audit_command.h"
#include "cli/build_command.h"
#include "cli/catalogue_location.h"
#include "cli/config_file.h"
#include "cli/exit_codes.h"
#include "cli/info_command.h"
#include "imaging/libvips.h"
#include "metadata/library_setup.h"

namespace vern::cli {
namespace {

// Flags as given; unset ones leave the settings from vernissage.toml (or the defaults) alone.
struct BuildFlags {
  std::string photos, output, config, texts, theme, catalogue, select;
  std::optional<std::string> title, author, copyright, description, base_url, language;
  std::string sizes;    // "480,960,1600"
  std::string formats;  // "avif,webp,jpeg"
  std::optional<int> quality;
  std::optional<double> sharpen;
  std::optional<long long> max_megapixels;
  bool keep_location = false, include_originals = false, force = false, quiet = false,
       verbose = false, dry_run = false, keep_stale = false;
  int jobs = 0;
};

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

Result<BuildOptions> merge(const BuildFlags& flags) {
  BuildOptions options;
  options.imaging.encodings = {{OutputFormat::kAvif, default_quality(OutputFormat::kAvif)},
                               {OutputFormat::kWebp, default_quality(OutputFormat::kWebp)},
                               {OutputFormat::kJpeg, default_quality(OutputFormat::kJpeg)}};
  options.photos = flags.photos;
  options.output = flags.output;
  if (!flags.texts.empty()) options.texts = flags.texts;
  std::error_code ec;
  // As album settings and captions, vernissage.toml is taken from the texts folder first.
  std::filesystem::path config = flags.config;
  if (config.empty() && options.texts &&
      std::filesystem::is_regular_file(*options.texts / kConfigFileName, ec)) {
    config = *options.texts / kConfigFileName;
  }
  if (config.empty()) config = options.photos / kConfigFileName;
  if (!flags.config.empty() || std::filesystem::exists(config, ec)) {
    if (auto r = apply_config_file(config, options); !r) return tl::unexpected(r.error());
  }
  auto& site = options.site;
  if (flags.title) site.title = *flags.title;
  if (flags.author) site.author = *flags.author;
  if (flags.copyright) site.copyright = *flags.copyright;
  if (flags.description) site.description = *flags.description;
  if (flags.language) site.language = *flags.language;
  if (flags.base_url) site.base_url = *flags.base_url;
  if (!site.base_url.empty() && site.base_url.back() != '/') site.base_url += '/';
  if (flags.keep_location) site.keep_location = true;
  if (flags.include_originals) options.include_originals = true;
  if (!flags.sizes.empty()) {
    options.imaging.long_edges.clear();
    for (const auto& item : split_list(flags.sizes)) {
      int size = 0;
      const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), size);
      if (ec != std::errc() || end != item.data() + item.size() || size < 16 || size > 16384) {
        return fail(
            ErrorCode::kInvalidInput,
            "--sizes takes pixel sizes from 16 to 16384, e.g. 480,960 (got \"" + item + "\")");
      }
      options.imaging.long_edges.push_back(size);
    }
  }
  if (!flags.formats.empty()) {
    options.imaging.encodings.clear();
    for (const auto& name : split_list(flags.formats)) {
      const auto format = parse_output_format(name);
      if (!format) return fail(ErrorCode::kInvalidInput, "unknown format \"" + name + "\"");
      options.imaging.encodings.push_back({*format, default_quality(*format)});
    }
  }
  if (flags.quality) {
    for (auto& e : options.imaging.encodings) {
      if (e.format == OutputFormat::kJpeg) e.quality = *flags.quality;
    }
  }
  if (flags.sharpen) options.imaging.sharpen_amount = *flags.sharpen;
  if (flags.max_megapixels)
    options.imaging.max_pixels = imaging::pixels_in_megapixels(*flags.max_megapixels);
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

void add_build_command(CLI::App& app, BuildFlags& flags) {
  auto* build = app.add_subcommand(
      "build", "Publish a folder tree of photographs as a static gallery website.");
  build->footer(std::string("Settings come from vernissage.toml (in TEXTS, else in PHOTOS), flags "
                            "winning.\n") +
                kExitCodeHelp);
  build->add_option("PHOTOS", flags.photos, "Folder of photographs; each sub-folder is an album")
      ->required()
      ->check(CLI::ExistingDirectory);
  build->add_option("-o,--output", flags.output, "Folder to write the site into")->required();
  build->add_option("--config", flags.config,
                    "Settings file (default: TEXTS/vernissage.toml, else PHOTOS/vernissage.toml)");
  build
      ->add_option("--texts", flags.texts,
                   "Folder shaped like PHOTOS with the site's words: vernissage.toml, album.toml "
                   "and captions (NAME.md) kept apart from the photos; its files win")
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
  build
      ->add_option("--max-megapixels", flags.max_megapixels,
                   "Refuse images larger than this before decoding (default: 200)")
      ->check(CLI::Range(1LL, 100000LL));
  build->add_option("--theme", flags.theme,
                    "Folder whose templates/ and assets/ override the theme");
  build->add_option("--catalogue", flags.catalogue, kCatalogueHelp);
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
  build->add_option("-j,--jobs", flags.jobs, "Photos processed in parallel (default: cores + 1)")
      ->check(CLI::Range(1, 1024));
  build->add_flag("-q,--quiet", flags.quiet, "Print only warnings and errors");
  build->add_flag("-v,--verbose", flags.verbose, "Print one event line per photo");
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app("Vernissage: from a photographer's archive to an exhibition website.", "vernissage");
  app.footer(kExitCodeHelp);
  app.require_subcommand(1);
  // A flag given twice takes its last value, as scripts that append options expect.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.set_version_flag("--version", std::string("vernissage ") + VERNISSAGE_VERSION);

  BuildFlags build_flags;
  add_build_command(app, build_flags);

  std::vector<std::string> info_files;
  bool info_json = false;
  auto* info = app.add_subcommand("info", "Print the metadata Vernissage reads from image files.");
  info->footer(kExitCodeHelp);
  info->add_option("FILE", info_files, "Image files")->required();
  info->add_flag("--json", info_json, "One JSON array, an object per file");

  std::string audit_site;
  auto* audit = app.add_subcommand(
      "audit", "List files of a built site that carry location, serial numbers or camera EXIF.");
  audit->footer(
      "Exit codes: 0 nothing found; 1 something found (listed on stdout); 2 usage error.");
  audit->add_option("SITE", audit_site, "A folder written by vernissage build")->required();

  ArchiveCommands archive_commands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitFatal;
  }

  metadata::LibrarySetup exiv2_setup;
  if (audit->parsed()) {
    Logger logger(std::cerr, Verbosity::kNormal);
    return run_audit(audit_site, logger);
  }
  if (info->parsed()) {
    const imaging::Libvips libvips(argv[0], 0);
    Logger logger(std::cerr, Verbosity::kNormal);
    return run_info(info_files, info_json, libvips, logger);
  }

  if (archive_commands.parsed()) return archive_commands.run(argv[0]);

  auto options = merge(build_flags);
  Logger logger(std::cerr, build_flags.quiet ? Verbosity::kQuiet : Verbosity::kNormal);
  if (!options) {
    logger.error(options.error().describe());
    return kExitFatal;
  }
  Logger build_logger(std::cerr, options->verbosity);
  // Photos are processed one per worker; libvips' own threads would only compete with them.
  const imaging::Libvips libvips(argv[0], 1);
  // libvips is loaded when the first photo needs pixels (a rebuild of an unchanged site never
  // does), but a module gone missing is said once, up front, rather than once per photo.
  if (const auto module = imaging::Libvips::find_module(); !module) {
    build_logger.error(module.error().describe());
    return kExitFatal;
  }
  const int code = run_build(*options, libvips, build_logger);
  if (code != kExitFatal) std::cout << (options->output / "index.html").string() << "\n";
  return code;
}

}  // namespace vern::cli
