#include "server/request_path.h"

#include "core/utf8.h"

namespace vern::server {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One segment, decoded; nullopt when it is malformed or could step out of its folder.
std::optional<std::string> decode_segment(std::string_view raw) {
  std::string decoded;
  decoded.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%') {
      if (i + 2 >= raw.size()) return std::nullopt;
      const int high = hex_value(raw[i + 1]);
      const int low = hex_value(raw[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      c = static_cast<char>(high * 16 + low);
      i += 2;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '/' || c == '\\') return std::nullopt;
    decoded.push_back(c);
  }
  if (decoded == "." || decoded == ".." || !is_valid_utf8(decoded)) return std::nullopt;
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
