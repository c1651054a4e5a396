#include "core/logger.h"

#include <cstdio>

namespace vern {
namespace {

bool needs_quotes(std::string_view value) {
  if (value.empty()) return true;
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '"' || c == '=' || c == '\\') return true;
  }
  return false;
}

}  // namespace

std::string format_event_field(const EventField& field) {
  std::string out(field.key);
  out += '=';
  if (!needs_quotes(field.value)) return out + field.value;
  out += '"';
  for (const char c : field.value) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", u);
      out += escaped;
    } else {
      out += c;  // spaces and UTF-8 as they are, inside the quotes
    }
  }
  return out + '"';
}

}  // namespace vern
