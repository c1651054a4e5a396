#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "core/derivative.h"
#include "core/result.h"
#include "imaging/derivative_plan.h"
#include "imaging/renderer.h"

namespace vern::imaging::libvips_module {

// imaging::render_derivatives (imaging/renderer.h says what it does), done with libvips.
[[nodiscard]] Result<RenderReport> render_with_libvips(
    std::span<const unsigned char> bytes, const std::string& path, int original_long_edge,
    const std::vector<Derivative>& wanted, const std::filesystem::path& site_root,
    const ImagingSettings& settings, const EmbeddedNotice& notice, const Derivative* decode_as,
    const PictureReading& reading);

}  // namespace vern::imaging::libvips_module
