#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "server/http_types.h"

// What the server reads from a request's fields, for the share site and the desk alike.
namespace vern::server {

// The value of cookie `name` from the request's Cookie fields; nullopt when it sends none.
std::optional<std::string> cookie_value(const Request& request, std::string_view name);

// True for an IPv4 or IPv6 loopback address, as the server prints peers.
bool is_loopback(const std::string& address);

}  // namespace vern::server
