#pragma once

#include <string>
#include <utility>
#include <vector>

#include "scan/source_tree.h"
#include "support/test_support.h"

namespace vern::publish::test_folder {

// An album folder as the scan would give it: one photo, IMG_1.jpg, and `others` beside it.
inline scan::Folder folder_with(const test::TempDir& dir, std::vector<std::string> others) {
  scan::Folder folder;
  scan::SourceFile photo;
  photo.absolute_path = dir / "IMG_1.jpg";
  photo.relative_path = "IMG_1.jpg";
  folder.photos.push_back(photo);
  folder.other_files = std::move(others);
  return folder;
}

}  // namespace vern::publish::test_folder
