#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue/catalogue.h"
#include "catalogue/share_table.h"
#include "core/result.h"

// What `vernissage share` decides before anything is written: which photos a link shows, when
// it expires, what state it is in. Pure functions of the catalogue and the time given.
namespace vern::sharing {

using Clock = std::chrono::system_clock;

// ISO 8601 in UTC, to the second: "2026-12-31T23:59:59Z".
std::string iso_utc(Clock::time_point time);

// --expires: "14d" (days from `now`), "36h", or a date "2026-12-31" (the end of that day, UTC).
// Fails on anything else, and on a time that is not after `now`.
[[nodiscard]] Result<std::string> expiry_from(std::string_view text, Clock::time_point now);

// The photos of the catalogue in `folder` (with `recursive`, in its sub-folders too), or those
// `query` (the language of `vernissage search`) matches; present files only, in order of capture
// then path. Fails on a bad query, or when nothing matches (a link to nothing helps no one).
[[nodiscard]] Result<std::vector<catalogue::PhotoRecord>> album_photos(
    catalogue::Catalogue& catalogue, const std::string& folder, bool recursive);
[[nodiscard]] Result<std::vector<catalogue::PhotoRecord>> selected_photos(
    catalogue::Catalogue& catalogue, std::string_view query);

// "active", "expired" or "revoked" at `now`.
std::string share_state(const catalogue::Share& share, Clock::time_point now);

}  // namespace vern::sharing
