#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vern::server {

// `text` with each %XX replaced by its byte, and with `plus_is_space` each '+' by a space (form
// bodies); nullopt for a truncated or non-hex escape. Used for request paths and form fields.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// The value of field `name` in an application/x-www-form-urlencoded body ("a=1&password=x+y"),
// decoded ('+' is a space, %XX a byte); nullopt when the field is absent or badly encoded.
std::optional<std::string> form_field(std::string_view body, std::string_view name);

}  // namespace vern::server
