#include "server/request_fields.h"

namespace vern::server {

std::optional<std::string> cookie_value(const Request& request, std::string_view name) {
  for (auto it = request.find(http::field::cookie);
       it != request.end() && it->name() == http::field::cookie; ++it) {
    std::string_view rest = it->value();
    while (!rest.empty()) {
      const auto semicolon = rest.find(';');
      auto pair = rest.substr(0, semicolon);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      const auto eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
        return std::string(pair.substr(eq + 1));
      }
      if (semicolon == std::string_view::npos) break;
      rest = rest.substr(semicolon + 1);
    }
  }
  return std::nullopt;
}

bool is_loopback(const std::string& address) {
  return address == "::1" || address.starts_with("127.");
}

}  // namespace vern::server
