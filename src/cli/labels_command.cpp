#include "cli/labels_command.h"

#include <iostream>
#include <memory>

#include "cli/exit_codes.h"
#include "cli/works_command.h"
#include "show/wall_labels.h"

namespace vern::cli {

Command add_labels_command(CLI::App& app) {
  struct Flags {
    BuildFlags build;
    std::string output, label;
    bool prices = false;
  };
  auto flags = std::make_shared<Flags>();
  auto* labels = app.add_subcommand(
      "labels",
      "Print the wall labels of the show: photographer, title, year, medium, size, "
      "edition, price.");
  labels->footer(
      "One label per work, in the order of `vernissage works`, with the facts of album.toml. "
      "Without --label, 100 × 60 mm labels are laid out on A4 sheets with cut marks; with "
      "--label, each label is a page of that size, for a label printer or a print shop.\n"
      "Example: vernissage labels ~/Photos/paris-show -o labels.pdf --prices\n"
      "Exit codes: 0 written; 1 written, but some photos were left out (named on stderr); 2 "
      "error.");
  add_show_flags(*labels, flags->build);
  labels->add_option("-o,--output", flags->output, "The PDF to write")->required();
  labels->add_option("--label", flags->label,
                     "One label per page of this size: WxH with mm, cm or in, e.g. 100x60mm");
  labels->add_flag("--prices", flags->prices, "Print each work's price on its label");
  return {labels, [flags](const char* argv0) {
            Logger logger(std::cerr, flags->build.quiet ? Verbosity::kQuiet : Verbosity::kNormal);
            show::LabelLayout layout;
            if (!flags->label.empty()) {
              const auto size = show::parse_paper_size(flags->label);
              if (!size) {
                logger.error("--label takes a size like 100x60mm or 4x2.5in (got \"" +
                             flags->label + "\")");
                return kExitFatal;
              }
              layout.label = *size;
              layout.sheet = std::nullopt;
            }
            layout.prices = flags->prices;
            const imaging::Libvips libvips(argv0, 1);
            auto show = show_works(flags->build, libvips, logger);
            if (!show) {
              logger.error(show.error().describe());
              return kExitFatal;
            }
            layout.photographer = show->options.site.author;
            layout.document_title = show->options.site.title + ": wall labels";
            auto written = show::write_wall_labels(show->works, layout, flags->output);
            if (!written) {
              logger.error(written.error().describe());
              return kExitFatal;
            }
            for (const auto& title : written->set_small) {
              logger.warn("the label of \"" + title +
                          "\" is set small to hold its text; a larger --label would read better");
            }
            logger.info(std::to_string(written->labels) + " labels on " +
                        std::to_string(written->pages) + " page(s) written to " + flags->output);
            return show->exhibition.problems.empty() ? kExitOk : kExitSomeSkipped;
          }};
}

}  // namespace vern::cli
