// libFuzzer target: album.toml parsing must reject, never crash on, any text; no cover it accepts
// may name anything but a photo of the folder.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "publish/album_settings.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  vern::scan::Folder folder;
  vern::scan::SourceFile photo;
  photo.absolute_path = "/photos/album/IMG_1.jpg";
  folder.photos.push_back(photo);
  const auto settings = vern::publish::parse_album_settings(
      std::string_view(reinterpret_cast<const char*>(data), size), "album.toml", folder);
  if (settings && settings->cover && *settings->cover != "IMG_1.jpg") std::abort();
  return 0;
}
