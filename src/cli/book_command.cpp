#include "cli/book_command.h"

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "catalogue/catalogue.h"
#include "cli/exit_codes.h"
#include "cli/works_command.h"
#include "imaging/libvips.h"
#include "publish/exhibition.h"
#include "publish/print_image.h"
#include "show/exhibition_book.h"

namespace vern::cli {
namespace {

// Where pictures made for print are kept between runs (named by recipe, so always current):
// $XDG_CACHE_HOME/vernissage/print, else ~/.cache/vernissage/print.
std::filesystem::path print_cache() {
  if (const char* cache = std::getenv("XDG_CACHE_HOME"); cache && *cache) {
    return std::filesystem::path(cache) / "vernissage" / "print";
  }
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".cache/vernissage/print";
}

std::optional<show::PaperSize> page_size(const std::string& name) {
  if (name == "square") return show::PaperSize{210, 210};
  return show::parse_paper_size(name);
}

}  // namespace

Command add_book_command(CLI::App& app) {
  struct Flags {
    BuildFlags build;
    std::string output, page = "a4", bleed;
  };
  auto flags = std::make_shared<Flags>();
  auto* book = app.add_subcommand("book", "Make the printed exhibition catalogue as a PDF.");
  book->footer(
      "A cover (the site's title, [site] author, the first plate), the statement ([site] "
      "statement, else description), a plate per work in the order of `vernissage works` (a "
      "landscape one as a spread, its caption facing it), and the list of works. Pictures come "
      "from the same renderer as the site's, at 300 ppi or more at their printed size, as JPEG; "
      "fonts are embedded.\n"
      "Example: vernissage book ~/Photos/paris-show -o catalogue.pdf --page 170x240mm --bleed "
      "3mm\n"
      "Exit codes: 0 written; 1 written, but some photos or plates were left out (named on "
      "stderr); 2 "
      "error.");
  add_show_flags(*book, flags->build);
  book->add_option("-o,--output", flags->output, "The PDF to write")->required();
  book->add_option("--page", flags->page,
                   "Page size: a4 (default), a5, square (210 mm) or WxH with mm, cm or in");
  book->add_option("--bleed", flags->bleed,
                   "Bleed for a print shop, e.g. 3mm: pages grow by it, with crop marks");
  return {
      book, [flags](const char* argv0) {
        Logger logger(std::cerr, flags->build.quiet ? Verbosity::kQuiet : Verbosity::kNormal);
        show::BookLayout layout;
        const auto page = page_size(flags->page);
        if (!page) {
          logger.error("--page takes a4, a5, square or a size like 170x240mm (got \"" +
                       flags->page + "\")");
          return kExitFatal;
        }
        layout.page = *page;
        if (!flags->bleed.empty()) {
          const auto bleed = show::parse_bleed(flags->bleed);
          if (!bleed) {
            logger.error("--bleed takes millimetres up to 10, like 3mm (got \"" + flags->bleed +
                         "\")");
            return kExitFatal;
          }
          layout.bleed_mm = *bleed;
        }
        const imaging::Libvips libvips(argv0, 0);
        auto show = show_works(flags->build, libvips, logger);
        if (!show) {
          logger.error(show.error().describe());
          return kExitFatal;
        }
        auto store = catalogue::open_catalogue(show->options.catalogue.string());
        if (!store) {
          logger.error(store.error().describe());
          return kExitFatal;
        }
        const auto& order = show->order;
        const auto& lines = show->works;
        std::vector<show::BookPlate> plates;
        for (std::size_t i = 0; i < order.size(); ++i) {
          plates.push_back({lines[i], order[i]->input.width, order[i]->input.height});
        }
        const auto& site = show->options.site;
        layout.title = site.title;
        layout.photographer = site.author;
        layout.statement = site.statement.empty() ? site.description : site.statement;
        const auto cache = print_cache();
        auto made = show::write_book(
            plates, layout,
            [&](std::size_t i, int long_edge) -> Result<show::BookPicture> {
              logger.info("  plate " + std::to_string(i + 1) + " of " +
                          std::to_string(plates.size()) + ": " + lines[i].title);
              auto picture = publish::print_image(show->exhibition, order[i]->input.source_path,
                                                  long_edge, cache, libvips, **store);
              if (!picture) return tl::unexpected(picture.error());
              return show::BookPicture{std::move(picture->jpeg), picture->width, picture->height};
            },
            flags->output);
        if (!made) {
          logger.error(made.error().describe());
          return kExitFatal;
        }
        const auto counted = [](int n, const char* one, const char* many) {
          return std::to_string(n) + " " + (n == 1 ? one : many);
        };
        logger.info(counted(made->plates, "plate", "plates") + " (" +
                    counted(made->spreads, "spread", "spreads") + ") on " +
                    counted(made->pages, "page", "pages") + ", " +
                    std::to_string(static_cast<int>(std::floor(made->lowest_ppi))) +
                    " ppi at the least, written to " + flags->output);
        for (const auto& skipped : made->skipped) {
          logger.warn(skipped.describe() + " (plate left out)");
        }
        return show->exhibition.problems.empty() && made->skipped.empty() ? kExitOk
                                                                          : kExitSomeSkipped;
      }};
}

}  // namespace vern::cli
