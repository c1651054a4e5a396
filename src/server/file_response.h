#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/http_types.h"

namespace vern::server {

// The Content-Type of a file the server sends, by its extension; application/octet-stream for
// others.
std::string_view content_type_for(std::string_view file_name);

// A regular file at `segments` below `root`, opened without following any symbolic link on the
// way (each folder and the file itself opened with O_NOFOLLOW, relative to the one before), so
// a link planted in the folder never reaches outside it. Names starting with '.' are refused
// (markers, temporary files). nullopt when there is no such file or it may not be served.
struct OpenedFile {
  int descriptor = -1;
  std::uintmax_t size = 0;
};
std::optional<OpenedFile> open_beneath(const std::filesystem::path& root,
                                       const std::vector<std::string>& segments);

// A 200 response streaming the whole file, or a 206 with the one range a `Range: bytes=…`
// header asks for, or 416 when that range lies outside the file (several ranges, or a header
// that is not understood, get the whole file, as RFC 9110 allows). Takes the descriptor.
Response file_response(OpenedFile file, std::string_view content_type, const Request& request);

// A single byte range of a file of `size` bytes; nullopt for none or one that is not
// understood; an empty range (first > last) for one that is unsatisfiable.
struct ByteRange {
  std::uintmax_t first = 0;
  std::uintmax_t last = 0;  // inclusive
};
std::optional<ByteRange> parse_byte_range(std::string_view header, std::uintmax_t size);

}  // namespace vern::server
