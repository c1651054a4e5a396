#pragma once

#include <cstddef>
#include <optional>
#include <span>
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
// CR2/CR3, Olympus ORF, Panasonic RW2, Fujifilm RAF) are kRaw; RAWs that are plain TIFF (NEF, ARW,
// DNG) are kTiff here and are told apart by the decoder.
std::optional<ImageFormat> sniff_image_format(std::span<const unsigned char> head);

}  // namespace vern
