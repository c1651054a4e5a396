#pragma once

#include <optional>
#include <string>

#include "imaging/derivative_plan.h"

// How a link's watermark is kept in the catalogue (catalogue::Share::watermark): JSON with the
// keys text, image, image_hash, position, opacity.
namespace vern::sharing {

std::string watermark_json(const imaging::Watermark& watermark);

// The watermark kept as `json`; inactive for none or for JSON that is not one.
imaging::Watermark watermark_from_json(const std::optional<std::string>& json);

}  // namespace vern::sharing
