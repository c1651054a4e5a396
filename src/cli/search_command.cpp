#include "cli/search_command.h"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "catalogue/catalogue.h"
#include "catalogue/search_query.h"
#include "cli/catalogue_location.h"
#include "cli/exit_codes.h"
#include "cli/metadata_json.h"
#include "site/exif_display.h"

namespace vern::cli {
namespace {

constexpr const char* kQueryHelp =
    "Query: words match title, caption, keywords, creator and file name (as prefixes; case and "
    "accents ignored; \"quoted phrases\" whole). Filters: camera:nikon lens:35mm taken:2019 "
    "taken:2019-05..2021-03 iso:>3200 focal:35 focal:24..70 keyword:siberia rating:>=4 "
    "album:moscow format:jpeg missing:yes|no|any (default no) picked:lemonde (picked by the "
    "recipient of a share link, case and spaces ignored; picked:any). All parts must match; "
    "several format: filters mean any of them.";

// Display width of UTF-8 text, counting code points (the archive's names are mostly Latin and
// Cyrillic, one column each).
std::size_t columns(const std::string& text) {
  std::size_t count = 0;
  for (const unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

// A file name may hold control characters (an escape sequence could recolour or rewrite the
// terminal): the table shows them as '?'. --paths and --json give names as they are.
std::string printable(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  }
  return text;
}

std::string fit(const std::string& text, std::size_t width) {
  if (columns(text) <= width) return text + std::string(width - columns(text), ' ');
  std::string out;
  std::size_t used = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80 && ++used > width - 1) break;
    out += text[i];
  }
  return out + "…";
}

std::string exposure(const PhotoMetadata& m) {
  std::string out;
  for (const auto& part :
       {site::format_focal_length(m.focal_length_mm), site::format_aperture(m.aperture),
        site::format_exposure_time(m.exposure_time_s), site::format_iso(m.iso)}) {
    if (!part.empty()) out += (out.empty() ? "" : " ") + part;
  }
  return out;
}

std::string stars(const std::optional<int>& rating) {
  std::string out;
  for (int i = 0; i < rating.value_or(0) && i < 5; ++i) out += "★";
  return out;
}

void print_table(const std::vector<catalogue::PhotoRecord>& found) {
  struct Row {
    std::string taken, camera, exposure, rating, path;
  };
  std::vector<Row> rows;
  Row header{"TAKEN", "CAMERA", "EXPOSURE", "RATING", "PATH"};
  std::size_t w_camera = columns(header.camera), w_exposure = columns(header.exposure);
  for (const auto& r : found) {
    const auto& m = r.metadata;
    Row row{m.taken_at ? m.taken_at->substr(0, 16) : "",
            printable(site::format_camera(m.camera_make, m.camera_model)), exposure(m),
            stars(m.rating), printable(r.path) + (r.missing ? "  (missing)" : "")};
    // A RAW+JPEG pair is one photo: its other file is named on the same line.
    for (const auto& companion : r.companions) {
      row.path += " + " + printable(std::filesystem::path(companion).filename().string());
    }
    if (!row.taken.empty() && row.taken.size() > 10) row.taken[10] = ' ';
    w_camera = std::min<std::size_t>(std::max(w_camera, columns(row.camera)), 28);
    w_exposure = std::min<std::size_t>(std::max(w_exposure, columns(row.exposure)), 34);
    rows.push_back(std::move(row));
  }
  const auto line = [&](const Row& row) {
    std::cout << fit(row.taken, 16) << "  " << fit(row.camera, w_camera) << "  "
              << fit(row.exposure, w_exposure) << "  " << fit(row.rating, 6) << "  " << row.path
              << "\n";
  };
  line(header);
  for (const auto& row : rows) line(row);
}

nlohmann::ordered_json record_json(const catalogue::PhotoRecord& r) {
  auto object = metadata_json(r.path, format_from_name(r.format), r.metadata);
  object["id"] = r.id;
  object["size_bytes"] = r.size_bytes;
  object["content_hash"] = r.content_hash;
  object["missing"] = r.missing;
  object["label"] = r.metadata.label ? nlohmann::ordered_json(*r.metadata.label) : nullptr;
  object["companions"] = r.companions;
  return object;
}

}  // namespace

int run_search(const SearchCommand& command, Logger& logger) {
  auto query = catalogue::parse_search_query(command.query);
  if (!query) {
    logger.error("search: " + query.error().message);
    return kExitFatal;
  }
  if (!command.sort.empty()) {
    const auto field = catalogue::sort_field_from_name(command.sort);
    if (!field) {
      logger.error("--sort: unknown field \"" + command.sort +
                   "\" (fields: " + catalogue::kSortFieldNames + ")");
      return kExitFatal;
    }
    query->sort = *field;
  }
  query->reverse = command.reverse;
  query->limit = command.limit;
  auto store =
      catalogue::open_catalogue(command.catalogue.string(), catalogue::OpenMode::kExisting);
  if (!store) {
    logger.error(store.error().describe());
    return kExitFatal;
  }
  const auto started = std::chrono::steady_clock::now();
  auto found = (*store)->search(*query);
  if (!found) {
    logger.error(found.error().describe());
    return kExitFatal;
  }
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  logger.event("search.done",
               {{"photos", std::to_string(found->size())}, {"us", std::to_string(us)}});
  switch (command.output) {
    case SearchOutput::kPaths:
      for (const auto& r : *found) std::cout << r.path << "\n";
      break;
    case SearchOutput::kJson: {
      auto array = nlohmann::ordered_json::array();
      for (const auto& r : *found) array.push_back(record_json(r));
      std::cout << array.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      break;
    }
    case SearchOutput::kTable:
      if (!found->empty()) print_table(*found);
      logger.info(std::to_string(found->size()) + (found->size() == 1 ? " photo" : " photos"));
      break;
  }
  return found->empty() ? kExitNothingFound : kExitOk;
}

Command add_search_command(CLI::App& app) {
  struct Flags {
    SearchCommand command;
    std::vector<std::string> words;
    std::string catalogue;
    bool json = false, paths = false, verbose = false;
  };
  auto flags = std::make_shared<Flags>();
  auto* search = app.add_subcommand("search", "Find photos in the catalogue.");
  search->footer(std::string(kQueryHelp) +
                 "\nExamples:\n  vernissage search red square camera:nikon taken:2019\n"
                 "  vernissage search keyword:siberia 'rating:>=4' --paths | xargs ...\n"
                 "Exit codes: 0 photos found; 1 none matched; 2 bad query or catalogue.");
  search->add_option("QUERY", flags->words, "Words and filters (empty: every photo)");
  add_catalogue_flag(*search, flags->catalogue);
  search->add_flag("--json", flags->json,
                   "A JSON array, an object per photo (the info schema + id, size_bytes, "
                   "content_hash, missing)");
  search->add_flag("--paths", flags->paths, "One path a line, for piping into other tools");
  search->add_option("-n,--limit", flags->command.limit, "At most this many photos")
      ->check(CLI::Range(1, 100'000'000));
  search->add_option("--sort", flags->command.sort,
                     std::string("Order: ") + catalogue::kSortFieldNames +
                         " (default: relevance with words, else taken)");
  search->add_flag("--reverse", flags->command.reverse, "Reverse the order");
  search->add_flag("-v,--verbose", flags->verbose, "Print how long the query took");
  return {search, [flags](const char*) {
            Logger logger(std::cerr, flags->verbose ? Verbosity::kVerbose : Verbosity::kNormal);
            auto location = catalogue_location(flags->catalogue);
            if (!location) {
              logger.error(location.error().describe());
              return kExitFatal;
            }
            SearchCommand& command = flags->command;
            command.catalogue = *location;
            for (const auto& word : flags->words) {
              command.query += (command.query.empty() ? "" : " ") + word;
            }
            command.output = flags->json    ? SearchOutput::kJson
                             : flags->paths ? SearchOutput::kPaths
                                            : SearchOutput::kTable;
            return run_search(command, logger);
          }};
}

}  // namespace vern::cli
