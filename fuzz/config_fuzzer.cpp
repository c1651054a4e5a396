// libFuzzer target: vernissage.toml parsing must reject, never crash on, any text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cli/config_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  vern::cli::BuildOptions options;
  (void)vern::cli::apply_config_text(std::string_view(reinterpret_cast<const char*>(data), size),
                                     "vernissage.toml", options);
  return 0;
}
