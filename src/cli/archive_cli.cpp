#include "cli/archive_cli.h"

#include <iostream>

#include "archive/duplicate_groups.h"
#include "catalogue/search_query.h"
#include "cli/catalogue_location.h"
#include "cli/exit_codes.h"
#include "imaging/derivative_plan.h"
#include "imaging/libvips.h"

namespace vern::cli {
namespace {

constexpr const char* kQueryHelp =
    "Query: words match title, caption, keywords, creator and file name (as prefixes; case and "
    "accents ignored; \"quoted phrases\" whole). Filters: camera:nikon lens:35mm taken:2019 "
    "taken:2019-05..2021-03 iso:>3200 focal:35 focal:24..70 keyword:siberia rating:>=4 "
    "album:moscow format:jpeg missing:yes|no|any (default no). All parts must match; several "
    "format: filters mean any of them.";

}  // namespace

ArchiveCommands::ArchiveCommands(CLI::App& app) {
  duplicates_command_.threshold = archive::kDefaultSimilarityThreshold;
  index_ = app.add_subcommand(
      "index", "Record the photos under folders in the catalogue, for search and duplicates.");
  index_->footer(std::string("Unchanged files are not read again; moved files keep their identity; "
                             "files no longer found are marked missing (--prune forgets them).\n") +
                 kExitCodeHelp);
  index_->add_option("PHOTOS", index_command_.roots, "Folders of photographs")
      ->required()
      ->check(CLI::ExistingDirectory);
  index_->add_option("--catalogue", index_catalogue_, kCatalogueHelp);
  index_->add_flag("--prune", index_command_.prune,
                   "Forget photos no longer found under the folders (default: mark them missing)");
  index_
      ->add_option("-j,--jobs", index_command_.jobs, "Photos read in parallel (default: cores + 1)")
      ->check(CLI::Range(1, 1024));
  index_
      ->add_option("--max-megapixels", index_max_megapixels_,
                   "Refuse images larger than this before decoding (default: 200)")
      ->check(CLI::Range(1LL, 100000LL));
  index_->add_flag("-q,--quiet", index_quiet_, "Print only warnings and errors");

  search_ = app.add_subcommand("search", "Find photos in the catalogue.");
  search_->footer(std::string(kQueryHelp) +
                  "\nExamples:\n  vernissage search red square camera:nikon taken:2019\n"
                  "  vernissage search keyword:siberia 'rating:>=4' --paths | xargs ...\n"
                  "Exit codes: 0 photos found; 1 none matched; 2 bad query or catalogue.");
  search_->add_option("QUERY", search_words_, "Words and filters (empty: every photo)");
  search_->add_option("--catalogue", search_catalogue_, kCatalogueHelp);
  search_->add_flag("--json", search_json_,
                    "A JSON array, an object per photo (the info schema + id, size_bytes, "
                    "content_hash, missing)");
  search_->add_flag("--paths", search_paths_, "One path a line, for piping into other tools");
  search_->add_option("-n,--limit", search_command_.limit, "At most this many photos")
      ->check(CLI::Range(1, 100'000'000));
  search_->add_option("--sort", search_command_.sort,
                      std::string("Order: ") + catalogue::kSortFieldNames +
                          " (default: relevance with words, else taken)");
  search_->add_flag("--reverse", search_command_.reverse, "Reverse the order");
  search_->add_flag("-v,--verbose", search_verbose_, "Print how long the query took");

  duplicates_ = app.add_subcommand(
      "duplicates", "List groups of identical or near-identical photos in the catalogue.");
  duplicates_->footer(
      "Near-identical: resized, recompressed, stripped of metadata or lightly cropped copies, "
      "by perceptual hash (docs/duplicates.md). The best copy (largest, then most metadata) "
      "comes first.\nExit codes: 0 duplicates found; 1 none; 2 error.");
  duplicates_->add_option("--catalogue", duplicates_catalogue_, kCatalogueHelp);
  duplicates_->add_flag("--json", duplicates_command_.json, "JSON: {threshold, groups: [...]}");
  duplicates_
      ->add_option("--threshold", duplicates_command_.threshold,
                   "Most differing hash bits for a near-duplicate (default: 12; 0: same "
                   "picture only)")
      ->check(CLI::Range(0, archive::kMaxSimilarityThreshold));
  duplicates_->add_option("--under", duplicates_command_.under,
                          "Only groups with a photo under this folder (did I import this card?)");
}

int ArchiveCommands::run(const char* argv0) {
  const bool verbose = search_->parsed() && search_verbose_;
  Logger logger(std::cerr, index_quiet_ ? Verbosity::kQuiet
                           : verbose    ? Verbosity::kVerbose
                                        : Verbosity::kNormal);
  const std::string& flag = index_->parsed()    ? index_catalogue_
                            : search_->parsed() ? search_catalogue_
                                                : duplicates_catalogue_;
  auto location = catalogue_location(flag);
  if (!location) {
    logger.error(location.error().describe());
    return kExitFatal;
  }
  if (duplicates_->parsed()) {
    duplicates_command_.catalogue = *location;
    return run_duplicates(duplicates_command_, logger);
  }
  if (search_->parsed()) {
    search_command_.catalogue = *location;
    for (const auto& word : search_words_) {
      search_command_.query += (search_command_.query.empty() ? "" : " ") + word;
    }
    search_command_.output = search_json_    ? SearchOutput::kJson
                             : search_paths_ ? SearchOutput::kPaths
                                             : SearchOutput::kTable;
    return run_search(search_command_, logger);
  }
  index_command_.catalogue = *location;
  index_command_.max_pixels = imaging::pixels_in_megapixels(index_max_megapixels_);
  // Photos are read one per worker; libvips' own threads would only compete with them.
  const imaging::Libvips libvips(argv0, 1);
  return run_index(index_command_, libvips, logger);
}

}  // namespace vern::cli
