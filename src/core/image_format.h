#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vern {

// Image container formats Vernissage recognises by their leading bytes.
enum class ImageFormat { kJpeg, kPng, kTiff, kWebp, kHeif, kAvif, kRaw };

// The lower-case name used in `info --json` and in search filters ("jpeg", "heif", ...).
std::string_view format_name(ImageFormat format);

// The inverse of format_name(); nullopt for an unknown name.
std::optional<ImageFormat> format_from_name(std::string_view name);

// Bytes of a file's head that sniff_image_format() looks at.
inline constexpr std::size_t kFormatSniffBytes = 16;

// Recognises a format from the first bytes of a file (kFormatSniffBytes suffice). The extension is
// never consulted: a PNG called .jpg is a PNG. RAW formats with a signature of their own (Canon
// CRW/CR2/CR3, Olympus ORF, Panasonic RW2, Fujifilm RAF, Minolta MRW, Sigma X3F) are kRaw; RAWs
// that are plain TIFF (NEF, ARW, DNG, PEF, ...) are kTiff here: see photo_format().
std::optional<ImageFormat> sniff_image_format(std::span<const unsigned char> head);

// True for the extension (without the dot, any case) of a camera RAW format: "nef", "DNG", ...
bool is_raw_extension(std::string_view extension);

// A photo's format from its first bytes and its file name. As sniff_image_format(), except that a
// TIFF container named as a camera RAW (.nef, .arw, .dng, .pef, ...) is kRaw: those formats are
// TIFF by design and carry no signature of their own, and their first IFD is the small thumbnail,
// which a TIFF reader would take for the photo.
std::optional<ImageFormat> photo_format(std::span<const unsigned char> head,
                                        std::string_view file_name);

// The lower-case extension of a camera RAW file ("nef", "cr3"), which `search format:nef` matches;
// "" when `file_name` has none.
std::string raw_kind(std::string_view file_name);

}  // namespace vern
