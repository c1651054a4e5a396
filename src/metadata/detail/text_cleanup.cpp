#include "metadata/detail/text_cleanup.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "core/utf8.h"

namespace vern::metadata::detail {

namespace {

std::string latin1_to_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0'; }

}  // namespace

std::string clean_text(std::string_view raw, bool* reencoded) {
  // EXIF ASCII fields are NUL-terminated and often NUL- or space-padded to a fixed length.
  if (const auto nul = raw.find('\0'); nul != std::string_view::npos) raw = raw.substr(0, nul);
  while (!raw.empty() && is_space(raw.front())) raw.remove_prefix(1);
  while (!raw.empty() && is_space(raw.back())) raw.remove_suffix(1);

  const bool valid = vern::is_valid_utf8(raw);
  if (reencoded != nullptr) *reencoded = !valid;
  std::string text = valid ? std::string(raw) : latin1_to_utf8(raw);
  std::erase_if(text, [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F;
  });
  return text;
}

namespace {

std::string upper_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Cameras fill ImageDescription with a fixed label on every frame: "OLYMPUS DIGITAL CAMERA",
// "KODAK Digital Still Camera", "SONY DSC", "Minolta DSC", Samsung's "<KENOX S730 / Samsung S730>".
// None of these was written by the photographer, so none may become a caption.
bool is_camera_placeholder(std::string_view text) {
  const std::string upper = upper_ascii(text);
  if (upper.find("DIGITAL CAMERA") != std::string::npos ||
      upper.find("DIGITAL STILL CAMERA") != std::string::npos) {
    return true;
  }
  const bool short_label = std::count(upper.begin(), upper.end(), ' ') <= 2;
  if (short_label && (upper.ends_with(" DSC") || upper == "DSC" || upper == "DCF 1.0" ||
                      upper == "DEFAULT" || upper == "UNTITLED")) {
    return true;
  }
  return upper.size() >= 2 && upper.front() == '<' && upper.back() == '>';
}

}  // namespace

std::optional<std::string> meaningful_text(std::string_view raw, bool* reencoded) {
  std::string text = clean_text(raw, reencoded);
  if (text.empty() || is_camera_placeholder(text)) return std::nullopt;
  return text;
}

}  // namespace vern::metadata::detail
