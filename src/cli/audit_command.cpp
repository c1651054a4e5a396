#include "cli/audit_command.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <vector>

#include "archive/photo_facts.h"
#include "cli/catalogue_location.h"
#include "cli/exit_codes.h"
#include "core/ascii_case.h"
#include "core/file_bytes.h"
#include "metadata/privacy_findings.h"
#include "site/site_writer.h"

namespace vern::cli {
namespace {

namespace fs = std::filesystem;

bool has_extension(const fs::path& path, const std::set<std::string>& extensions) {
  return extensions.contains(ascii_lower(path.extension().string()));
}

// Text that gives a position away: geotag meta tags, GPS field names, coordinate keys in JSON,
// and the "Location" fact of Vernissage's own photo pages.
std::vector<std::string> text_findings(const std::string& text) {
  static const std::vector<std::pair<std::regex, std::string>> kPatterns = {
      {std::regex(R"(GPS(Latitude|Longitude|Position|Altitude))", std::regex::icase), "GPS field"},
      {std::regex(R"re(name="(geo\.position|ICBM|geo\.placename)")re", std::regex::icase),
       "geotag meta tag"},
      {std::regex(R"re("(gps_lat|gps_lon|latitude|longitude)"\s*:\s*-?[0-9])re"),
       "coordinates in JSON"},
      {std::regex(R"(<dt>Location</dt>)"), "location shown on the page"},
      {std::regex(R"(<georss:point>|<geo:lat>)"), "location in a feed"},
  };
  std::vector<std::string> findings;
  for (const auto& [pattern, what] : kPatterns) {
    if (std::regex_search(text, pattern)) findings.push_back(what);
  }
  return findings;
}

// The site's marker names what the build made; one written before source ids also named every
// photo of the photo folder by its path.
std::vector<std::string> marker_findings(const std::string& text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object() || !json.contains("sources") || !json["sources"].is_array() ||
      json["sources"].empty()) {
    return {};
  }
  return {"names " + std::to_string(json["sources"].size()) +
          " files of the photo folder by their paths (a marker from an older Vernissage; the "
          "next build replaces it)"};
}

// With --photos: the paths of the photo folder's files, relative to it, as a page or feed would
// spell them ("Client Dupont/IMG_0042.jpg").
std::vector<std::string> source_paths(const fs::path& photos) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(photos, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) {
      paths.push_back(it->path().lexically_relative(photos).generic_string());
    }
  }
  return paths;
}

std::vector<std::string> source_path_findings(const std::string& text,
                                              const std::vector<std::string>& sources) {
  std::size_t named = 0;
  std::string example;
  for (const auto& source : sources) {
    if (text.find(source) == std::string::npos) continue;
    if (named++ == 0) example = source;
  }
  if (named == 0) return {};
  return {"names " + std::to_string(named) + " file(s) of the photo folder by path (\"" + example +
          "\")"};
}

}  // namespace

// Names, as warnings (they are no privacy finding), the photos under `photos` that the catalogue
// records as shown turned otherwise than their orientation tag says: a tag the pixels contradict,
// or a sidecar's orientation. A catalogue that does not exist yet names none.
void report_overruled_orientations(const fs::path& photos, const std::string& catalogue_flag,
                                   Logger& logger) {
  auto tables = open_existing_tables(catalogue_flag == "-" ? "" : catalogue_flag);
  if (!tables) return;
  auto records = tables->photos->all();
  if (!records) return;
  const std::vector<std::string> under = {archive::catalogue_key(photos)};
  for (const auto& record : *records) {
    if (record.file_orientation == 0 || record.missing || !archive::is_under(record.path, under)) {
      continue;
    }
    logger.warn(record.path + ": shown with orientation " +
                std::to_string(record.metadata.orientation.value_or(1)) + ", not its tag's " +
                std::to_string(record.file_orientation) +
                " (the tag contradicts the pixels, or a sidecar says so); [photos.\"" +
                fs::path(record.path).filename().string() +
                "\"] orientation in album.toml decides");
  }
}

int run_audit(const fs::path& site, Logger& logger, const std::optional<fs::path>& photos,
              const std::string& catalogue_flag) {
  std::error_code ec;
  if (!fs::is_directory(site, ec)) {
    logger.error(site.string() + ": not a folder");
    return kExitFatal;
  }
  static const std::set<std::string> kImages = {".jpg", ".jpeg", ".webp", ".avif", ".png",
                                                ".tif", ".tiff", ".heic", ".heif"};
  static const std::set<std::string> kTexts = {".html", ".htm", ".xml",  ".json",
                                               ".js",   ".txt", ".atom", ".rss"};
  std::vector<fs::path> files;
  for (fs::recursive_directory_iterator it(site, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  const std::vector<std::string> sources =
      photos ? source_paths(*photos) : std::vector<std::string>{};
  int flagged = 0, checked = 0;
  for (const auto& file : files) {
    std::vector<std::string> findings;
    const bool marker = file.filename() == site::kSiteMarker;
    if (marker || has_extension(file, kTexts)) {
      // Read once for every check of its text.
      const std::string text = read_text_file(file).value_or("");
      findings = marker ? marker_findings(text) : text_findings(text);
      for (auto& finding : source_path_findings(text, sources)) {
        findings.push_back(std::move(finding));
      }
    } else if (has_extension(file, kImages)) {
      findings = metadata::privacy_findings(file);
    } else {
      continue;
    }
    ++checked;
    if (findings.empty()) continue;
    ++flagged;
    std::string line = file.lexically_relative(site).string() + ": ";
    for (std::size_t i = 0; i < findings.size(); ++i) line += (i ? ", " : "") + findings[i];
    std::cout << line << "\n";
  }
  if (photos && !catalogue_flag.empty())
    report_overruled_orientations(*photos, catalogue_flag, logger);
  logger.info("Audited " + std::to_string(checked) + " files: " +
              (flagged == 0
                   ? std::string("nothing carries location, serial numbers or camera EXIF") +
                         (photos ? " or names a file of the photo folder" : "")
                   : std::to_string(flagged) + " carry what a public site should not"));
  return flagged == 0 ? kExitOk : kExitSomeSkipped;
}

Command add_audit_command(CLI::App& app) {
  struct Flags {
    std::string site, photos, catalogue;
  };
  auto flags = std::make_shared<Flags>();
  auto* audit = app.add_subcommand(
      "audit",
      "List files of a built site that carry location, serial numbers, camera EXIF or the "
      "photo folder's file names.");
  audit->footer(
      "Exit codes: 0 nothing found; 1 something found (listed on stdout); 2 usage error.");
  audit->add_option("SITE", flags->site, "A folder written by vernissage build")->required();
  audit
      ->add_option("--photos", flags->photos,
                   "The photo folder the site was built from: also report pages, feeds and "
                   "the site's marker that name one of its files by path, and warn of its photos "
                   "the catalogue shows turned otherwise than their orientation tag")
      ->check(CLI::ExistingDirectory);
  add_catalogue_flag(*audit, flags->catalogue);
  return {audit, [flags](const char*) {
            Logger logger(std::cerr, Verbosity::kNormal);
            std::optional<fs::path> photos;
            if (!flags->photos.empty()) photos = flags->photos;
            // With --photos, the photos the build showed turned otherwise than their tags say
            // are named from the catalogue ("-" when none is given: the default one).
            return run_audit(flags->site, logger, photos,
                             flags->catalogue.empty() ? "-" : flags->catalogue);
          }};
}

}  // namespace vern::cli
