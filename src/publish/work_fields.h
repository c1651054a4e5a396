#pragma once

#include <toml++/toml.h>

#include <string>
#include <string_view>

#include "core/result.h"
#include "site/work.h"

namespace vern::publish {

// The keys of [photos."NAME"] in album.toml that describe the photo as a work of the show.
bool is_work_field(std::string_view name);

// Reads one of them into `work`, checked: title, medium and price non-empty text (a price may
// also be a number), year a whole number from 1826 (the first photograph) to 2200, print_size
// two dimensions and a unit ("60 × 40 cm", "16x20 in"), edition "N/M" with N ≤ M, optionally
// after AP, EA or HC, or "AP" or "unique" alone; plate a whole number from 1. Fails with what
// is wanted, for the caller to place at the file and line.
[[nodiscard]] Result<void> read_work_field(std::string_view name, const toml::node& value,
                                           site::Work& work);

}  // namespace vern::publish
