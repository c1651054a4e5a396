#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/photo_metadata.h"

namespace vern::site {

// What a gallery needs to know of a photo shown as a work on its walls: album.toml's
// [photos."NAME"] title, year, medium, print_size, edition, price and plate. Every field is
// optional; a photo without any is not less of a photo.
struct Work {
  std::optional<std::string> title;       // the work's title, over the photo's own
  std::optional<int> year;                // default: the year it was taken
  std::optional<std::string> medium;      // "Archival pigment print"
  std::optional<std::string> print_size;  // "60 × 40 cm"
  std::optional<std::string> edition;     // "1/5", "AP 1/2"
  std::optional<std::string> price;       // "1 200 €"; shown only with show_prices
  std::optional<int> plate;               // its number in the show

  [[nodiscard]] bool empty() const {
    return !title && !year && !medium && !print_size && !edition && !price && !plate;
  }
};

// The year of the work: its own, else the year in the capture time.
std::optional<int> work_year(const Work& work, const PhotoMetadata& metadata);

// The facts of a work in the order a wall label gives them, as (label, value): plate, year,
// medium, size, edition, and the price when `show_prices`. Empty for a photo that is no work
// (no field set): the capture year alone does not make a photo a work.
std::vector<std::pair<std::string, std::string>> work_facts(const Work& work,
                                                            const PhotoMetadata& metadata,
                                                            bool show_prices);

}  // namespace vern::site
