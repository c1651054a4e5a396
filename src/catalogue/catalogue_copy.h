#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "catalogue/catalogue_tables.h"
#include "core/result.h"

namespace vern::catalogue {

// How many rows of each table a catalogue holds.
struct ContentCounts {
  std::size_t photos = 0, shares = 0, views = 0, marks = 0;
  bool operator==(const ContentCounts&) const = default;
};

// Everything `tables` holds, read through their interfaces.
[[nodiscard]] Result<CatalogueContents> read_contents(CatalogueTables& tables);
[[nodiscard]] ContentCounts count(const CatalogueContents& contents);

// Copies every photo, share, view and mark of `from` into `to`, which must be empty, ids kept;
// then reads `to` back and fails, naming the table, unless it holds as many rows of each as
// `from` did. `from` is only read. `stage`, when given, hears of each step as it begins
// ("reading", "writing 100000 photos, ...", "counting"), for a display of a long copy.
[[nodiscard]] Result<ContentCounts> copy_catalogue(
    CatalogueTables& from, CatalogueTables& to,
    const std::function<void(const std::string&)>& stage = {});

}  // namespace vern::catalogue
