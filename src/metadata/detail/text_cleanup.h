#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vern::metadata::detail {

// Turns a raw metadata string into display text: drops trailing NULs and surrounding whitespace,
// and re-reads bytes that are not valid UTF-8 as Latin-1 (what old cameras and IPTC writers without
// a coded character set produce). Control characters other than tab and newline are removed.
// Sets *reencoded when the Latin-1 fallback was used.
std::string clean_text(std::string_view raw, bool* reencoded = nullptr);

// nullopt for text that carries no information: empty after cleaning, or the fixed placeholder a
// camera writes into every photo ("OLYMPUS DIGITAL CAMERA", "SONY DSC", ...).
std::optional<std::string> meaningful_text(std::string_view raw, bool* reencoded = nullptr);

}  // namespace vern::metadata::detail
