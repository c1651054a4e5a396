#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vern::server {

// The value of field `name` in an application/x-www-form-urlencoded body ("a=1&password=x+y"),
// decoded ('+' is a space, %XX a byte); nullopt when the field is absent or badly encoded.
std::optional<std::string> form_field(std::string_view body, std::string_view name);

}  // namespace vern::server
