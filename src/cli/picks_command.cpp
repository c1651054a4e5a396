#include "cli/picks_command.h"

#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include "catalogue/share_table.h"
#include "cli/catalogue_location.h"
#include "cli/exit_codes.h"
#include "core/atomic_write.h"
#include "core/logger.h"
#include "proofing/picks.h"

namespace vern::cli {
namespace {

struct PicksFlags {
  std::string catalogue, format, output, sidecar_style = "darktable";
  std::optional<std::int64_t> share;
  std::int64_t export_share = 0;
  bool json = false, csv = false, force = false, to_catalogue = false, overwrite_ratings = false;
};

// Without a link: a line per link with its counts.
void print_counts(const std::vector<catalogue::Share>& links,
                  const std::vector<proofing::PickRow>& rows) {
  struct Counts {
    int picked = 0, rejected = 0, rated = 0, commented = 0;
  };
  std::map<std::int64_t, Counts> counts;
  for (const auto& row : rows) {
    auto& c = counts[row.share];
    c.picked += row.state == "pick";
    c.rejected += row.state == "reject";
    c.rated += row.rating.has_value();
    c.commented += row.comment.has_value();
  }
  for (const auto& link : links) {
    const auto& c = counts[link.id];
    std::cout << link.id << "  " << link.recipient << "  " << c.picked << " picked, " << c.rejected
              << " rejected, " << c.rated << " rated, " << c.commented << " commented  "
              << (link.sent ? "sent " + *link.sent : "not sent") << "\n";
  }
}

void print_rows(const std::vector<proofing::PickRow>& rows) {
  for (const auto& row : rows) {
    std::cout << row.updated << "  " << (row.state ? *row.state : "-") << "  "
              << (row.rating ? std::string(static_cast<std::size_t>(*row.rating), '*') : "-")
              << "  " << row.path << (row.comment ? "  \"" + *row.comment + "\"" : "")
              << (row.sent ? "" : "  (not sent)") << "\n";
  }
}

int run_export(const PicksFlags& flags, const std::vector<proofing::PickRow>& rows,
               Logger& logger) {
  const auto id = std::to_string(flags.export_share);
  if (flags.format == "xmp") {
    if (flags.output.empty()) {
      logger.error("picks export --format xmp needs -o DIR (the folder for the sidecars)");
      return kExitFatal;
    }
    const auto style = flags.sidecar_style == "adobe" ? proofing::SidecarStyle::kAdobe
                                                      : proofing::SidecarStyle::kDarktable;
    auto written = proofing::write_xmp_sidecars(rows, flags.output, style, flags.force);
    if (!written) {
      logger.error(written.error().describe());
      return kExitFatal;
    }
    for (const auto& file : *written) std::cout << file.string() << "\n";
    return kExitOk;
  }
  std::string text;
  std::string name;
  if (flags.format == "csv") {
    text = proofing::picks_csv(rows);
    name = "picks-" + id + ".csv";
  } else {
    const auto lines = proofing::filter_lines(rows);
    for (const auto& row : rows) {
      if (row.state == "pick" &&
          std::filesystem::path(row.path).stem().string().find(' ') != std::string::npos) {
        logger.warn(row.path + ": the name holds spaces; Lightroom's filter gets its longest word");
      }
    }
    text = "Lightroom (Library filter, Text, Filename, Contains): " + lines.lightroom +
           "\nCapture One (File Name, any of): " + lines.capture_one + "\n";
    name = "picks-" + id + "-filters.txt";
  }
  if (flags.output.empty()) {
    std::cout << text;
    return kExitOk;
  }
  const auto file = std::filesystem::path(flags.output) / name;
  if (!flags.force && std::filesystem::exists(file)) {
    logger.error(file.string() + ": exists already (--force writes over it)");
    return kExitFatal;
  }
  if (auto r = write_file_atomically(file, text); !r) {
    logger.error(r.error().describe());
    return kExitFatal;
  }
  std::cout << file.string() << "\n";
  return kExitOk;
}

}  // namespace

Command add_picks_command(CLI::App& app) {
  auto flags = std::make_shared<PicksFlags>();
  auto* picks = app.add_subcommand(
      "picks", "What recipients of share links picked, rejected, rated and said.");
  picks->footer(
      "Exit codes: 0 done (also when nothing is marked); 2 no such link, or cannot write.");
  picks->add_option("SHARE", flags->share, "A link's id (share list); none: every link's counts");
  auto* json = picks->add_flag("--json", flags->json,
                               "A JSON array, an object per marked photo: share, to, path, state, "
                               "rating, comment, sent, updated");
  auto* csv = picks->add_flag("--csv", flags->csv, "CSV (UTF-8 with BOM, as Excel wants it)");
  json->excludes(csv);
  picks->add_flag("--to-catalogue", flags->to_catalogue,
                  "Copy the recipients' ratings into the catalogue (search rating:>=4 finds them); "
                  "picks are searchable anyway with picked:NAME");
  picks->add_flag("--overwrite-ratings", flags->overwrite_ratings,
                  "With --to-catalogue: also over the photographer's own ratings");
  add_catalogue_flag(*picks, flags->catalogue);
  auto* exporting = picks->add_subcommand("export", "Hand one link's picks to other tools");
  exporting->add_option("SHARE", flags->export_share, "The link's id")->required();
  exporting
      ->add_option("--format", flags->format,
                   "csv (a spreadsheet), lightroom (filter lines for Lightroom and Capture One), "
                   "xmp (a sidecar per picked, rejected or rated photo)")
      ->required()
      ->check(CLI::IsMember({"csv", "lightroom", "xmp"}));
  exporting->add_option("-o,--output", flags->output,
                        "Folder to write into (default: standard output; xmp needs one)");
  exporting
      ->add_option("--sidecar-style", flags->sidecar_style,
                   "darktable (NAME.EXT.xmp, default) or adobe (NAME.xmp)")
      ->check(CLI::IsMember({"darktable", "adobe"}));
  exporting->add_flag("--force", flags->force, "Write over files that exist");
  add_catalogue_flag(*exporting, flags->catalogue);
  return {picks, [=](const char*) {
            Logger logger(std::cerr, Verbosity::kNormal);
            auto tables = open_existing_tables(flags->catalogue);
            if (!tables) {
              logger.error(tables.error().describe());
              return kExitFatal;
            }
            const bool exported = exporting->parsed();
            const auto which =
                exported ? std::optional<std::int64_t>(flags->export_share) : flags->share;
            auto rows = proofing::pick_rows(*tables->shares, *tables->photos, which);
            if (!rows) {
              logger.error(rows.error().describe());
              return kExitFatal;
            }
            if (exported) return run_export(*flags, *rows, logger);
            if (flags->to_catalogue) {
              auto changed =
                  proofing::ratings_to_catalogue(*rows, *tables->photos, flags->overwrite_ratings);
              if (!changed) {
                logger.error(changed.error().describe());
                return kExitFatal;
              }
              logger.info(std::to_string(*changed) + " ratings copied into the catalogue");
            }
            if (flags->json) {
              std::cout << proofing::picks_json(*rows) << "\n";
            } else if (flags->csv) {
              std::cout << proofing::picks_csv(*rows);
            } else if (which) {
              print_rows(*rows);
            } else {
              auto links = tables->shares->all();
              if (!links) {
                logger.error(links.error().describe());
                return kExitFatal;
              }
              print_counts(*links, *rows);
            }
            return kExitOk;
          }};
}

}  // namespace vern::cli
