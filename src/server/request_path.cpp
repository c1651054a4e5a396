#include "server/request_path.h"

#include "core/utf8.h"
#include "server/form_fields.h"

namespace vern::server {
namespace {

// One segment, decoded; nullopt when it is malformed or could step out of its folder.
std::optional<std::string> decode_segment(std::string_view raw) {
  auto decoded = percent_decode(raw, false);
  if (!decoded) return std::nullopt;
  for (const char c : *decoded) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '/' || c == '\\') return std::nullopt;
  }
  if (*decoded == "." || *decoded == ".." || !is_valid_utf8(*decoded)) return std::nullopt;
  return decoded;
}

}  // namespace

std::optional<RequestPath> parse_request_path(std::string_view target) {
  if (target.empty() || target.front() != '/') return std::nullopt;
  if (const auto query = target.find('?'); query != std::string_view::npos) {
    target = target.substr(0, query);
  }
  if (target.find('#') != std::string_view::npos) return std::nullopt;
  RequestPath path;
  std::string_view rest = target.substr(1);
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const auto raw = rest.substr(0, slash);
    if (raw.empty()) return std::nullopt;
    auto segment = decode_segment(raw);
    if (!segment) return std::nullopt;
    path.segments.push_back(std::move(*segment));
    if (slash == std::string_view::npos) return path;
    rest = rest.substr(slash + 1);
    if (rest.empty()) path.trailing_slash = true;
  }
  path.trailing_slash = true;  // "/" itself
  return path;
}

}  // namespace vern::server
