#pragma once

namespace vern::metadata {

// exiv2 keeps process-wide state (its XMP toolkit and its log handler). Construct exactly one of
// these in main before any thread reads metadata, and keep it alive until they have finished.
class LibrarySetup {
 public:
  LibrarySetup();
  ~LibrarySetup();
  LibrarySetup(const LibrarySetup&) = delete;
  LibrarySetup& operator=(const LibrarySetup&) = delete;
};

}  // namespace vern::metadata
