#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vern::metadata::detail {

// The three spellings of a capture time, each turned into ISO 8601 "YYYY-MM-DDTHH:MM:SS" with
// "+hh:mm"/"-hh:mm"/"Z" appended when the offset is known. Invalid or placeholder dates
// ("0000:00:00 00:00:00", month 13, empty) give nullopt.

// EXIF DateTimeOriginal "YYYY:MM:DD HH:MM:SS" plus optional OffsetTimeOriginal "+hh:mm".
std::optional<std::string> iso_from_exif(std::string_view date_time, std::string_view offset);

// XMP date "YYYY", "YYYY-MM", "YYYY-MM-DD", "YYYY-MM-DDThh:mm[:ss[.s]][TZD]".
std::optional<std::string> iso_from_xmp(std::string_view value);

// IPTC DateCreated "YYYY-MM-DD" (or "YYYYMMDD") and TimeCreated "hh:mm:ss[+-]hh:mm" (or
// "hhmmss[+-]hhmm"); the time may be empty.
std::optional<std::string> iso_from_iptc(std::string_view date, std::string_view time);

}  // namespace vern::metadata::detail
