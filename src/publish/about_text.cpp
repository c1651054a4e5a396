#include "publish/about_text.h"

#include "core/file_bytes.h"

namespace vern::publish {

Result<std::string> read_about_text(const std::filesystem::path& photos,
                                    const std::optional<std::filesystem::path>& texts) {
  for (const auto* folder : {texts ? &*texts : nullptr, &photos}) {
    if (folder == nullptr) continue;
    const auto file = *folder / kAboutFileName;
    if (!path_exists(file)) continue;
    auto text = read_text_file(file);
    if (!text) return fail(ErrorCode::kIo, "cannot read the About text", file.string());
    return *text;
  }
  return std::string();
}

}  // namespace vern::publish
