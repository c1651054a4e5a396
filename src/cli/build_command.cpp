#include "cli/build_command.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "archive/indexer.h"
#include "cli/album_settings.h"
#include "cli/exit_codes.h"
#include "cli/output_guard.h"
#include "cli/photo_job.h"
#include "cli/progress.h"
#include "core/atomic_write.h"
#include "core/parallel_for.h"
#include "core/privacy.h"
#include "scan/source_tree.h"
#include "site/gallery.h"
#include "site/site_manifest.h"
#include "site/site_renderer.h"
#include "site/site_writer.h"
#include "site/theme.h"

namespace vern::cli {
namespace {

using Outcome = std::optional<Result<PublishedPhoto>>;

// The figures of the closing summary.
struct BuildSummary {
  int fresh = 0, changed = 0, unchanged = 0, removed = 0, failed = 0;
  int read = 0, decoded = 0, images_written = 0;
  int pages_written = 0, pages_unchanged = 0, stale_found = 0, stale_removed = 0;
  double seconds = 0;

  void count(const PublishedPhoto& photo) {
    fresh += photo.status == SourceStatus::kNew;
    changed += photo.status == SourceStatus::kChanged;
    unchanged += photo.status == SourceStatus::kUnchanged;
    read += photo.read;
    decoded += photo.decoded;
    images_written += photo.files_written;
  }

  std::vector<std::string> lines(bool dry_run, bool keep_stale) const {
    const auto n = [](int v) { return std::to_string(v); };
    char time[32];
    std::snprintf(time, sizeof time, "%.1f s", seconds);
    const std::string verb = dry_run ? "would be " : "";
    const std::string stale = keep_stale ? n(stale_found) + " stale kept"
                              : dry_run  ? n(stale_found) + " stale would be removed"
                                         : n(stale_removed) + " stale removed";
    return {std::string(dry_run ? "Dry run, nothing written. " : "") + "Photos: " +
                n(fresh + changed + unchanged) + " published (" + n(fresh) + " new, " + n(changed) +
                " changed, " + n(unchanged) + " unchanged), " + n(removed) + " removed, " +
                n(failed) + " failed; " + n(read) + " read, " + n(decoded) + " " + verb + "decoded",
            "Files: " + n(images_written) + " images and " + n(pages_written) + " pages " + verb +
                "written, " + n(pages_unchanged) + " pages unchanged, " + stale + ", in " + time};
  }
};

// Publishes every photo with a fixed number of workers taking the next photo as they finish one,
// so at most `jobs` photos are in memory at once however large the archive is.
using archive::KnownPhotos;

std::vector<Outcome> publish_all(const std::vector<const scan::SourceFile*>& photos,
                                 const BuildOptions& options, const imaging::Libvips& libvips,
                                 catalogue::Catalogue& catalogue, const KnownPhotos& known,
                                 Logger& logger) {
  std::vector<Outcome> outcomes(photos.size());
  Progress progress(logger, static_cast<int>(photos.size()), ::isatty(STDERR_FILENO) != 0);
  parallel_for(photos.size(), worker_count(options.jobs), [&](std::size_t i) {
    const auto started = std::chrono::steady_clock::now();
    const auto record = known.find(catalogue_key(photos[i]->absolute_path));
    outcomes[i] = publish_photo(*photos[i], record == known.end() ? nullptr : &record->second,
                                options, libvips, catalogue);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
    if (*outcomes[i]) {
      logger.event("event=photo.published path=" + photos[i]->relative_path +
                   " read=" + ((*outcomes[i])->read ? "1" : "0") +
                   " decoded=" + ((*outcomes[i])->decoded ? "1" : "0") + " written=" +
                   std::to_string((*outcomes[i])->files_written) + " ms=" + std::to_string(ms));
    }
    progress.advance();
  });
  progress.finish();
  return outcomes;
}

// The scanned tree with the published photos, in the shape the site stage takes. Album settings
// and caption sidecars are read here; problems with them are reported and the defaults used.
site::FolderInput folder_input(const BuildOptions& options, const scan::Folder& folder,
                               std::map<const scan::SourceFile*, PublishedPhoto>& published,
                               Logger& logger, std::vector<Error>& problems) {
  site::FolderInput input;
  input.name = folder.name;
  AlbumTextFolders text_folders{.photos = options.photos / folder.relative_path, .texts = {}};
  if (options.texts) text_folders.texts = *options.texts / folder.relative_path;
  if (auto settings = read_album_settings(text_folders, folder); settings) {
    input.settings = std::move(*settings);
  } else {
    logger.warn(settings.error().describe() + " (album settings ignored)");
    problems.push_back(settings.error());
  }
  for (const auto& file : folder.photos) {
    const auto it = published.find(&file);
    if (it == published.end()) continue;
    PublishedPhoto& p = it->second;
    site::PhotoInput photo;
    photo.source_path = file.relative_path;
    photo.file_name = file.absolute_path.filename().string();
    photo.metadata = publishable_metadata(std::move(p.metadata), options.site.keep_location);
    if (auto caption = sidecar_caption(text_folders, folder, photo.file_name)) {
      photo.metadata.caption = std::move(*caption);
    }
    photo.thumbhash = p.thumbhash;
    photo.width = p.width;
    photo.height = p.height;
    photo.derivatives = std::move(p.derivatives);
    photo.original_path = p.original_path;
    input.photos.push_back(std::move(photo));
  }
  for (const auto& child : folder.children) {
    input.children.push_back(folder_input(options, child, published, logger, problems));
  }
  return input;
}

// The photos under options.photos that `query` matches, by catalogue key. The catalogue is
// brought up to date for them first (as `vernissage index` would), so a selection always sees
// the photos as they are now.
Result<std::unordered_set<std::string>> select_photos(catalogue::SearchQuery query,
                                                      const BuildOptions& options,
                                                      const imaging::Libvips& libvips,
                                                      catalogue::Catalogue& store, Logger& logger) {
  archive::IndexOptions index;
  index.roots = {options.photos};
  index.excluded = {options.output};
  index.jobs = options.jobs;
  index.max_pixels = options.imaging.max_pixels;
  // A dry run writes nothing, not even facts into the catalogue: it selects from a scratch one.
  std::unique_ptr<catalogue::Catalogue> scratch;
  if (options.dry_run) {
    auto opened = catalogue::open_sqlite_catalogue(":memory:");
    if (!opened) return tl::unexpected(opened.error());
    scratch = std::move(*opened);
  }
  catalogue::Catalogue& selecting = scratch ? *scratch : store;
  auto indexed = archive::index_photos(index, libvips, selecting);
  if (!indexed) return tl::unexpected(indexed.error());
  logger.event("event=select.indexed found=" + std::to_string(indexed->found) +
               " read=" + std::to_string(indexed->fresh + indexed->changed + indexed->moved));
  query.under = {catalogue_key(options.photos)};
  query.limit = 0;
  auto found = selecting.search(query);
  if (!found) return tl::unexpected(found.error());
  std::unordered_set<std::string> chosen;
  for (const auto& record : *found) chosen.insert(record.path);
  return chosen;
}

}  // namespace

int run_build(const BuildOptions& options, const imaging::Libvips& libvips, Logger& logger) {
  const auto started = std::chrono::steady_clock::now();
  // Phase timings for --verbose: where a build's time goes.
  auto phase_start = started;
  const auto phase_done = [&](const char* phase) {
    const auto now = std::chrono::steady_clock::now();
    logger.event(
        std::string("event=build.phase phase=") + phase + " ms=" +
        std::to_string(
            std::chrono::duration_cast<std::chrono::milliseconds>(now - phase_start).count()));
    phase_start = now;
  };
  if (auto ok = check_output_folder(options.photos, options.output, options.force); !ok) {
    logger.error(ok.error().describe());
    return kExitFatal;
  }
  auto theme = site::Theme::load(options.theme);
  if (!theme) {
    logger.error(theme.error().describe());
    return kExitFatal;
  }

  std::optional<catalogue::SearchQuery> selection;
  if (!options.select.empty()) {
    auto parsed = catalogue::parse_search_query(options.select);
    if (!parsed) {
      logger.error("--select: " + parsed.error().message);
      return kExitFatal;
    }
    selection = std::move(*parsed);
  }

  // A dry run must not create a catalogue: without one it works from an empty in-memory store.
  std::error_code ec;
  const bool scratch = options.dry_run && !std::filesystem::exists(options.catalogue, ec);
  auto store = catalogue::open_sqlite_catalogue(scratch ? ":memory:" : options.catalogue);
  if (!store) {
    logger.error(store.error().describe());
    return kExitFatal;
  }
  // The selection is made first: it brings the catalogue up to date, and the build then finds
  // every selected photo already recorded.
  std::optional<std::unordered_set<std::string>> chosen;
  if (selection) {
    auto found = select_photos(*selection, options, libvips, **store, logger);
    if (!found) {
      logger.error(found.error().describe());
      return kExitFatal;
    }
    chosen = std::move(*found);
    phase_done("select");
  }
  auto loaded = archive::load_known_photos(**store);
  if (!loaded) {
    logger.error(loaded.error().describe());
    return kExitFatal;
  }
  const KnownPhotos known = std::move(*loaded);
  phase_done("catalogue");

  scan::ScanOptions scan_options;
  scan_options.excluded = {options.output};
  // Files the catalogue knows unchanged need not be opened to learn their format.
  scan_options.known_format = archive::known_format_from(known);
  auto scanned = scan::scan_tree(options.photos, scan_options);
  if (!scanned) {
    logger.error(scanned.error().describe());
    return kExitFatal;
  }
  std::vector<Error> skipped = scanned->problems;
  for (const auto& problem : scanned->problems) logger.warn(problem.describe() + " (skipped)");

  auto photos = scan::all_photos(scanned->root);
  phase_done("scan");
  if (chosen) {
    std::erase_if(photos, [&](const scan::SourceFile* file) {
      return !chosen->contains(catalogue_key(file->absolute_path));
    });
    logger.info("Selected " + std::to_string(photos.size()) + " photos with \"" + options.select +
                "\"");
  }
  logger.info("Publishing " + std::to_string(photos.size()) + " photos from " +
              options.photos.string() + " with " + std::to_string(worker_count(options.jobs)) +
              " workers");

  const site::SiteManifest previous = site::read_manifest(options.output);
  if (!options.dry_run) {
    std::error_code ec;
    std::filesystem::create_directories(options.output, ec);
    if (ec) {
      logger.error(options.output.string() + ": cannot create output folder: " + ec.message());
      return kExitFatal;
    }
    // The marker goes first, so that even a build killed at once leaves a folder that later
    // builds recognise as theirs.
    if (auto r = site::write_manifest(options.output, previous); !r) {
      logger.error(r.error().describe());
      return kExitFatal;
    }
  }

  auto outcomes = publish_all(photos, options, libvips, **store, known, logger);
  phase_done("photos");
  std::map<const scan::SourceFile*, PublishedPhoto> published;
  BuildSummary summary;
  site::SiteManifest manifest;
  for (std::size_t i = 0; i < photos.size(); ++i) {
    auto& outcome = *outcomes[i];
    if (!outcome) {
      Error error = outcome.error();
      error.path = photos[i]->absolute_path.string();
      logger.warn(error.describe() + " (skipped)");
      skipped.push_back(std::move(error));
      ++summary.failed;
      continue;
    }
    for (const auto& warning : outcome->warnings) {
      logger.warn(photos[i]->absolute_path.string() + ": " + warning);
    }
    summary.count(*outcome);
    if (options.dry_run) {
      for (const auto& d : outcome->planned_files) logger.info("would write " + d.relative_path);
    }
    manifest.sources.insert(photos[i]->relative_path);
    for (const auto& d : outcome->derivatives) manifest.files.insert(d.relative_path);
    if (outcome->original_path) manifest.files.insert(*outcome->original_path);
    published.emplace(photos[i], std::move(*outcome));
  }
  for (const auto& source : previous.sources) {
    if (!manifest.sources.contains(source)) ++summary.removed;
  }

  auto tree = folder_input(options, scanned->root, published, logger, skipped);
  const auto gallery = site::make_gallery(std::move(tree), options.site.title);
  site::PreviousRender previous_render;
  previous_render.album_fingerprints = previous.album_fingerprints;
  previous_render.page_exists = [&](const std::string& page) {
    std::error_code exists_ec;
    return previous.page_hashes.contains(page) &&
           std::filesystem::exists(options.output / page, exists_ec);
  };
  auto rendered = site::render_site(gallery, options.site, *theme, previous_render);
  if (!rendered) {
    logger.error(rendered.error().describe());
    return kExitFatal;
  }
  phase_done("render");
  manifest.album_fingerprints = rendered->album_fingerprints;
  for (const auto& file : rendered->files) manifest.files.insert(file.relative_path);
  // Pages kept from the last build are still this build's outputs.
  for (const auto& page : rendered->kept_pages) {
    manifest.files.insert(page);
    manifest.page_hashes[page] = previous.page_hashes.at(page);
  }
  auto written = site::write_site_files(options.output, rendered->files, previous.page_hashes,
                                        manifest.page_hashes, options.dry_run);
  if (!written) {
    logger.error(written.error().describe());
    return kExitFatal;
  }
  if (options.dry_run) {
    for (const auto& page : written->changed) logger.info("would write " + page);
  }
  phase_done("write");

  // Outputs of photos, sizes or formats that are gone; everything else in the folder is left be.
  const auto stale = site::stale_outputs(options.output, previous, manifest.files);
  if (options.keep_stale || options.dry_run) {
    for (const auto& file : stale) logger.event("event=output.stale path=" + file);
    if (options.dry_run && !options.keep_stale) {
      for (const auto& file : stale) logger.info("would delete " + file);
    }
  } else {
    summary.stale_removed = site::remove_outputs(options.output, stale);
    // Stale files the build kept are still outputs of Vernissage, to be removed later.
  }
  if (options.keep_stale) {
    for (const auto& file : stale) manifest.files.insert(file);
  }
  if (!options.dry_run) {
    if (auto r = site::write_manifest(options.output, manifest); !r) {
      logger.error(r.error().describe());
      return kExitFatal;
    }
  }

  phase_done("stale+manifest");
  summary.pages_written = written->written;
  summary.pages_unchanged = written->unchanged + static_cast<int>(rendered->kept_pages.size());
  summary.stale_found = static_cast<int>(stale.size());
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (const auto& line : summary.lines(options.dry_run, options.keep_stale)) logger.info(line);
  if (!skipped.empty()) {
    logger.warn(std::to_string(skipped.size()) + " input(s) skipped:");
    for (const auto& s : skipped) logger.warn("  " + s.describe());
  }
  return skipped.empty() ? kExitOk : kExitSomeSkipped;
}

}  // namespace vern::cli
