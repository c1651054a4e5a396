#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "catalogue/share_table.h"
#include "core/result.h"

// The recipients' marks handed back to the photographer: `vernissage picks` and its exports,
// in the forms their tools take (JSON for scripts, CSV for a spreadsheet, a Lightroom or
// Capture One filter line, XMP sidecars). Pure functions of the catalogue's tables.
namespace vern::proofing {

// One marked photo of one link.
struct PickRow {
  std::int64_t share = 0;
  std::string to;                    // the recipient
  std::string path;                  // the photo's file, where the catalogue last saw it
  std::optional<std::string> state;  // "pick" | "reject"
  std::optional<int> rating;         // 1..5
  std::optional<std::string> comment;
  bool sent = false;  // part of the selection the recipient sent (not changed since)
  std::string updated;
};

// The marks of link `share`, or of every link; in link order, then the link's photo order.
// Fails naming the id when there is no such link.
[[nodiscard]] Result<std::vector<PickRow>> pick_rows(catalogue::ShareTable& shares,
                                                     catalogue::Catalogue& photos,
                                                     std::optional<std::int64_t> share);

// `picks --json` (a contract): an array, one object per marked photo, keys share, to, path,
// state, rating, comment, sent, updated.
std::string picks_json(const std::vector<PickRow>& rows);

// RFC 4180 CSV, UTF-8 with a byte-order mark (Excel then reads Cyrillic names right): file
// name, path, state, rating, comment, recipient, time.
std::string picks_csv(const std::vector<PickRow>& rows);

// The picked files' names, without extension, as one line for Lightroom's Library filter
// (Text, Filename, "Contains": any of the words, separated by spaces) and one for Capture One
// (names separated by commas, as proofing services hand them over). A name holding spaces
// cannot be one word of Lightroom's filter: it is given as its longest word.
struct FilterLines {
  std::string lightroom;
  std::string capture_one;
};
FilterLines filter_lines(const std::vector<PickRow>& rows);

// How sidecars are named: darktable's NAME.EXT.xmp, or Adobe's NAME.xmp.
enum class SidecarStyle { kDarktable, kAdobe };

// An XMP sidecar in `folder` for each picked, rejected or rated photo: xmp:Rating (reject: -1)
// and xmp:Label "Green" for a pick. Never writes over an existing file unless `force` (fails
// naming it, having written nothing); never touches the originals. Returns the files written.
[[nodiscard]] Result<std::vector<std::filesystem::path>> write_xmp_sidecars(
    const std::vector<PickRow>& rows, const std::filesystem::path& folder, SidecarStyle style,
    bool force);

// picks --to-catalogue: the recipients' ratings into the catalogue's own, so `search rating:>=4`
// finds them; a photo the photographer rated keeps its rating unless `overwrite`. A reject sets
// nothing (picks stay searchable with picked:NAME). Returns how many photos changed.
[[nodiscard]] Result<int> ratings_to_catalogue(const std::vector<PickRow>& rows,
                                               catalogue::Catalogue& photos, bool overwrite);

}  // namespace vern::proofing
