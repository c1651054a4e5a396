#include "cli/duplicates_command.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "archive/duplicate_groups.h"
#include "archive/photo_facts.h"
#include "catalogue/catalogue.h"
#include "cli/catalogue_location.h"
#include "cli/exit_codes.h"

namespace vern::cli {
namespace {

std::string file_size(std::uintmax_t bytes) {
  char text[32];
  if (bytes >= 1'000'000) {
    std::snprintf(text, sizeof text, "%.1f MB", bytes / 1e6);
  } else {
    std::snprintf(text, sizeof text, "%.0f KB", bytes / 1e3);
  }
  return text;
}

bool touches(const archive::DuplicateGroup& group, const std::vector<std::string>& folders) {
  if (folders.empty()) return true;
  return std::any_of(group.members.begin(), group.members.end(),
                     [&](const auto& m) { return archive::is_under(m.photo->path, folders); });
}

void print_text(const std::vector<const archive::DuplicateGroup*>& groups) {
  int number = 0;
  for (const auto* group : groups) {
    const auto& best = *group->members[0].photo;
    std::cout << "Group " << ++number << " (" << (group->exact ? "identical files" : "similar")
              << ", " << group->members.size() << " photos): keep " << best.path << " — "
              << group->why << "\n";
    for (const auto& m : group->members) {
      const bool is_best = m.photo == &best;
      std::cout << (is_best ? "  * " : "    ") << m.photo->path << "  "
                << archive::dimensions(*m.photo) << ", " << file_size(m.photo->size_bytes) << ", "
                << m.metadata_fields << " metadata fields";
      if (!is_best) {
        std::cout << (m.same_content_as_best ? ", identical file"
                                             : ", distance " + std::to_string(m.distance));
      }
      std::cout << "\n";
    }
  }
}

void print_json(const std::vector<const archive::DuplicateGroup*>& groups, int threshold) {
  nlohmann::ordered_json out;
  out["threshold"] = threshold;
  out["groups"] = nlohmann::ordered_json::array();
  for (const auto* group : groups) {
    nlohmann::ordered_json g;
    g["kind"] = group->exact ? "exact" : "similar";
    g["best"] = group->members[0].photo->path;
    g["why"] = group->why;
    g["photos"] = nlohmann::ordered_json::array();
    for (const auto& m : group->members) {
      nlohmann::ordered_json p;
      p["path"] = m.photo->path;
      p["format"] = m.photo->format;
      p["width"] = m.photo->metadata.width.value_or(0);
      p["height"] = m.photo->metadata.height.value_or(0);
      p["size_bytes"] = m.photo->size_bytes;
      p["metadata_fields"] = m.metadata_fields;
      p["same_content_as_best"] = m.same_content_as_best;
      p["distance"] = m.distance;
      g["photos"].push_back(std::move(p));
    }
    out["groups"].push_back(std::move(g));
  }
  std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace

int run_duplicates(const DuplicatesCommand& command, Logger& logger) {
  auto store =
      catalogue::open_catalogue(command.catalogue.string(), catalogue::OpenMode::kExisting);
  if (!store) {
    logger.error(store.error().describe());
    return kExitFatal;
  }
  auto photos = (*store)->all();
  if (!photos) {
    logger.error(photos.error().describe());
    return kExitFatal;
  }
  int unhashed = 0;
  for (const auto& p : *photos) unhashed += !p.missing && !p.perceptual_hash;
  if (unhashed > 0) {
    logger.warn(std::to_string(unhashed) +
                " photo(s) have no similarity hash yet and are compared by content only; run "
                "`vernissage index` on their folders");
  }
  const auto groups = archive::find_duplicates(*photos, command.threshold);
  std::vector<std::string> folders;
  for (const auto& folder : command.under) {
    folders.push_back(archive::catalogue_key(folder));
  }
  std::vector<const archive::DuplicateGroup*> shown;
  for (const auto& group : groups) {
    if (touches(group, folders)) shown.push_back(&group);
  }
  if (command.json) {
    print_json(shown, command.threshold);
  } else {
    print_text(shown);
    logger.info(std::to_string(shown.size()) + " group(s) of duplicates among " +
                std::to_string(photos->size()) + " photos (similarity threshold " +
                std::to_string(command.threshold) + " bits)");
  }
  return shown.empty() ? kExitNothingFound : kExitOk;
}

Command add_duplicates_command(CLI::App& app) {
  struct Flags {
    DuplicatesCommand command;
    std::string catalogue;
  };
  auto flags = std::make_shared<Flags>();
  flags->command.threshold = archive::kDefaultSimilarityThreshold;
  auto* duplicates = app.add_subcommand(
      "duplicates", "List groups of identical or near-identical photos in the catalogue.");
  duplicates->footer(
      "Near-identical: resized, recompressed, stripped of metadata or lightly cropped copies, "
      "by perceptual hash (docs/duplicates.md). The best copy (largest, then most metadata) "
      "comes first.\nExit codes: 0 duplicates found; 1 none; 2 error.");
  add_catalogue_flag(*duplicates, flags->catalogue);
  duplicates->add_flag("--json", flags->command.json, "JSON: {threshold, groups: [...]}");
  duplicates
      ->add_option("--threshold", flags->command.threshold,
                   "Most differing hash bits for a near-duplicate (default: 12; 0: same "
                   "picture only)")
      ->check(CLI::Range(0, archive::kMaxSimilarityThreshold));
  duplicates->add_option("--under", flags->command.under,
                         "Only groups with a photo under this folder (did I import this card?)");
  return {duplicates, [flags](const char*) {
            Logger logger(std::cerr, Verbosity::kNormal);
            auto location = catalogue_location(flags->catalogue);
            if (!location) {
              logger.error(location.error().describe());
              return kExitFatal;
            }
            flags->command.catalogue = *location;
            return run_duplicates(flags->command, logger);
          }};
}

}  // namespace vern::cli
