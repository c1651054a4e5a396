#include "publish/site_build.h"

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_set>

#include "archive/indexer.h"
#include "catalogue/catalogue_tables.h"
#include "catalogue/search_query.h"
#include "core/parallel_for.h"
#include "publish/about_text.h"
#include "publish/album_settings.h"
#include "publish/gallery_input.h"
#include "publish/output_guard.h"
#include "publish/photo_job.h"
#include "scan/source_tree.h"
#include "site/gallery.h"
#include "site/site_manifest.h"
#include "site/site_renderer.h"
#include "site/site_writer.h"
#include "site/theme.h"

namespace vern::publish {
namespace {

using archive::KnownPhotos;
using Outcome = std::optional<Result<PublishedPhoto>>;

PhotoJobSettings photo_job_settings(const BuildOptions& options) {
  return {.output = options.output,
          .imaging = options.imaging,
          .author = options.site.author,
          .copyright = options.site.copyright,
          .include_originals = options.include_originals,
          .keep_location = options.site.keep_location,
          .dry_run = options.dry_run,
          .shard = options.shard,
          .render = !options.assemble};
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
  index.prefer = options.prefer;
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
  logger.event("select.indexed",
               {{"found", std::to_string(indexed->found)},
                {"read", std::to_string(indexed->fresh + indexed->changed + indexed->moved)}});
  query.under = {archive::catalogue_key(options.photos)};
  query.limit = 0;
  auto found = selecting.search(query);
  if (!found) return tl::unexpected(found.error());
  std::unordered_set<std::string> chosen;
  for (const auto& record : *found) chosen.insert(record.path);
  return chosen;
}

// One run of build_site, phase by phase; each phase fails the build only when nothing useful
// can be done.
class SiteBuild {
 public:
  SiteBuild(const BuildOptions& options, const imaging::Libvips& libvips, const Context& context,
            const BuildProgress& progress)
      : options_(options),
        libvips_(libvips),
        logger_(context.logger),
        clock_(context.clock),
        progress_(progress),
        started_(clock_.now()),
        phase_start_(started_) {}

  Result<BuildReport> run() {
    if (auto r = open_inputs(); !r) return tl::unexpected(r.error());
    if (auto r = scan_photos(); !r) return tl::unexpected(r.error());
    if (auto r = mark_output_folder(); !r) return tl::unexpected(r.error());
    collect(publish_all());
    phase_done("photos");
    if (options_.shard) {
      // The pages, feeds and manifest are the assembly's, once every shard is done.
      report_.seconds = std::chrono::duration<double>(clock_.now() - started_).count();
      return std::move(report_);
    }
    if (auto r = check_assembly(); !r) return tl::unexpected(r.error());
    if (auto r = write_pages(); !r) return tl::unexpected(r.error());
    if (auto r = settle_outputs(); !r) return tl::unexpected(r.error());
    report_.seconds = std::chrono::duration<double>(clock_.now() - started_).count();
    return std::move(report_);
  }

 private:
  // Phase timings for --verbose: where a build's time goes.
  void phase_done(const char* phase) {
    const auto now = clock_.now();
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now - phase_start_).count();
    logger_.event("build.phase", {{"phase", phase}, {"ms", std::to_string(ms)}});
    phase_start_ = now;
  }

  // The output folder, the theme, the selection and the catalogue, in that order.
  Result<void> open_inputs() {
    if (auto ok = check_output_folder(options_.photos, options_.output, options_.force); !ok) {
      return ok;
    }
    auto theme = site::Theme::load(options_.theme);
    if (!theme) return tl::unexpected(theme.error());
    theme_ = std::move(*theme);
    std::optional<catalogue::SearchQuery> selection;
    if (!options_.select.empty()) {
      auto parsed = catalogue::parse_search_query(options_.select);
      if (!parsed) return fail(parsed.error().code, "--select: " + parsed.error().message);
      selection = std::move(*parsed);
    }
    // A dry run must not create a catalogue: without one it works from an empty in-memory store.
    std::error_code ec;
    const std::string location = options_.catalogue.string();
    const bool scratch = options_.dry_run && !catalogue::is_postgres_location(location) &&
                         !std::filesystem::exists(options_.catalogue, ec);
    auto store = catalogue::open_catalogue(scratch ? ":memory:" : location);
    if (!store) return tl::unexpected(store.error());
    store_ = std::move(*store);
    // The selection is made first: it brings the catalogue up to date, and the build then finds
    // every selected photo already recorded.
    if (selection) {
      auto found = select_photos(*selection, options_, libvips_, *store_, logger_);
      if (!found) return tl::unexpected(found.error());
      chosen_ = std::move(*found);
      phase_done("select");
    }
    auto loaded = archive::load_known_photos(*store_);
    if (!loaded) return tl::unexpected(loaded.error());
    known_ = std::move(*loaded);
    phase_done("catalogue");
    return {};
  }

  Result<void> scan_photos() {
    scan::ScanOptions scan_options;
    scan_options.excluded = {options_.output};
    // Files the catalogue knows unchanged need not be opened to learn their format.
    scan_options.known_format = archive::known_format_from(known_);
    scan_options.prefer = options_.prefer;
    auto scanned = scan::scan_tree(options_.photos, scan_options);
    if (!scanned) return tl::unexpected(scanned.error());
    scanned_ = std::move(*scanned);
    report_.skipped = scanned_.problems;
    for (const auto& problem : scanned_.problems) logger_.warn(problem.describe() + " (skipped)");
    photos_ = scan::all_photos(scanned_.root);
    choices_ = photo_choices(options_, scanned_.root);
    phase_done("scan");
    if (chosen_) {
      std::erase_if(photos_, [&](const scan::SourceFile* file) {
        return !chosen_->contains(archive::catalogue_key(file->absolute_path));
      });
      logger_.info("Selected " + std::to_string(photos_.size()) + " photos with \"" +
                   options_.select + "\"");
    }
    logger_.info("Publishing " + std::to_string(photos_.size()) + " photos from " +
                 options_.photos.string() + " with " + std::to_string(worker_count(options_.jobs)) +
                 " workers");
    return {};
  }

  Result<void> mark_output_folder() {
    previous_ = site::read_manifest(options_.output);
    if (options_.dry_run) return {};
    std::error_code ec;
    std::filesystem::create_directories(options_.output, ec);
    if (ec) {
      return fail(ErrorCode::kIo, "cannot create output folder: " + ec.message(),
                  options_.output.string());
    }
    // The marker goes first, so that even a build killed at once leaves a folder that later
    // builds recognise as theirs.
    return site::write_manifest(options_.output, previous_);
  }

  // What each album's album.toml decides about its photos' images. A malformed file is reported
  // once, when the pages are made; its photos are made as if it were absent.

  // Publishes every photo with a fixed number of workers taking the next photo as they finish
  // one, so at most `jobs` photos are in memory at once however large the archive is.
  std::vector<Outcome> publish_all() {
    std::vector<Outcome> outcomes(photos_.size());
    const PhotoJobSettings settings = photo_job_settings(options_);
    if (progress_.start) progress_.start(static_cast<int>(photos_.size()));
    parallel_for(photos_.size(), worker_count(options_.jobs), [&](std::size_t i) {
      const auto started = clock_.now();
      const auto record = known_.find(archive::catalogue_key(photos_[i]->absolute_path));
      const auto chosen = choices_.find(photos_[i]);
      outcomes[i] = publish_photo(*photos_[i], record == known_.end() ? nullptr : &record->second,
                                  settings, libvips_, *store_,
                                  chosen == choices_.end() ? PhotoChoices{} : chosen->second);
      const auto ms =
          std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now() - started).count();
      if (*outcomes[i]) {
        const PublishedPhoto& photo = **outcomes[i];
        logger_.event("photo.published", {{"path", photos_[i]->relative_path},
                                          {"read", photo.read ? "1" : "0"},
                                          {"decoded", photo.decoded ? "1" : "0"},
                                          {"written", std::to_string(photo.files_written)},
                                          {"ms", std::to_string(ms)}});
      }
      if (progress_.advance) progress_.advance();
    });
    if (progress_.finish) progress_.finish();
    return outcomes;
  }

  // An assembly writes no page while a photo lacks its images: the site would show holes. It
  // fails naming them (the first ten, and how many in all).
  Result<void> check_assembly() const {
    if (!options_.assemble) return {};
    std::vector<std::string> missing;
    for (const auto& skipped : report_.skipped) {
      if (skipped.message == kImagesNotMadeYet) missing.push_back(skipped.path);
    }
    if (missing.empty()) return {};
    std::string names;
    for (std::size_t i = 0; i < missing.size() && i < 10; ++i) names += "\n  " + missing[i];
    if (missing.size() > 10) names += "\n  ...";
    return fail(ErrorCode::kIo, "cannot assemble: " + std::to_string(missing.size()) +
                                    " photo(s) have no images yet; run the shards that make them "
                                    "(build --shard I/N) to the end, then assemble again:" +
                                    names);
  }

  // The photos' outcomes into the report and this build's manifest, in scan order.
  void collect(std::vector<Outcome> outcomes) {
    for (std::size_t i = 0; i < photos_.size(); ++i) {
      auto& outcome = *outcomes[i];
      if (outcome && outcome->other_shard) {
        ++report_.other_shards;
        continue;
      }
      if (!outcome) {
        Error error = outcome.error();
        error.path = photos_[i]->absolute_path.string();
        logger_.warn(error.describe() + " (skipped)");
        report_.skipped.push_back(std::move(error));
        ++report_.failed;
        continue;
      }
      for (const auto& warning : outcome->warnings) {
        logger_.warn(photos_[i]->absolute_path.string() + ": " + warning);
      }
      count(*outcome);
      if (options_.dry_run) {
        for (const auto& d : outcome->planned_files) logger_.info("would write " + d.relative_path);
      }
      manifest_.sources.insert(site::source_id(photos_[i]->relative_path));
      for (const auto& d : outcome->derivatives) manifest_.files.insert(d.relative_path);
      if (outcome->original_path) manifest_.files.insert(*outcome->original_path);
      published_.emplace(photos_[i], std::move(*outcome));
    }
    // A shard sees only its photos: what the others publish is not gone.
    for (const auto& source : options_.shard ? std::set<std::string>{} : previous_.sources) {
      if (!manifest_.sources.contains(source)) ++report_.removed;
    }
  }

  void count(const PublishedPhoto& photo) {
    report_.fresh += photo.status == SourceStatus::kNew;
    report_.changed += photo.status == SourceStatus::kChanged;
    report_.unchanged += photo.status == SourceStatus::kUnchanged;
    report_.read += photo.read;
    report_.decoded += photo.decoded;
    report_.images_written += photo.files_written;
  }

  Result<void> write_pages() {
    auto tree = gallery_input(
        options_, scanned_.root,
        [&](const scan::SourceFile& file) -> std::optional<site::PhotoInput> {
          const auto it = published_.find(&file);
          if (it == published_.end()) return std::nullopt;
          PublishedPhoto& p = it->second;
          site::PhotoInput photo;
          photo.metadata = std::move(p.metadata);
          photo.thumbhash = p.thumbhash;
          photo.width = p.width;
          photo.height = p.height;
          photo.derivatives = std::move(p.derivatives);
          photo.original_path = p.original_path;
          return photo;
        },
        logger_, report_.skipped);
    const auto gallery = site::make_gallery(std::move(tree), options_.site.title);
    const site::SiteSettings settings = site_settings(gallery);
    site::PreviousRender previous_render;
    previous_render.album_fingerprints = previous_.album_fingerprints;
    previous_render.page_exists = [&](const std::string& page) {
      std::error_code exists_ec;
      return previous_.page_hashes.contains(page) &&
             std::filesystem::exists(options_.output / page, exists_ec);
    };
    auto rendered = site::render_site(gallery, settings, *theme_, previous_render);
    if (!rendered) return tl::unexpected(rendered.error());
    phase_done("render");
    manifest_.album_fingerprints = rendered->album_fingerprints;
    for (const auto& file : rendered->files) manifest_.files.insert(file.relative_path);
    // Pages kept from the last build are still this build's outputs.
    for (const auto& page : rendered->kept_pages) {
      manifest_.files.insert(page);
      manifest_.page_hashes[page] = previous_.page_hashes.at(page);
    }
    auto written = site::write_site_files(options_.output, rendered->files, previous_.page_hashes,
                                          manifest_.page_hashes, options_.dry_run);
    if (!written) return tl::unexpected(written.error());
    if (options_.dry_run) {
      for (const auto& page : written->changed) logger_.info("would write " + page);
    }
    phase_done("write");
    report_.pages_written = written->written;
    report_.pages_unchanged = written->unchanged + static_cast<int>(rendered->kept_pages.size());
    return {};
  }

  // The settings with the photographer's about.md. A missing About text or home cover costs
  // the visitor a paragraph or a picture, not the site: warned, and built without.
  site::SiteSettings site_settings(const site::Album& gallery) {
    site::SiteSettings settings = options_.site;
    if (auto about = read_about_text(options_.photos, options_.texts)) {
      settings.about = std::move(*about);
    } else {
      logger_.warn(about.error().describe() + " (the site is built without it)");
    }
    if (!settings.cover.empty() && site::find_photo(gallery, settings.cover) == nullptr) {
      logger_.warn("[site] cover \"" + settings.cover +
                   "\" is not a photo of this build; the home page shows the gallery's cover");
    }
    return settings;
  }

  // Outputs of photos, sizes or formats that are gone; everything else in the folder is left
  // be. Then the manifest of this build.
  Result<void> settle_outputs() {
    const auto stale = site::stale_outputs(options_.output, previous_, manifest_.files);
    if (options_.keep_stale || options_.dry_run) {
      for (const auto& file : stale) logger_.event("output.stale", {{"path", file}});
      if (options_.dry_run && !options_.keep_stale) {
        for (const auto& file : stale) logger_.info("would delete " + file);
      }
    } else {
      report_.stale_removed = site::remove_outputs(options_.output, stale);
    }
    // Stale files the build kept are still outputs of Vernissage, to be removed later.
    if (options_.keep_stale) {
      for (const auto& file : stale) manifest_.files.insert(file);
    }
    if (!options_.dry_run) {
      if (auto r = site::write_manifest(options_.output, manifest_); !r) return r;
    }
    phase_done("stale+manifest");
    report_.stale_found = static_cast<int>(stale.size());
    return {};
  }

  const BuildOptions& options_;
  const imaging::Libvips& libvips_;
  Logger& logger_;
  const Clock& clock_;
  const BuildProgress& progress_;
  const std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point phase_start_;

  std::optional<site::Theme> theme_;
  std::unique_ptr<catalogue::Catalogue> store_;
  std::optional<std::unordered_set<std::string>> chosen_;
  KnownPhotos known_;
  scan::ScanResult scanned_;
  std::vector<const scan::SourceFile*> photos_;
  std::map<const scan::SourceFile*, PhotoChoices> choices_;  // from album.toml, by photo
  site::SiteManifest previous_;
  site::SiteManifest manifest_;
  std::map<const scan::SourceFile*, PublishedPhoto> published_;
  BuildReport report_;
};

}  // namespace

Result<BuildReport> build_site(const BuildOptions& options, const imaging::Libvips& libvips,
                               const Context& context, const BuildProgress& progress) {
  return SiteBuild(options, libvips, context, progress).run();
}

}  // namespace vern::publish
