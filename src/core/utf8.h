#pragma once

#include <cstddef>
#include <string_view>

namespace vern {

// Decodes the UTF-8 sequence starting at text[i]: returns its length in bytes and sets *code_point,
// or returns 0 for a malformed sequence (invalid lead byte, truncated, overlong, surrogate, or
// beyond U+10FFFF).
std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t* code_point);

// True when the whole of `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

}  // namespace vern
