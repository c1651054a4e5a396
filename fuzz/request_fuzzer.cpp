// libFuzzer target: what the share server makes of a stranger's request line and headers. A
// path it accepts never holds a segment that could leave its folder; a byte range it accepts
// lies inside the file; a form field decodes without reading past the body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/utf8.h"
#include "server/file_response.h"
#include "server/form_fields.h"
#include "server/request_path.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto path = vern::server::parse_request_path(text)) {
    for (const auto& segment : path->segments) {
      if (segment.empty() || segment == "." || segment == ".." || !vern::is_valid_utf8(segment)) {
        std::abort();
      }
      for (const char c : segment) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '/' || c == '\\' || byte < 0x20 || byte == 0x7f) std::abort();
      }
    }
  }
  constexpr std::uintmax_t kSize = 1000;
  if (const auto range = vern::server::parse_byte_range(text, kSize)) {
    const bool unsatisfiable = range->first > range->last;
    if (!unsatisfiable && range->last >= kSize) std::abort();
  }
  (void)vern::server::form_field(text, "password");
  return 0;
}
