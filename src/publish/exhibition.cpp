#include "publish/exhibition.h"

#include <unordered_set>

#include "archive/indexer.h"
#include "archive/photo_facts.h"
#include "catalogue/catalogue_tables.h"
#include "catalogue/search_query.h"
#include "publish/gallery_input.h"

namespace vern::publish {
Result<Exhibition> plan_exhibition(const BuildOptions& options, const imaging::Libvips& libvips,
                                   Logger& logger) {
  auto store = catalogue::open_catalogue(options.catalogue.string());
  if (!store) return tl::unexpected(store.error());
  archive::IndexOptions index;
  index.roots = {options.photos};
  if (!options.output.empty()) index.excluded = {options.output};
  index.jobs = options.jobs;
  index.max_pixels = options.imaging.max_pixels;
  index.prefer = options.prefer;
  auto indexed = archive::index_photos(index, libvips, **store);
  if (!indexed) return tl::unexpected(indexed.error());
  Exhibition exhibition;
  exhibition.problems = indexed->problems;
  for (const auto& problem : indexed->problems) logger.warn(problem.describe() + " (left out)");

  std::optional<std::unordered_set<std::string>> chosen;
  if (!options.select.empty()) {
    auto query = catalogue::parse_search_query(options.select);
    if (!query) return fail(query.error().code, "--select: " + query.error().message);
    query->under = {archive::catalogue_key(options.photos)};
    query->limit = 0;
    auto found = (*store)->search(*query);
    if (!found) return tl::unexpected(found.error());
    chosen.emplace();
    for (const auto& record : *found) chosen->insert(record.path);
  }
  auto known = archive::load_known_photos(**store);
  if (!known) return tl::unexpected(known.error());

  scan::ScanOptions scan_options;
  if (!options.output.empty()) scan_options.excluded = {options.output};
  scan_options.known_format = archive::known_format_from(*known);
  scan_options.prefer = options.prefer;
  auto scanned = scan::scan_tree(options.photos, scan_options);
  if (!scanned) return tl::unexpected(scanned.error());

  for (const auto& [file, decided] : photo_choices(options, scanned->root)) {
    exhibition.choices.emplace(file->relative_path, decided);
  }
  auto tree = gallery_input(
      options, scanned->root,
      [&](const scan::SourceFile& file) -> std::optional<site::PhotoInput> {
        const std::string key = archive::catalogue_key(file.absolute_path);
        if (chosen && !chosen->contains(key)) return std::nullopt;
        const auto record = known->find(key);
        if (record == known->end()) return std::nullopt;  // not readable: named by the index
        exhibition.sources.emplace(file.relative_path, file);
        exhibition.records.emplace(file.relative_path, record->second);
        site::PhotoInput photo;
        photo.metadata = record->second.metadata;
        // The catalogue records the size as displayed (turned by the orientation in force).
        photo.width = photo.metadata.width.value_or(0);
        photo.height = photo.metadata.height.value_or(0);
        photo.thumbhash = record->second.thumbhash;
        return photo;
      },
      logger, exhibition.problems);
  exhibition.gallery = site::make_gallery(std::move(tree), options.site.title);
  return exhibition;
}

}  // namespace vern::publish
