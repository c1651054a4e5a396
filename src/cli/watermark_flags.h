#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "core/result.h"
#include "imaging/derivative_plan.h"

namespace vern::cli {

// --watermark TEXT | --watermark-image FILE.png, --watermark-position, --watermark-opacity:
// the same flags on `build` (the public site) and `share create` (one link's images).
struct WatermarkFlags {
  std::string text, image, position = "bottom-right";
  double opacity = 0.5;
};

void add_watermark_flags(CLI::App& command, WatermarkFlags& flags);

// The watermark the flags ask for (inactive when neither text nor image). Fails naming the PNG
// when it cannot be read.
[[nodiscard]] Result<imaging::Watermark> watermark_from(const WatermarkFlags& flags);

}  // namespace vern::cli
