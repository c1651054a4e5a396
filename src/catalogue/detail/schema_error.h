#pragma once

#include <string>

#include "catalogue/catalogue.h"
#include "core/result.h"

namespace vern::catalogue::detail {

// What every backend says of a store written by a newer Vernissage.
inline Error newer_schema_error(int version, const std::string& location) {
  return Error{ErrorCode::kInvalidInput,
               "catalogue was written by a newer Vernissage (schema " + std::to_string(version) +
                   ", this version knows up to " + std::to_string(kSchemaVersion) +
                   "); upgrade Vernissage or choose another catalogue with --catalogue",
               location};
}

}  // namespace vern::catalogue::detail
